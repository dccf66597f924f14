"""Earned value math: planned value spreads, earning rules and the EVM indicators (pure, Decimal).

Everything is exact Decimal; rounding happens only when a response is rendered. A ratio whose
denominator is zero or undefined is `Figure(None, reason)`, never 0 or infinity."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from enum import StrEnum

from pmo_reporting.metrics.workdays import workdays_before, workdays_through

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
HALF = Decimal("0.5")


class EarningRule(StrEnum):
    PERCENT_COMPLETE = "percent_complete"
    ZERO_HUNDRED = "zero_hundred"
    FIFTY_FIFTY = "fifty_fifty"
    MILESTONE_WEIGHTED = "milestone_weighted"
    LEVEL_OF_EFFORT = "level_of_effort"


class EacMethod(StrEnum):
    BOTTOM_UP = "bottom_up"
    ATYPICAL = "atypical"
    TYPICAL = "typical"
    COMPOSITE = "composite"


@dataclass(frozen=True, slots=True)
class Figure:
    """A derived number, or None with the reason it is undefined."""

    value: Decimal | None
    reason: str | None = None


def ratio(numerator: Decimal, denominator: Decimal, *, reason: str) -> Figure:
    if denominator == 0:
        return Figure(None, reason)
    return Figure(numerator / denominator)


@dataclass(frozen=True, slots=True)
class TaskPlan:
    """One task of the performance measurement baseline (or of the live plan)."""

    task_id: str
    start_on: date
    finish_on: date
    budget: Decimal
    earning_rule: str = EarningRule.PERCENT_COMPLETE
    # Working-day ordinals, computed once: the spread and earned schedule evaluate them often.
    start_index: int = field(init=False)
    length: int = field(init=False)

    def __post_init__(self) -> None:
        start = workdays_before(self.start_on)
        object.__setattr__(self, "start_index", start)
        object.__setattr__(self, "length", max(workdays_through(self.finish_on) - start, 0))


def planned_value_at(task: TaskPlan, elapsed_through: int) -> Decimal:
    """PV of a task once `elapsed_through` working days (an ordinal) have passed.

    Linear over the task's working days; a task with none (it lies on a weekend) plans its whole
    budget on the next working day."""
    length = task.length
    done = min(max(elapsed_through - task.start_index, 0), length)
    if length == 0:
        return task.budget if elapsed_through > task.start_index else ZERO
    return task.budget * done / length


def planned_value(task: TaskPlan, as_of: date) -> Decimal:
    return planned_value_at(task, workdays_through(as_of))


def earned_fraction(rule: str, percent_complete: Decimal,
                    milestone_fraction: Decimal | None = None) -> Decimal:
    """Share of the task budget earned; level_of_effort is handled by `earned_value`."""
    if rule == EarningRule.ZERO_HUNDRED:
        return ONE if percent_complete >= HUNDRED else ZERO
    if rule == EarningRule.FIFTY_FIFTY:
        if percent_complete >= HUNDRED:
            return ONE
        return HALF if percent_complete > 0 else ZERO
    if rule == EarningRule.MILESTONE_WEIGHTED and milestone_fraction is not None:
        return milestone_fraction
    return min(max(percent_complete, ZERO), HUNDRED) / HUNDRED


def earned_value(task: TaskPlan, *, pv: Decimal, percent_complete: Decimal,
                 milestone_fraction: Decimal | None = None) -> Decimal:
    if task.earning_rule == EarningRule.LEVEL_OF_EFFORT:
        return pv
    return task.budget * earned_fraction(task.earning_rule, percent_complete, milestone_fraction)


def milestone_fraction(milestones: Iterable[tuple[Decimal, bool]]) -> Decimal | None:
    """Reached weight over total weight; None when the task has no weighted milestones."""
    total = reached = ZERO
    for weight, is_reached in milestones:
        total += weight
        reached += weight if is_reached else ZERO
    return None if total == 0 else reached / total


@dataclass(frozen=True, slots=True)
class Indicators:
    bac: Decimal
    pv: Decimal
    ev: Decimal
    ac: Decimal
    cv: Decimal
    cv_percent: Figure
    sv: Decimal
    sv_percent: Figure
    cpi: Figure
    spi: Figure
    csi: Figure
    eac_method: EacMethod
    eac: Figure
    etc: Figure
    vac: Figure
    tcpi_bac: Figure
    tcpi_eac: Figure


def estimate_at_completion(method: EacMethod, *, bac: Decimal, ev: Decimal, ac: Decimal,
                           cpi: Figure, spi: Figure, bottom_up_etc: Decimal) -> Figure:
    if method == EacMethod.BOTTOM_UP:
        return Figure(ac + bottom_up_etc)
    if method == EacMethod.ATYPICAL:
        return Figure(ac + bac - ev)
    if method == EacMethod.TYPICAL:
        if cpi.value is None or cpi.value == 0:
            return Figure(None, f"typical EAC needs a CPI: {cpi.reason or 'CPI is 0'}")
        return Figure(bac / cpi.value)
    if cpi.value is None or spi.value is None or cpi.value * spi.value == 0:
        return Figure(None, "composite EAC needs CPI and SPI, both non-zero")
    return Figure(ac + (bac - ev) / (cpi.value * spi.value))


def indicators(*, bac: Decimal, pv: Decimal, ev: Decimal, ac: Decimal,
               method: EacMethod = EacMethod.TYPICAL,
               bottom_up_etc: Decimal | None = None) -> Indicators:
    cpi = ratio(ev, ac, reason="AC is 0: nothing spent yet")
    spi = ratio(ev, pv, reason="PV is 0: nothing planned yet")
    csi = (Figure(cpi.value * spi.value) if cpi.value is not None and spi.value is not None
           else Figure(None, "CSI needs both CPI and SPI"))
    eac = estimate_at_completion(method, bac=bac, ev=ev, ac=ac, cpi=cpi, spi=spi,
                                 bottom_up_etc=bac - ev if bottom_up_etc is None else bottom_up_etc)
    return Indicators(
        bac=bac, pv=pv, ev=ev, ac=ac, cv=ev - ac,
        cv_percent=ratio((ev - ac) * HUNDRED, ev, reason="EV is 0: nothing earned yet"),
        sv=ev - pv, sv_percent=ratio((ev - pv) * HUNDRED, pv, reason="PV is 0: nothing planned yet"),
        cpi=cpi, spi=spi, csi=csi, eac_method=method, eac=eac,
        etc=_derived(eac, lambda value: value - ac),
        vac=_derived(eac, lambda value: bac - value),
        tcpi_bac=(Figure(None, "AC >= BAC: the budget is spent") if ac >= bac
                  else Figure((bac - ev) / (bac - ac))),
        tcpi_eac=_tcpi_eac(eac, bac=bac, ev=ev, ac=ac),
    )


def _derived(eac: Figure, compute: object) -> Figure:
    if eac.value is None:
        return Figure(None, eac.reason)
    return Figure(compute(eac.value))  # type: ignore[operator]


def _tcpi_eac(eac: Figure, *, bac: Decimal, ev: Decimal, ac: Decimal) -> Figure:
    if eac.value is None:
        return Figure(None, eac.reason)
    if eac.value - ac <= 0:
        return Figure(None, "AC >= EAC: nothing left to spend")
    return Figure((bac - ev) / (eac.value - ac))
