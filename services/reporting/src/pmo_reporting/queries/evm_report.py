"""Earned value of one project and of a set of projects, from facts known at one moment."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from pmo_reporting.metrics.earned_schedule import EarnedSchedule, earned_schedule
from pmo_reporting.metrics.evm import (
    ONE,
    ZERO,
    EacMethod,
    EarningRule,
    Indicators,
    earned_fraction,
    earned_value,
    indicators,
    planned_value,
)
from pmo_reporting.projections.facts import from_e4
from pmo_reporting.queries.evm_facts import ProjectFacts


@dataclass(frozen=True)
class Totals:
    """The additive quantities of earned value, summable across projects of one currency."""

    bac: Decimal = ZERO
    pv: Decimal = ZERO
    ev: Decimal = ZERO
    ac: Decimal = ZERO
    bottom_up_etc: Decimal = ZERO

    def __add__(self, other: Totals) -> Totals:
        return Totals(self.bac + other.bac, self.pv + other.pv, self.ev + other.ev,
                      self.ac + other.ac, self.bottom_up_etc + other.bottom_up_etc)


@dataclass(frozen=True)
class ProjectFigures:
    """What one project's indicators derive from, at one time slice: remembered as a unit."""

    currency: str
    totals: Totals
    baseline_id: str | None
    hours: Decimal
    unconverted: dict[str, Decimal] = field(default_factory=dict)
    # Indicators per EAC method, derived on first use: the divisions cost more than a lookup.
    _indicators: dict[EacMethod, Indicators] = field(default_factory=dict, compare=False,
                                                     repr=False)

    def indicators(self, method: EacMethod) -> Indicators:
        found = self._indicators.get(method)
        if found is None:
            totals = self.totals
            found = self._indicators[method] = indicators(
                bac=totals.bac, pv=totals.pv, ev=totals.ev, ac=totals.ac, method=method,
                bottom_up_etc=totals.bottom_up_etc)
        return found


@dataclass(frozen=True)
class ProjectEvm:
    project: Any
    figures: ProjectFigures
    indicators: Indicators
    schedule: EarnedSchedule | None = None

    @property
    def currency(self) -> str:
        return self.figures.currency

    @property
    def totals(self) -> Totals:
        return self.figures.totals


def _bottom_up_etc(facts: ProjectFacts, as_of: date) -> Decimal:
    """Remaining cost of the live plan: each task's current budget not yet earned."""
    remaining = ZERO
    for task in facts.live:
        if task.earning_rule == EarningRule.LEVEL_OF_EFFORT:
            remaining += task.budget - planned_value(task, as_of)
            continue
        fraction = earned_fraction(task.earning_rule, facts.percent_at(task.task_id, as_of),
                                   facts.milestone_fraction(task.task_id, as_of))
        remaining += task.budget * (ONE - fraction)
    return remaining


def values_at(facts: ProjectFacts, day: date) -> tuple[Decimal, Decimal]:
    """PV and EV of the measurement baseline at the end of `day`."""
    pv = ev = ZERO
    for task in facts.pmb:
        task_pv = planned_value(task, day)
        pv += task_pv
        ev += earned_value(task, pv=task_pv, percent_complete=facts.percent_at(task.task_id, day),
                           milestone_fraction=facts.milestone_fraction(task.task_id, day))
    return pv, ev


def project_figures(facts: ProjectFacts, as_of: date) -> ProjectFigures:
    currency = facts.project.currency
    pv, ev = values_at(facts, as_of)
    if facts.baseline is not None:
        bac = from_e4(facts.baseline.bac_e4)
    elif facts.pmb:
        bac = sum((task.budget for task in facts.pmb), ZERO)
    else:
        bac = Decimal(facts.project.bac_amount)
    ac = facts.actual.get(currency, ZERO)
    return ProjectFigures(
        currency=currency,
        totals=Totals(bac, pv, ev, ac, _bottom_up_etc(facts, as_of) if facts.live else bac - ev),
        baseline_id=None if facts.baseline is None else facts.baseline.baseline_id,
        hours=facts.hours,
        unconverted={cur: amount for cur, amount in facts.actual.items() if cur != currency},
    )


def evm_of(project: Any, figures: ProjectFigures, method: EacMethod,
           schedule: EarnedSchedule | None = None) -> ProjectEvm:
    return ProjectEvm(project=project, figures=figures, schedule=schedule,
                      indicators=figures.indicators(method))


def project_evm(facts: ProjectFacts, *, as_of: date, method: EacMethod,
                with_schedule: bool = False) -> ProjectEvm:
    """Earned value of one project; earned schedule (a search over the PV curve) on request."""
    figures = project_figures(facts, as_of)
    schedule = (earned_schedule(facts.pmb, ev=figures.totals.ev, as_of=as_of)
                if with_schedule else None)
    return evm_of(facts.project, figures, method, schedule)


@dataclass(frozen=True)
class CurrencyTotals:
    currency: str
    projects: int
    totals: Totals
    indicators: Indicators


def aggregate(projects: Iterable[ProjectEvm | ProjectFigures],
              method: EacMethod) -> list[CurrencyTotals]:
    """Sums per currency: amounts of different currencies are never added together."""
    sums: dict[str, tuple[int, Totals]] = {}
    for project in projects:
        count, totals = sums.get(project.currency, (0, Totals()))
        sums[project.currency] = (count + 1, totals + project.totals)
    return [
        CurrencyTotals(currency, count, totals, indicators(
            bac=totals.bac, pv=totals.pv, ev=totals.ev, ac=totals.ac, method=method,
            bottom_up_etc=totals.bottom_up_etc))
        for currency, (count, totals) in sorted(sums.items())
    ]
