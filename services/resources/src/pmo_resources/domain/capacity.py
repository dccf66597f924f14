"""Capacity math, pure: scheduled hours minus time off, 0 on holidays; load and over-allocation.

Reporting computes portfolio-wide views from the same event fields with the same rules:
capacity(day) = hours of the weekday under the schedule effective that day, minus time off
(a half day is half that day's hours), and 0 on a holiday of any of the person's calendars or
outside their active dates. Load = sum of active allocations (hours per day, or percent x
capacity). A day is over-allocated when load is strictly greater than capacity."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

ZERO = Decimal(0)
HUNDRED = Decimal(100)
HALF = Decimal("0.5")


@dataclass(frozen=True)
class Schedule:
    effective_from: date
    hours_per_weekday: tuple[Decimal, ...]  # seven values, Monday first


@dataclass(frozen=True)
class TimeOff:
    start_on: date
    end_on: date
    half_days: frozenset[date] = frozenset()


@dataclass(frozen=True)
class Load:
    """One allocation's demand on a person: exactly one of the two is set."""

    start_on: date
    end_on: date
    hours_per_day: Decimal | None = None
    percent_of_capacity: Decimal | None = None

    def hours_on(self, day: date, capacity: Decimal) -> Decimal:
        # A booking does not land on days the person does not work (weekends, holidays, full
        # days off), as in Float or Resource Guru; reporting's capacity views use the same rule.
        if capacity == ZERO or not self.start_on <= day <= self.end_on:
            return ZERO
        if self.hours_per_day is not None:
            return self.hours_per_day
        return (self.percent_of_capacity or ZERO) * capacity / HUNDRED


@dataclass(frozen=True)
class CapacityInputs:
    schedules: Sequence[Schedule]
    holidays: frozenset[date] = frozenset()
    time_off: Sequence[TimeOff] = ()
    active_from: date | None = None
    active_until: date | None = None


@dataclass(frozen=True)
class Day:
    on: date
    scheduled: Decimal
    time_off: Decimal
    holiday: bool
    capacity: Decimal
    load: Decimal = ZERO

    @property
    def over_allocated(self) -> bool:
        return self.load > self.capacity


@dataclass
class CapacityCalculator:
    """Precomputes lookups once so a year of days costs a dict lookup and a bisect per day."""

    inputs: CapacityInputs
    _starts: list[date] = field(init=False)
    _schedules: list[Schedule] = field(init=False)
    _off: dict[date, Decimal] = field(init=False)

    def __post_init__(self) -> None:
        self._schedules = sorted(self.inputs.schedules, key=lambda s: s.effective_from)
        self._starts = [s.effective_from for s in self._schedules]
        self._off = {}
        for leave in self.inputs.time_off:
            for day in days(leave.start_on, leave.end_on):
                share = HALF if day in leave.half_days else Decimal(1)
                self._off[day] = min(Decimal(1), self._off.get(day, ZERO) + share)

    def scheduled(self, day: date) -> Decimal:
        index = bisect_right(self._starts, day) - 1
        return ZERO if index < 0 else self._schedules[index].hours_per_weekday[day.weekday()]

    def _active(self, day: date) -> bool:
        start, until = self.inputs.active_from, self.inputs.active_until
        return (start is None or day >= start) and (until is None or day <= until)

    def day(self, on: date, loads: Iterable[Load] = ()) -> Day:
        holiday = on in self.inputs.holidays
        scheduled = self.scheduled(on) if self._active(on) else ZERO
        off = scheduled * self._off.get(on, ZERO)
        capacity = ZERO if holiday else max(ZERO, scheduled - off)
        load = sum((item.hours_on(on, capacity) for item in loads), ZERO)
        return Day(on=on, scheduled=scheduled, time_off=off, holiday=holiday,
                   capacity=capacity, load=load)


def days(start_on: date, end_on: date) -> Iterator[date]:
    for offset in range((end_on - start_on).days + 1):
        yield start_on + timedelta(days=offset)


def capacity_on(on: date, inputs: CapacityInputs) -> Decimal:
    return CapacityCalculator(inputs).day(on).capacity


def calendar(start_on: date, end_on: date, inputs: CapacityInputs,
             loads: Sequence[Load] = ()) -> list[Day]:
    calculator = CapacityCalculator(inputs)
    return [calculator.day(on, [x for x in loads if x.start_on <= on <= x.end_on])
            for on in days(start_on, end_on)]


def over_allocated_days(start_on: date, end_on: date, inputs: CapacityInputs,
                        loads: Sequence[Load]) -> list[Day]:
    return [day for day in calendar(start_on, end_on, inputs, loads) if day.over_allocated]
