"""Pure rules for the load an allocation puts on a person's days, hard (confirmed) or soft."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from pmo_reporting.capacity.calendar import ZERO, days

HARD_STATUSES = frozenset({"confirmed"})
SOFT_STATUSES = frozenset({"requested", "proposed"})
# Percent loads are kept to 1/10,000 hour (0.36 s) so every stored figure is an exact integer.
HOURS_QUANTUM = Decimal("0.0001")
# An unnamed request has no calendar yet: it loads the standard week, Monday to Friday, 8 h.
STANDARD_DAY_HOURS = Decimal(8)


@dataclass(frozen=True)
class Allocation:
    allocation_id: str
    start_on: date
    end_on: date
    status: str
    hours_per_day: Decimal | None = None
    percent_of_capacity: Decimal | None = None

    @property
    def is_hard(self) -> bool:
        return self.status in HARD_STATUSES

    @property
    def counts(self) -> bool:
        return self.status in HARD_STATUSES | SOFT_STATUSES

    def load_on(self, capacity: Decimal) -> Decimal:
        """Hours on a day of the given capacity; a day without capacity carries no load, so
        holidays and full days off are not planned over (a half day off still is)."""
        if capacity <= 0 or not self.counts:
            return ZERO
        if self.hours_per_day is not None:
            return self.hours_per_day
        percent = self.percent_of_capacity or ZERO
        return (capacity * percent / 100).quantize(HOURS_QUANTUM, ROUND_HALF_EVEN)


@dataclass(frozen=True)
class DayLoad:
    capacity: Decimal = ZERO
    hard: Decimal = ZERO
    soft: Decimal = ZERO

    @property
    def over_allocated(self) -> bool:
        """Load strictly greater than capacity."""
        return self.hard + self.soft > self.capacity


def person_days(capacity: Mapping[date, Decimal],
                allocations: Sequence[Allocation]) -> dict[date, DayLoad]:
    """Capacity and hard/soft load per day; only days with capacity can carry load."""
    loads = day_loads(capacity, allocations)
    return {day: DayLoad(hours, *loads.get(day, (ZERO, ZERO))) for day, hours in capacity.items()}


def day_loads(capacity: Mapping[date, Decimal],
              allocations: Sequence[Allocation]) -> dict[date, tuple[Decimal, Decimal]]:
    """Hard and soft load of each day that carries any."""
    result: dict[date, tuple[Decimal, Decimal]] = {}
    for allocation in allocations:
        if not allocation.counts:
            continue
        # Days share a handful of capacities: each one's load is worked out once.
        load_at: dict[Decimal, Decimal] = {}
        for day in days(allocation.start_on, allocation.end_on):
            hours = capacity.get(day)
            if hours is None:
                continue
            load = load_at.get(hours)
            if load is None:
                load = load_at[hours] = allocation.load_on(hours)
            if load == 0:
                continue
            hard, soft = result.get(day, (ZERO, ZERO))
            result[day] = (hard + load, soft) if allocation.is_hard else (hard, soft + load)
    return result


def request_hours(start_on: date, end_on: date, hours_per_day: Decimal | None,
                  percent_of_capacity: Decimal | None, period_start: date,
                  period_end: date) -> Decimal:
    """Hours an unnamed request asks for inside [period_start, period_end], standard week."""
    per_day = hours_per_day if hours_per_day is not None else (
        STANDARD_DAY_HOURS * (percent_of_capacity or ZERO) / 100)
    first, last = max(start_on, period_start), min(end_on, period_end)
    weekdays = sum(1 for day in days(first, last) if day.weekday() < 5) if first <= last else 0
    return per_day * weekdays
