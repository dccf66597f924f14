"""Chart periods (ISO weeks or calendar months), burn rates and runway (pure)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from enum import StrEnum

from pmo_reporting.metrics.evm import ZERO, Figure


class Interval(StrEnum):
    WEEK = "week"
    MONTH = "month"


def _period_end(day: date, interval: Interval) -> date:
    if interval == Interval.WEEK:
        return day + timedelta(days=6 - day.weekday())
    first_of_next = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return first_of_next - timedelta(days=1)


def periods(start_on: date, end_on: date, interval: Interval) -> list[tuple[date, date]]:
    """Consecutive periods covering [start_on, end_on]; the first and last are clipped to it."""
    result: list[tuple[date, date]] = []
    day = start_on
    while day <= end_on:
        end = min(_period_end(day, interval), end_on)
        result.append((day, end))
        day = end + timedelta(days=1)
    return result


@dataclass(frozen=True, slots=True)
class Burn:
    actual: Figure
    planned: Figure
    runway_periods: Figure


def burn(actual_per_period: Sequence[Decimal], planned_per_period: Sequence[Decimal], *,
         remaining_budget: Decimal, last: int) -> Burn:
    """Mean spend of the last `last` periods, and how many such periods the budget left lasts."""
    if not actual_per_period or last < 1:
        none = Figure(None, "no periods in range")
        return Burn(none, none, none)
    window = min(last, len(actual_per_period))
    actual = sum(actual_per_period[-window:], ZERO) / window
    planned = sum(planned_per_period[-window:], ZERO) / window
    if actual <= 0:
        runway = Figure(None, "no actual spend in the burn window")
    else:
        runway = Figure(max(remaining_budget, ZERO) / actual)
    return Burn(Figure(actual), Figure(planned), runway)
