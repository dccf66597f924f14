"""Folds aggregate rows into the capacity-vs-demand series: one entry per group and period,
periods without any row included as zeros so charts have no holes."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any

from pmo_reporting.capacity.params import period_starts, ratio
from pmo_reporting.capacity.schemas import CapacityGroup, CapacityPeriod
from pmo_reporting.capacity.units import from_e4

NO_CAPACITY = "no capacity in this period"
ZERO = Decimal(0)


def build_groups(keys: Iterable[str], capacity: Iterable[Any], actual: Iterable[Any],
                 demand: Mapping[tuple[str, date], Decimal], *, period: str, from_on: date,
                 to_on: date) -> list[CapacityGroup]:
    sums = {(row.key, row.period_on): row for row in capacity}
    hours = {(row.key, row.period_on): from_e4(row.hours) for row in actual}
    starts = period_starts(from_on, to_on, period)
    return [CapacityGroup(key=key, periods=[
        _period(start, sums.get((key, start)), hours.get((key, start), ZERO),
                demand.get((key, start), ZERO)) for start in starts]) for key in keys]


def _period(start: date, row: Any | None, actual: Decimal, unfilled: Decimal) -> CapacityPeriod:
    capacity = from_e4(row.capacity) if row else ZERO
    hard = from_e4(row.hard) if row else ZERO
    soft = from_e4(row.soft) if row else ZERO
    return CapacityPeriod(
        period_on=start, capacity_hours=capacity, hard_allocated_hours=hard,
        soft_allocated_hours=soft, allocated_hours=hard + soft,
        availability_hours=from_e4(row.free) if row else ZERO, unfilled_request_hours=unfilled,
        actual_hours=actual,
        forecast_utilization=ratio(hard + soft, capacity, undefined=NO_CAPACITY),
        actual_utilization=ratio(actual, capacity, undefined=NO_CAPACITY),
        over_allocated_days=int(row.over_days or 0) if row else 0)
