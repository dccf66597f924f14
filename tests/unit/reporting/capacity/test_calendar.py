from datetime import date
from decimal import Decimal as D

from pmo_reporting.capacity.calendar import (
    Schedule,
    TimeOff,
    capacity_days,
    month_on,
    week_on,
)

FULL = Schedule(date(2027, 1, 1), (D(8), D(8), D(8), D(8), D(8), D(0), D(0)))
PART = Schedule(date(2027, 2, 1), (D(4), D(4), D(4), D(0), D(0), D(0), D(0)))
MONDAY = date(2027, 1, 4)


def capacity_on(day, schedules, holidays, time_off):
    return capacity_days(day, day, schedules, holidays, time_off).get(day, D(0))


def test_a_weekday_has_the_hours_of_the_schedule_in_force():
    assert capacity_on(MONDAY, [FULL], frozenset(), []) == D(8)


def test_a_later_schedule_takes_over_from_its_effective_date():
    assert capacity_on(date(2027, 2, 4), [PART, FULL], frozenset(), []) == D(0)
    assert capacity_on(date(2027, 2, 1), [PART, FULL], frozenset(), []) == D(4)
    assert capacity_on(date(2027, 1, 28), [PART, FULL], frozenset(), []) == D(8)


def test_before_any_schedule_there_is_no_capacity():
    assert capacity_on(date(2026, 12, 31), [FULL], frozenset(), []) == D(0)


def test_a_holiday_has_no_capacity():
    assert capacity_on(MONDAY, [FULL], frozenset({MONDAY}), []) == D(0)


def test_a_half_day_off_halves_the_day_and_a_full_day_off_empties_it():
    booking = TimeOff(MONDAY, date(2027, 1, 5), frozenset({date(2027, 1, 5)}))
    assert capacity_on(MONDAY, [FULL], frozenset(), [booking]) == D(0)
    assert capacity_on(date(2027, 1, 5), [FULL], frozenset(), [booking]) == D(4)


def test_two_half_day_bookings_on_one_day_make_a_full_day_off_and_never_more():
    half = TimeOff(MONDAY, MONDAY, frozenset({MONDAY}))
    full = TimeOff(MONDAY, MONDAY)
    assert capacity_on(MONDAY, [FULL], frozenset(), [half, half]) == D(0)
    assert capacity_on(MONDAY, [FULL], frozenset(), [half, full]) == D(0)


def test_capacity_days_leaves_out_days_without_hours():
    result = capacity_days(MONDAY, date(2027, 1, 10), [FULL], frozenset({date(2027, 1, 6)}), [])
    assert sorted(result) == [MONDAY, date(2027, 1, 5), date(2027, 1, 7), date(2027, 1, 8)]
    assert sum(result.values()) == D(32)


def test_weeks_start_on_monday_and_months_on_the_first():
    assert week_on(date(2027, 1, 10)) == MONDAY
    assert month_on(date(2027, 1, 10)) == date(2027, 1, 1)
