"""Capacity math: part-time schedules, holidays, half-day time off, the strictly-greater rule."""
from datetime import date, timedelta
from decimal import Decimal as D

from pmo_resources.domain.capacity import (
    CapacityInputs,
    Load,
    Schedule,
    TimeOff,
    calendar,
    capacity_on,
    over_allocated_days,
)

MONDAY = date(2027, 3, 1)
FULL_TIME = Schedule(date(2027, 1, 1), (D(8),) * 5 + (D(0),) * 2)
PART_TIME = Schedule(MONDAY + timedelta(weeks=2), (D(8), D(8), D(4), D(0), D(0), D(0), D(0)))


def total(days):
    return sum((day.capacity for day in days), D(0))


def test_a_full_time_week_has_forty_hours_and_no_weekend_capacity():
    days = calendar(MONDAY, MONDAY + timedelta(days=6), CapacityInputs(schedules=[FULL_TIME]))
    assert [day.capacity for day in days] == [D(8)] * 5 + [D(0)] * 2
    assert total(days) == D(40)


def test_a_part_time_schedule_applies_from_its_effective_date_only():
    inputs = CapacityInputs(schedules=[PART_TIME, FULL_TIME])
    four_weeks = calendar(MONDAY, MONDAY + timedelta(weeks=4, days=-1), inputs)
    assert total(four_weeks) == D(40) + D(40) + D(20) + D(20)


def test_a_holiday_has_zero_capacity_whatever_the_schedule():
    inputs = CapacityInputs(schedules=[FULL_TIME], holidays=frozenset({MONDAY}))
    assert capacity_on(MONDAY, inputs) == D(0)
    assert calendar(MONDAY, MONDAY, inputs)[0].holiday is True


def test_a_half_day_of_time_off_takes_half_the_days_hours():
    leave = TimeOff(MONDAY + timedelta(days=2), MONDAY + timedelta(days=2),
                    frozenset({MONDAY + timedelta(days=2)}))
    inputs = CapacityInputs(schedules=[PART_TIME], time_off=[leave])
    assert capacity_on(MONDAY + timedelta(days=2), inputs) == D(0)  # before the part-time start
    later = MONDAY + timedelta(weeks=2, days=2)
    inputs = CapacityInputs(schedules=[PART_TIME], time_off=[TimeOff(later, later,
                                                                     frozenset({later}))])
    assert capacity_on(later, inputs) == D(2)


def test_capacity_over_weeks_combines_part_time_holidays_and_half_days():
    easter_monday = MONDAY + timedelta(weeks=3)
    leave = TimeOff(MONDAY + timedelta(days=3), MONDAY + timedelta(days=4),
                    frozenset({MONDAY + timedelta(days=4)}))
    inputs = CapacityInputs(schedules=[FULL_TIME, PART_TIME], holidays=frozenset({easter_monday}),
                            time_off=[leave])
    days = calendar(MONDAY, MONDAY + timedelta(weeks=4, days=-1), inputs)
    # week 1: 40 - 8 (Thu) - 4 (half Fri); week 2: 40; weeks 3-4 part-time 20, minus Easter Monday
    assert total(days) == D(28) + D(40) + D(20) + D(12)


def test_nobody_has_capacity_outside_their_active_dates():
    inputs = CapacityInputs(schedules=[FULL_TIME], active_from=MONDAY + timedelta(days=1),
                            active_until=MONDAY + timedelta(days=3))
    days = calendar(MONDAY, MONDAY + timedelta(days=4), inputs)
    assert [day.capacity for day in days] == [D(0), D(8), D(8), D(8), D(0)]


def test_two_half_allocations_on_a_full_day_are_not_over_allocated():
    inputs = CapacityInputs(schedules=[FULL_TIME])
    half = Load(MONDAY, MONDAY, percent_of_capacity=D(50))
    assert over_allocated_days(MONDAY, MONDAY, inputs, [half, half]) == []


def test_a_third_half_allocation_is_flagged_with_load_and_capacity():
    inputs = CapacityInputs(schedules=[FULL_TIME])
    half = Load(MONDAY, MONDAY, percent_of_capacity=D(50))
    [day] = over_allocated_days(MONDAY, MONDAY, inputs, [half, half, half])
    assert (day.on, day.load, day.capacity) == (MONDAY, D(12), D(8))


def test_a_booking_does_not_land_on_a_holiday_so_it_is_not_over_allocated():
    inputs = CapacityInputs(schedules=[FULL_TIME], holidays=frozenset({MONDAY}))
    assert over_allocated_days(MONDAY, MONDAY, inputs,
                               [Load(MONDAY, MONDAY, hours_per_day=D(1))]) == []
    assert over_allocated_days(MONDAY, MONDAY, inputs,
                               [Load(MONDAY, MONDAY, percent_of_capacity=D(100))]) == []
