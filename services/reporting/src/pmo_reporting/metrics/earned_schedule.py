"""Earned schedule (Lipke): ES, SV(t) and SPI(t) in working days, from the time-phased PV curve."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pmo_reporting.metrics.evm import ZERO, Figure, TaskPlan, planned_value_at
from pmo_reporting.metrics.workdays import date_of_workday, workdays_through


@dataclass(frozen=True, slots=True)
class EarnedSchedule:
    es: Figure          # working days from the baseline start whose PV equals today's EV
    at: int             # actual time: working days from the baseline start through the status date
    sv_t: Figure        # ES - AT, in working days
    spi_t: Figure       # ES / AT
    es_on: date | None  # the date ES points at


def _curve(tasks: Sequence[TaskPlan], ordinal: int) -> Decimal:
    return sum((planned_value_at(task, ordinal) for task in tasks), ZERO)


def earned_schedule(tasks: Sequence[TaskPlan], *, ev: Decimal, as_of: date) -> EarnedSchedule:
    if not tasks:
        none = Figure(None, "no planned tasks")
        return EarnedSchedule(none, 0, none, none, None)
    start = min(task.start_index for task in tasks)
    end = max(task.start_index + max(task.length, 1) for task in tasks)
    at = max(workdays_through(as_of) - start, 0)
    # C: the last whole working day whose cumulative PV is still <= EV (PV never decreases).
    low, high = start, end
    while low < high:
        middle = (low + high + 1) // 2
        if _curve(tasks, middle) <= ev:
            low = middle
        else:
            high = middle - 1
    whole = low
    es = Decimal(whole - start)
    if whole < end:
        here, after = _curve(tasks, whole), _curve(tasks, whole + 1)
        if after > here:
            es += (ev - here) / (after - here)
    es_on = date_of_workday(start + int(es)) if es >= 1 else None
    spi_t = Figure(es / at) if at else Figure(None, "AT is 0: the status date is before the start")
    return EarnedSchedule(Figure(es), at, Figure(es - at), spi_t, es_on)
