"""The Task aggregate: one WBS task's plan, its dependencies and its progress reports.

Each task has its own version, so work on different tasks of one project never conflicts; rules
spanning tasks (cycles, dates inside the project) are checked by the handler (see project.py)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Self
from uuid import UUID

from pmo_projects.commands import PlanTask, ReplanTask, ReportProgress
from pmo_projects.domain.errors import (
    DateInFuture,
    InvalidDependency,
    InvalidProgress,
    OutsideProjectDates,
)
from pmo_projects.domain.money import ensure_currency, ensure_ordered
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import (
    ProgressReported,
    TaskDependencyAdded,
    TaskDependencyRemoved,
    TaskPlanned,
    TaskReplanned,
)
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.errors import Duplicate, NotFound

# Percent values each earning rule accepts; None = any value 0..100, () = no percent reports.
_ALLOWED_PERCENT: dict[str, tuple[Decimal, ...] | None] = {
    "percent_complete": None,
    "zero_hundred": (Decimal(0), Decimal(100)),
    "fifty_fifty": (Decimal(0), Decimal(50), Decimal(100)),
    "milestone_weighted": (),
    "level_of_effort": (),
}


@dataclass(frozen=True)
class ProjectWindow:
    """What a task needs to know of its project: planned dates and currency."""

    start_on: date
    finish_on: date
    currency: str


def ensure_inside(window: ProjectWindow, start: date, finish: date) -> None:
    if start < window.start_on or finish > window.finish_on:
        raise OutsideProjectDates(
            f"{start}..{finish} is outside the project's {window.start_on}..{window.finish_on}",
            project_start_on=str(window.start_on), project_finish_on=str(window.finish_on),
            pointer="#/planned_start_on" if start < window.start_on else "#/planned_finish_on")


def check_plan(cmd: PlanTask | ReplanTask, window: ProjectWindow) -> None:
    ensure_ordered(cmd.planned_start_on, cmd.planned_finish_on)
    ensure_inside(window, cmd.planned_start_on, cmd.planned_finish_on)
    ensure_currency(cmd.planned_cost, window.currency, pointer="#/planned_cost/currency")


class Task(Aggregate):
    aggregate_type = "task"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.plan: TaskPlanned | None = None
        self.predecessors: dict[UUID, str] = {}
        self.progress: dict[date, Decimal] = {}

    @property
    def project_id(self) -> UUID:
        assert self.plan is not None
        return self.plan.project_id

    @property
    def percent_complete(self) -> Decimal:
        """As of the latest status date reported (a back-dated correction does not move it)."""
        return self.progress[max(self.progress)] if self.progress else Decimal(0)

    @classmethod
    def plan_new(cls, task_id: UUID, project_id: UUID, cmd: PlanTask, *, wbs_code: str,
                 window: ProjectWindow) -> Self:
        check_plan(cmd, window)
        task = cls(task_id)
        task._record(TaskPlanned(
            project_id=project_id, task_id=task_id, parent_task_id=cmd.parent_task_id,
            wbs_code=wbs_code, name=cmd.name, planned_start_on=cmd.planned_start_on,
            planned_finish_on=cmd.planned_finish_on,
            planned_effort_hours=cmd.planned_effort_hours, planned_cost=cmd.planned_cost,
            earning_rule=cmd.earning_rule))  # type: ignore[arg-type]
        return task

    def replan(self, cmd: ReplanTask, window: ProjectWindow) -> None:
        assert self.plan is not None
        check_plan(cmd, window)
        self._record(TaskReplanned(
            project_id=self.project_id, task_id=self.id, parent_task_id=self.plan.parent_task_id,
            wbs_code=self.plan.wbs_code, name=cmd.name, planned_start_on=cmd.planned_start_on,
            planned_finish_on=cmd.planned_finish_on,
            planned_effort_hours=cmd.planned_effort_hours, planned_cost=cmd.planned_cost,
            earning_rule=cmd.earning_rule))  # type: ignore[arg-type]

    def depend_on(self, predecessor_id: UUID, kind: str, lag_days: int) -> None:
        if predecessor_id == self.id:
            raise InvalidDependency("a task cannot depend on itself", pointer="#/predecessor_id")
        if predecessor_id in self.predecessors:
            raise Duplicate(f"task already depends on {predecessor_id}", pointer="#/predecessor_id")
        self._record(TaskDependencyAdded(
            project_id=self.project_id, task_id=self.id, predecessor_id=predecessor_id,
            kind=kind, lag_days=lag_days))  # type: ignore[arg-type]

    def drop_dependency(self, predecessor_id: UUID) -> None:
        if predecessor_id not in self.predecessors:
            raise NotFound(f"task does not depend on {predecessor_id}")
        self._record(TaskDependencyRemoved(project_id=self.project_id, task_id=self.id,
                                           predecessor_id=predecessor_id))

    def report_progress(self, cmd: ReportProgress, today: date) -> None:
        assert self.plan is not None
        if cmd.status_on > today:
            raise DateInFuture(f"status date {cmd.status_on} is after today {today}",
                               pointer="#/status_on")
        allowed = _ALLOWED_PERCENT[self.plan.earning_rule]
        if allowed is not None and cmd.percent_complete not in allowed:
            raise InvalidProgress(
                f"a {self.plan.earning_rule} task accepts percent_complete in "
                f"{[str(a) for a in allowed]}", allowed_values=[str(a) for a in allowed],
                pointer="#/percent_complete")
        self._record(ProgressReported(
            project_id=self.project_id, task_id=self.id, status_on=cmd.status_on,
            percent_complete=cmd.percent_complete,
            remaining_effort_hours=cmd.remaining_effort_hours, comment=cmd.comment))

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case TaskPlanned():
                self.plan = event
            case TaskReplanned():
                self.plan = TaskPlanned(**event.model_dump())
            case TaskDependencyAdded():
                self.predecessors[event.predecessor_id] = event.kind
            case TaskDependencyRemoved():
                self.predecessors.pop(event.predecessor_id, None)
            case ProgressReported():
                self.progress[event.status_on] = event.percent_complete
            case _:
                raise UnknownEvent(event.event_type)

