"""Pure rules for a person's working hours on one day: schedule, holidays and time off."""
from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

ZERO = Decimal(0)
HALF = Decimal("0.5")
ONE = Decimal(1)


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


# Cached: every day written and rolled up asks for both, and people share the same dates.
@lru_cache(maxsize=8192)
def week_on(day: date) -> date:
    """The Monday of the ISO week holding `day`."""
    return day - timedelta(days=day.weekday())


@lru_cache(maxsize=8192)
def month_on(day: date) -> date:
    return day.replace(day=1)


def capacity_days(start: date, end: date, schedules: Sequence[Schedule],
                  holidays: frozenset[date], time_off: Sequence[TimeOff]) -> dict[date, Decimal]:
    """Capacity of each day in [start, end], in date order; days without any hours are left out.

    A day has the hours of the schedule in force (the latest taking effect on or before it), none
    on a holiday, less the share booked off; shares add up (two half days make a full one) but
    never past the whole day: the rule of pmo_resources.domain.capacity, so both services agree.
    Each schedule's working weekdays are stepped through a week at a time, so idle weekdays and
    unscheduled stretches cost nothing (tests hold this to the plain day-by-day rule)."""
    off = _shares_off(time_off, start, end)
    working: list[tuple[int, Decimal]] = []
    for first, last, pattern in _spans(schedules, start, end):
        for weekday, base in enumerate(pattern):
            if base > 0:
                step_in = (weekday - first.weekday()) % 7
                working.extend((ordinal, base) for ordinal in range(
                    first.toordinal() + step_in, last.toordinal() + 1, 7))
    working.sort()
    result = {}
    for ordinal, base in working:
        day = date.fromordinal(ordinal)
        if day in holidays:
            continue
        share = off.get(day)
        hours = base if share is None else base * (1 - share)
        if hours > 0:
            result[day] = hours
    return result


def _spans(schedules: Sequence[Schedule], start: date,
           end: date) -> Iterator[tuple[date, date, tuple[Decimal, ...]]]:
    """[first, last] within [start, end] over which each schedule is the one in force."""
    ordered = sorted(schedules, key=lambda schedule: schedule.effective_from)
    # Of schedules taking effect on the same day, the first listed wins.
    distinct = [s for i, s in enumerate(ordered)
                if i == 0 or s.effective_from != ordered[i - 1].effective_from]
    for index, schedule in enumerate(distinct):
        until = (distinct[index + 1].effective_from - timedelta(days=1)
                 if index + 1 < len(distinct) else end)
        first, last = max(start, schedule.effective_from), min(end, until)
        if first <= last:
            yield first, last, schedule.hours_per_weekday


def _shares_off(time_off: Iterable[TimeOff], start: date, end: date) -> dict[date, Decimal]:
    """Share of each day in [start, end] booked off, capped at the whole day."""
    shares: dict[date, Decimal] = {}
    for booking in time_off:
        for day in days(max(start, booking.start_on), min(end, booking.end_on)):
            shares[day] = shares.get(day, ZERO) + booking.share_off(day)
    return {day: min(ONE, share) for day, share in shares.items()}
