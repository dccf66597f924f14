"""Loads, for a set of projects, every fact earned value needs as known at one moment."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select

from pmo_reporting.bitemporal import known_at
from pmo_reporting.metrics.evm import TaskPlan, milestone_fraction
from pmo_reporting.projections.facts import from_e4
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_reporting.tables import (
    rm_baselines,
    rm_costs,
    rm_milestones,
    rm_progress,
    rm_project_stamps,
    rm_project_versions,
    rm_projects,
    rm_task_plans,
)


@dataclass
class ProjectFacts:
    project: Any
    baseline: Any | None = None
    pmb: list[TaskPlan] = field(default_factory=list)
    live: list[TaskPlan] = field(default_factory=list)
    progress: dict[str, list[tuple[date, Decimal]]] = field(default_factory=dict)
    milestones: dict[str, list[tuple[Decimal, date | None]]] = field(default_factory=dict)
    actual: dict[str, Decimal] = field(default_factory=dict)
    hours: Decimal = Decimal(0)

    def percent_at(self, task_id: str, day: date) -> Decimal:
        """The latest percent complete reported for a status date up to `day` (0 if none)."""
        percent = Decimal(0)
        for status_on, value in self.progress.get(task_id, ()):
            if status_on > day:
                break
            percent = value
        return percent

    def milestone_fraction(self, task_id: str, day: date) -> Decimal | None:
        weights = self.milestones.get(task_id)
        if not weights:
            return None
        return milestone_fraction((weight, reached_on is not None and reached_on <= day)
                                  for weight, reached_on in weights)


@dataclass(frozen=True)
class Scope:
    """Which projects: one project, a program, a portfolio, or every project (all None)."""

    project_id: str | None = None
    program_id: str | None = None
    portfolio_id: str | None = None


# What reports show and compute from; the rest of the charter is not needed per request.
REPORTED_COLUMNS = ("project_id", "code", "name", "portfolio_id", "program_id", "phase", "currency",
                    "bac_amount")


def load_projects(conn: Connection, scope: Scope, as_known_at: datetime) -> list[Any]:
    """The projects in scope with their charter, hierarchy and phase as known at `as_known_at`,
    their current portfolio as `access_portfolio_id` (access is decided by today's rights) and
    their change stamp (None before their first stamped event)."""
    stamps, source = rm_project_stamps, rm_project_versions
    query = (select(*(source.c[name] for name in REPORTED_COLUMNS),
                    rm_projects.c.portfolio_id.label("access_portfolio_id"),
                    stamps.c.changes, stamps.c.last_recorded_at)
             .select_from(source)
             .join(rm_projects, rm_projects.c.project_id == source.c.project_id)
             .outerjoin(stamps, stamps.c.project_id == source.c.project_id)
             .where(known_at(source, as_known_at))
             .order_by(source.c.code, source.c.project_id))
    for column in ("project_id", "program_id", "portfolio_id"):
        value = getattr(scope, column)
        if value is not None:
            query = query.where(source.c[column] == value)
    return list(conn.execute(query))


def load_facts(conn: Connection, projects: list[Any], when: TimeSlice, *,
               baseline_id: str | None = None, with_live: bool = False) -> dict[str, ProjectFacts]:
    facts = {row.project_id: ProjectFacts(project=row) for row in projects}
    ids = list(facts)
    if not ids:
        return facts
    _baselines(conn, facts, ids, when, baseline_id)
    _plans(conn, facts, when, with_live)
    _progress(conn, facts, ids, when)
    _milestones(conn, facts, ids, when)
    _actuals(conn, facts, ids, when)
    return facts


def _baselines(conn: Connection, facts: dict[str, ProjectFacts], ids: list[str],
               when: TimeSlice, baseline_id: str | None) -> None:
    query = select(rm_baselines).where(rm_baselines.c.project_id.in_(ids),
                                       rm_baselines.c.recorded_at <= when.known_at)
    if baseline_id is not None:
        query = query.where(rm_baselines.c.baseline_id == baseline_id)
    # The current baseline is the latest captured by then; ordering makes the last one win.
    for row in conn.execute(query.order_by(rm_baselines.c.recorded_at)):
        facts[row.project_id].baseline = row


def _task(row: Any) -> TaskPlan:
    return TaskPlan(task_id=row.task_id, start_on=row.start_on, finish_on=row.finish_on,
                    budget=from_e4(row.budget_e4), earning_rule=row.earning_rule)


def _plans(conn: Connection, facts: dict[str, ProjectFacts], when: TimeSlice,
           with_live: bool) -> None:
    baselines = [f.baseline.baseline_id for f in facts.values() if f.baseline is not None]
    live = [pid for pid, f in facts.items() if with_live or f.baseline is None]
    plans = rm_task_plans
    # Only the columns the math needs: converting unused timestamps costs more than the query.
    wanted = select(plans.c.project_id, plans.c.task_id, plans.c.parent_task_id, plans.c.start_on,
                    plans.c.finish_on, plans.c.budget_e4, plans.c.earning_rule)
    if baselines:
        for row in conn.execute(wanted.where(plans.c.plan_id.in_(baselines))):
            facts[row.project_id].pmb.append(_task(row))
    if live:
        rows = list(conn.execute(wanted.where(plans.c.plan_id.in_(live),
                                              known_at(plans, when.known_at))))
        # Summary tasks roll up their children's budgets; counting both would double the plan.
        parents = {(row.project_id, row.parent_task_id) for row in rows if row.parent_task_id}
        for row in rows:
            if (row.project_id, row.task_id) not in parents:
                facts[row.project_id].live.append(_task(row))
    for f in facts.values():
        if f.baseline is None:
            f.pmb = f.live


def _progress(conn: Connection, facts: dict[str, ProjectFacts], ids: list[str],
              when: TimeSlice) -> None:
    p = rm_progress
    query = (select(p.c.project_id, p.c.task_id, p.c.status_on, p.c.percent_complete)
             .where(p.c.project_id.in_(ids), p.c.status_on <= when.as_of,
                    known_at(p, when.known_at))
             .order_by(p.c.status_on))
    for row in conn.execute(query):
        facts[row.project_id].progress.setdefault(row.task_id, []).append(
            (row.status_on, Decimal(row.percent_complete)))


def _milestones(conn: Connection, facts: dict[str, ProjectFacts], ids: list[str],
                when: TimeSlice) -> None:
    query = select(rm_milestones).where(rm_milestones.c.project_id.in_(ids),
                                        rm_milestones.c.task_id.is_not(None),
                                        known_at(rm_milestones, when.known_at))
    for row in conn.execute(query):
        facts[row.project_id].milestones.setdefault(row.task_id, []).append(
            (Decimal(row.weight), row.reached_on))


def _actuals(conn: Connection, facts: dict[str, ProjectFacts], ids: list[str],
             when: TimeSlice) -> None:
    query = (select(rm_costs.c.project_id, rm_costs.c.currency,
                    func.sum(rm_costs.c.amount_e4), func.sum(rm_costs.c.hours))
             .where(rm_costs.c.project_id.in_(ids), rm_costs.c.incurred_on <= when.as_of,
                    known_at(rm_costs, when.known_at))
             .group_by(rm_costs.c.project_id, rm_costs.c.currency))
    hours: dict[str, Decimal] = defaultdict(Decimal)
    for project_id, currency, amount_e4, hour_sum in conn.execute(query):
        facts[project_id].actual[currency] = from_e4(amount_e4)
        # Hours carry two decimals; SQLite sums them as binary floats, so snap back to cents.
        hours[project_id] += Decimal(str(hour_sum or 0)).quantize(Decimal("0.01"))
    for project_id, total in hours.items():
        facts[project_id].hours = total
