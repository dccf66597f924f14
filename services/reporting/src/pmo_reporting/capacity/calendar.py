"""Pure rules for a person's working hours on one day: schedule, holidays and time off."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

ZERO = Decimal(0)
HALF = Decimal("0.5")


@dataclass(frozen=True)
class Schedule:
    """Hours per weekday (Monday first), valid from `effective_from` until the next schedule."""

    effective_from: date
    hours_per_weekday: tuple[Decimal, ...]


@dataclass(frozen=True)
class TimeOff:
    start_on: date
    end_on: date
    half_days: frozenset[date] = frozenset()

    def share_off(self, day: date) -> Decimal:
        """1 for a full day off, 0.5 for a half day, 0 outside the booking."""
        if not self.start_on <= day <= self.end_on:
            return ZERO
        return HALF if day in self.half_days else Decimal(1)


def days(start: date, end: date) -> Iterator[date]:
    day = start
    while day <= end:
        yield day
        day += timedelta(days=1)


def week_on(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


def month_on(day: date) -> date:
    return day.replace(day=1)


def schedule_on(day: date, schedules: Sequence[Schedule]) -> Schedule | None:
    """The schedule in force: the latest one that took effect on or before `day`."""
    current = None
    for schedule in schedules:
        if schedule.effective_from <= day and (
                current is None or schedule.effective_from > current.effective_from):
            current = schedule
    return current


def capacity_on(day: date, schedules: Sequence[Schedule], holidays: frozenset[date],
                time_off: Iterable[TimeOff]) -> Decimal:
    """Scheduled hours, none on a holiday, less the share booked off that day. Shares add up
    (two half days make a full one) but never past the whole day: the rule of
    pmo_resources.domain.capacity, so both services agree on every figure."""
    schedule = schedule_on(day, schedules)
    if schedule is None or day in holidays:
        return ZERO
    base = schedule.hours_per_weekday[day.weekday()]
    off = min(Decimal(1), sum((booking.share_off(day) for booking in time_off), ZERO))
    return base * (1 - off)


def capacity_days(start: date, end: date, schedules: Sequence[Schedule],
                  holidays: frozenset[date], time_off: Sequence[TimeOff]) -> dict[date, Decimal]:
    """Capacity of each day in [start, end]; days without any hours are left out."""
    ordered = sorted(schedules, key=lambda schedule: schedule.effective_from)
    result = {}
    for day in days(start, end):
        hours = capacity_on(day, ordered, holidays, time_off)
        if hours > 0:
            result[day] = hours
    return result
