from datetime import date
from decimal import Decimal as D

from pmo_reporting.metrics.series import Interval, burn, periods


def test_weekly_periods_end_on_sunday_and_are_clipped_to_the_range():
    assert periods(date(2026, 1, 7), date(2026, 1, 20), Interval.WEEK) == [
        (date(2026, 1, 7), date(2026, 1, 11)), (date(2026, 1, 12), date(2026, 1, 18)),
        (date(2026, 1, 19), date(2026, 1, 20))]


def test_monthly_periods_cross_the_year_end():
    assert periods(date(2025, 12, 15), date(2026, 2, 3), Interval.MONTH) == [
        (date(2025, 12, 15), date(2025, 12, 31)), (date(2026, 1, 1), date(2026, 1, 31)),
        (date(2026, 2, 1), date(2026, 2, 3))]


def test_an_empty_range_has_no_periods():
    assert periods(date(2026, 2, 1), date(2026, 1, 1), Interval.WEEK) == []


def test_burn_rate_is_the_mean_of_the_last_periods_and_runway_divides_the_remainder():
    rates = burn([D("100"), D("200"), D("400")], [D("0"), D("300"), D("300")],
                 remaining_budget=D("900"), last=2)
    assert (rates.actual.value, rates.planned.value, rates.runway_periods.value) == (
        D("300"), D("300"), D("3"))


def test_runway_is_null_when_nothing_was_spent_in_the_window():
    rates = burn([D("100"), D("0")], [D("1"), D("1")], remaining_budget=D("900"), last=1)
    assert (rates.runway_periods.value, rates.runway_periods.reason) == (
        None, "no actual spend in the burn window")


def test_an_overspent_budget_has_zero_runway():
    rates = burn([D("100")], [D("1")], remaining_budget=D("-50"), last=1)
    assert rates.runway_periods.value == D("0")


def test_burn_without_periods_is_null_with_a_reason():
    assert burn([], [], remaining_budget=D("1"), last=4).actual.reason == "no periods in range"
