"""Chart periods (ISO weeks or calendar months), cumulative curves, burn rates and runway (pure)."""
from __future__ import annotations

from collections.abc import Iterable, Sequence
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


def periods(start_on: date, end_on: date, interval: Interval,
            limit: int | None = None) -> list[tuple[date, date]]:
    """Consecutive periods covering [start_on, end_on]; the first and last are clipped to it.
    With a limit, at most that many (enough to tell a range that is too long)."""
    result: list[tuple[date, date]] = []
    day = start_on
    while day <= end_on and (limit is None or len(result) < limit):
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


@dataclass(frozen=True, slots=True)
class Curve:
    """BAC and cumulative PV, EV and AC at the end of each period of one range, in one currency:
    curves of projects in the same currency add up period by period."""

    bac: Decimal
    pv: tuple[Decimal, ...]
    ev: tuple[Decimal, ...]
    ac: tuple[Decimal, ...]

    @classmethod
    def zero(cls, periods: int) -> Curve:
        zeros = (ZERO,) * periods
        return cls(ZERO, zeros, zeros, zeros)

    def __add__(self, other: Curve) -> Curve:
        return Curve(self.bac + other.bac, _plus(self.pv, other.pv), _plus(self.ev, other.ev),
                     _plus(self.ac, other.ac))

    def burn(self, *, last: int) -> Burn:
        spent = self.ac[-1] if self.ac else ZERO
        return burn(in_period(self.ac), in_period(self.pv), remaining_budget=self.bac - spent,
                    last=last)


def _plus(left: Sequence[Decimal], right: Sequence[Decimal]) -> tuple[Decimal, ...]:
    return tuple(a + b for a, b in zip(left, right, strict=True))


def in_period(cumulative: Iterable[Decimal]) -> list[Decimal]:
    """What each period added to a cumulative series."""
    result, previous = [], ZERO
    for value in cumulative:
        result.append(value - previous)
        previous = value
    return result


def cumulative_at(amounts: Sequence[tuple[date, Decimal]], ends: Sequence[date]) -> list[Decimal]:
    """The running total of dated amounts (sorted by date) at the end of each day in `ends`."""
    result, total, index = [], ZERO, 0
    for end in ends:
        while index < len(amounts) and amounts[index][0] <= end:
            total += amounts[index][1]
            index += 1
        result.append(total)
    return result
