"""Effective-dated cost rates and labour cost."""
from datetime import date
from decimal import Decimal as D

import pytest

from pmo_resources.domain.errors import InvalidField
from pmo_resources.domain.rates import Rate, check_rate, labour_cost, rate_on, with_rate
from pmo_shared.kernel.money import Money


def eur(amount):
    return Money(amount=D(amount), currency="EUR")


RATES = with_rate(with_rate((), Rate(date(2027, 1, 1), eur("80.00"))),
                  Rate(date(2027, 4, 1), eur("90.00")))


def test_the_rate_of_a_day_is_the_one_effective_on_that_day():
    assert rate_on(RATES, date(2027, 3, 31)) == eur("80.00")
    assert rate_on(RATES, date(2027, 4, 1)) == eur("90.00")


def test_no_rate_applies_before_the_first_one():
    assert rate_on(RATES, date(2026, 12, 31)) is None


def test_a_later_rate_does_not_change_earlier_days():
    later = with_rate(RATES, Rate(date(2027, 6, 1), eur("95.00")))
    assert rate_on(later, date(2027, 5, 31)) == eur("90.00")


def test_setting_a_rate_again_for_the_same_day_replaces_it():
    again = with_rate(RATES, Rate(date(2027, 4, 1), eur("85.00")))
    assert [r.hourly_rate for r in again] == [eur("80.00"), eur("85.00")]


def test_labour_cost_is_hours_times_rate_at_full_precision():
    assert labour_cost(D("7.25"), eur("85.55")).amount == D("620.2375")


def test_a_rate_with_fractions_of_a_cent_is_refused_with_its_pointer():
    with pytest.raises(InvalidField) as refused:
        check_rate(eur("10.005"))
    assert refused.value.extensions["pointer"] == "#/hourly_rate/amount"


def test_a_rate_above_a_million_an_hour_is_refused():
    with pytest.raises(InvalidField):
        check_rate(eur("1000000.01"))
