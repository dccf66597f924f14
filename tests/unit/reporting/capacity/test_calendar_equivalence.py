"""capacity_days takes shortcuts (weekday stepping, shares precomputed); these tests hold it to the
plain rule, written here day by day."""
from datetime import date, timedelta
from decimal import Decimal as D

from hypothesis import given, settings
from hypothesis import strategies as st

from pmo_reporting.capacity.calendar import Schedule, TimeOff, capacity_days, days

ORIGIN = date(2026, 12, 20)
SPAN = 120
on = st.integers(0, SPAN).map(lambda offset: ORIGIN + timedelta(days=offset))
hours = st.sampled_from([D(0), D(0), D(8), D("7.5"), D("4.25"), D("0.0001"), D("24")])
schedules = st.lists(st.builds(Schedule, on, st.tuples(*[hours] * 7)), max_size=4)


@st.composite
def bookings(draw: st.DrawFn) -> TimeOff:
    start = draw(on)
    end = start + timedelta(days=draw(st.integers(0, 20)))
    halves = draw(st.frozensets(st.integers(0, 20).map(lambda n: start + timedelta(days=n))))
    return TimeOff(start, end, halves)


def capacity_on(day: date, schedules: list[Schedule], holidays: frozenset[date],
                time_off: list[TimeOff]) -> D:
    """The schedule in force (latest effective on or before `day`, the first listed of a tie), no
    hours on a holiday, less the share booked off, capped at the whole day."""
    in_force = [s for s in schedules if s.effective_from <= day]
    if not in_force or day in holidays:
        return D(0)
    latest = max(s.effective_from for s in in_force)
    schedule = next(s for s in in_force if s.effective_from == latest)
    off = min(D(1), sum((booking.share_off(day) for booking in time_off), D(0)))
    return schedule.hours_per_weekday[day.weekday()] * (1 - off)


def per_day(start: date, end: date, schedules: list[Schedule], holidays: frozenset[date],
            time_off: list[TimeOff]) -> dict[date, D]:
    result = {day: capacity_on(day, schedules, holidays, time_off) for day in days(start, end)}
    return {day: hours for day, hours in result.items() if hours > 0}


@settings(max_examples=400, deadline=None)
@given(schedules, st.frozensets(on, max_size=10), st.lists(bookings(), max_size=5), on, on)
def test_capacity_days_equals_capacity_on_asked_day_by_day(schedules, holidays, time_off, a, b):
    start, end = min(a, b), max(a, b)
    fast = capacity_days(start, end, schedules, holidays, time_off)
    assert list(fast.items()) == list(per_day(start, end, schedules, holidays, time_off).items())


def test_of_two_schedules_taking_effect_the_same_day_the_first_listed_wins():
    full = Schedule(ORIGIN, (D(8),) * 7)
    half = Schedule(ORIGIN, (D(4),) * 7)
    assert capacity_days(ORIGIN, ORIGIN, [full, half], frozenset(), []) == {ORIGIN: D(8)}
    assert capacity_days(ORIGIN, ORIGIN, [half, full], frozenset(), []) == {ORIGIN: D(4)}


def test_a_day_in_two_bookings_is_off_once_and_a_stretch_without_schedule_has_nothing():
    week = Schedule(date(2027, 1, 4), (D(8),) * 5 + (D(0),) * 2)
    monday = date(2027, 1, 4)
    both = [TimeOff(monday, monday, frozenset({monday})), TimeOff(monday, date(2027, 1, 5))]
    result = capacity_days(date(2027, 1, 1), date(2027, 1, 8), [week], frozenset(), both)
    assert result == {date(2027, 1, 6): D(8), date(2027, 1, 7): D(8), date(2027, 1, 8): D(8)}
