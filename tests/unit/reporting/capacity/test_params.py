from datetime import date
from decimal import Decimal as D

import pytest

from pmo_reporting.capacity.params import (
    InvalidReportParameters,
    check_range,
    period_starts,
    ratio,
)
from pmo_reporting.capacity.units import from_e4, to_e4


def test_week_periods_start_on_the_monday_before_the_range():
    assert period_starts(date(2027, 1, 6), date(2027, 1, 18), "week") == [
        date(2027, 1, 4), date(2027, 1, 11), date(2027, 1, 18)]


def test_month_periods_cross_the_year_end():
    assert period_starts(date(2026, 11, 15), date(2027, 1, 2), "month") == [
        date(2026, 11, 1), date(2026, 12, 1), date(2027, 1, 1)]


def test_a_ratio_is_rounded_half_even_to_four_places():
    assert ratio(D("15.5"), D(24), undefined="x").value == D("0.6458")
    assert ratio(D(1), D(80000), undefined="x").value == D("0.0000")


def test_a_ratio_over_zero_is_null_with_its_reason():
    figure = ratio(D(5), D(0), undefined="no capacity in this period")
    assert (figure.value, figure.reason) == (None, "no capacity in this period")


def test_a_range_ending_before_it_starts_is_refused_naming_to_on():
    with pytest.raises(InvalidReportParameters) as refused:
        check_range(date(2027, 2, 1), date(2027, 1, 1), "week")
    assert refused.value.extensions == {"parameter": "query.to_on"}


def test_stored_units_round_trip_exactly_and_refuse_a_fifth_decimal_place():
    assert from_e4(to_e4(D("123.4567"))) == D("123.4567")
    with pytest.raises(ValueError):
        to_e4(D("0.00001"))
