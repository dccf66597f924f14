from datetime import date
from decimal import Decimal as D

from pmo_reporting.metrics.series import Curve, Interval, burn, cumulative_at, periods


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


def curve(bac, pv, ac):
    return Curve(D(bac), tuple(map(D, pv)), tuple(map(D, pv)),
                 tuple(map(D, ac)))


def test_curves_in_one_currency_add_up_period_by_period():
    total = curve("100", ["10", "30"], ["5", "20"]) + curve("50", ["1", "2"], ["0", "7"])
    assert total == curve("150", ["11", "32"], ["5", "27"])


def test_a_curves_burn_rate_and_runway_use_what_each_period_added():
    rates = curve("100", ["10", "30"], ["5", "20"]).burn(last=2)
    assert (rates.actual.value, rates.planned.value, rates.runway_periods.value) == (
        D("10"), D("15"), D("8"))


def test_dated_amounts_accumulate_up_to_each_period_end():
    amounts = [(date(2026, 1, 5), D("1.5")), (date(2026, 1, 12), D("2"))]
    assert cumulative_at(amounts, [date(2026, 1, 4), date(2026, 1, 11), date(2026, 1, 18)]) == [
        D("0"), D("1.5"), D("3.5")]


def test_periods_stop_at_the_limit_so_a_huge_range_costs_nothing():
    assert len(periods(date(1900, 1, 1), date(9000, 12, 31), Interval.WEEK, limit=261)) == 261
