"""Pure velocity rules: when a task counts as completed, and completed effort per period with
the mean of the last N closed periods."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from pmo_reporting.capacity.params import next_period, period_start

HUNDRED = Decimal(100)


def completed_on(reports: Iterable[tuple[date, Decimal]]) -> date | None:
    """The status date progress reached 100% and stayed there; a task reopened later (a
    report below 100% after it) is not complete until it reaches 100% again."""
    done = None
    for status_on, percent in sorted(reports):
        if percent >= HUNDRED:
            done = done or status_on
        else:
            done = None
    return done


@dataclass(frozen=True)
class Velocity:
    periods: list[tuple[date, Decimal, bool]]  # start, completed effort, closed
    mean: Decimal | None
    mean_reason: str | None
    periods_in_mean: int


def velocity(completions: Mapping[str, date], effort: Mapping[str, Decimal], *, period: str,
             from_on: date, as_of: date, last_n: int) -> Velocity:
    """Completed planned effort per period from `from_on` to `as_of`; a period is closed when it
    ended on or before `as_of`. The mean is over the last `last_n` closed periods, counted back
    from `as_of` even before `from_on`, empty periods included."""
    done: dict[date, Decimal] = {}
    for task, on in completions.items():
        start = period_start(on, period)
        done[start] = done.get(start, Decimal(0)) + effort.get(task, Decimal(0))
    series, start = [], period_start(from_on, period)
    while start <= as_of:
        series.append((start, done.get(start, Decimal(0)), _closed(start, period, as_of)))
        start = next_period(start, period)
    closed = _last_closed(as_of, period, last_n)
    if not closed:
        return Velocity(series, None, "no closed period yet", 0)
    total = sum((done.get(start, Decimal(0)) for start in closed), Decimal(0))
    return Velocity(series, total / len(closed), None, len(closed))


def _closed(start: date, period: str, as_of: date) -> bool:
    return next_period(start, period) - timedelta(days=1) <= as_of


def _last_closed(as_of: date, period: str, count: int) -> list[date]:
    start = period_start(as_of, period)
    if not _closed(start, period, as_of):
        start = period_start(start - timedelta(days=1), period)
    starts = []
    while len(starts) < count:
        starts.append(start)
        start = period_start(start - timedelta(days=1), period)
    return starts
