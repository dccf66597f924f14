"""Bodies of the plan: tasks, dependencies, progress, milestones, baselines and the plan view."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, Field
from sqlalchemy import Row

from pmo_projects.api.schemas.common import Hours, Name, Percent, Text, Weight, write_config
from pmo_projects.domain.baseline import Baseline
from pmo_projects.domain.milestone import Milestone
from pmo_projects.domain.task import Task
from pmo_shared.events.projects import BaselineCaptured
from pmo_shared.kernel.money import Money

EarningRule = Literal["percent_complete", "zero_hundred", "fifty_fifty", "milestone_weighted",
                      "level_of_effort"]
DependencyKind = Literal["finish_to_start", "start_to_start", "finish_to_finish",
                         "start_to_finish"]
_TASK = {"name": "Data migration", "planned_start_on": "2027-02-01",
         "planned_finish_on": "2027-03-31", "planned_effort_hours": "320",
         "planned_cost": {"amount": "48000.00", "currency": "EUR"},
         "earning_rule": "percent_complete"}


class TaskFields(BaseModel):
    name: Name
    planned_start_on: date
    planned_finish_on: date
    planned_effort_hours: Hours
    planned_cost: Money
    earning_rule: EarningRule = "percent_complete"


class TaskCreate(TaskFields):
    model_config = write_config({**_TASK, "parent_task_id": None, "wbs_code": "1.2"})
    parent_task_id: UUID | None = None
    wbs_code: str | None = Field(default=None, min_length=1, max_length=64,
                                 pattern=r"^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*$")


class TaskUpdate(TaskFields):
    """Full new planning values; the WBS position does not change."""

    model_config = write_config(_TASK)


class DependencyCreate(BaseModel):
    model_config = write_config({"predecessor_id": "0b6f1c1e-8a5e-4a8e-9d7e-2f1c3b4a5d6e",
                                 "kind": "finish_to_start", "lag_days": 0})
    predecessor_id: UUID
    kind: DependencyKind = "finish_to_start"
    lag_days: int = Field(default=0, ge=-365, le=365)


class ProgressCreate(BaseModel):
    model_config = write_config({"status_on": "2027-02-28", "percent_complete": "40",
                                 "comment": "Customer data migrated"})
    status_on: date
    percent_complete: Percent
    remaining_effort_hours: Hours | None = None
    comment: Text = ""


class TaskRead(BaseModel):
    id: UUID
    version: int
    project_id: UUID
    parent_task_id: UUID | None
    wbs_code: str
    name: str
    planned_start_on: date
    planned_finish_on: date
    planned_effort_hours: Decimal
    planned_cost: Money
    earning_rule: str
    percent_complete: Decimal
    status_on: date | None
    predecessors: dict[UUID, str]
    progress: dict[date, Decimal]

    @classmethod
    def of(cls, task: Task) -> TaskRead:
        plan = task.plan
        assert plan is not None
        return cls(id=task.id, version=task.next_version, **plan.model_dump(
            exclude={"task_id"}), percent_complete=task.percent_complete,
            status_on=max(task.progress) if task.progress else None,
            predecessors=task.predecessors, progress=dict(sorted(task.progress.items())))


class MilestoneCreate(BaseModel):
    model_config = write_config({"name": "Go-live", "due_on": "2027-09-30", "task_id": None,
                                 "weight": "25"})
    name: Name
    due_on: date
    task_id: UUID | None = None
    weight: Weight = Decimal(0)


class MilestoneReschedule(BaseModel):
    model_config = write_config({"due_on": "2027-10-15"})
    due_on: date


class MilestoneReach(BaseModel):
    model_config = write_config({"reached_on": "2027-09-28"})
    reached_on: date


class MilestoneRead(BaseModel):
    id: UUID
    version: int
    project_id: UUID
    name: str
    due_on: date
    task_id: UUID | None
    weight: Decimal
    reached_on: date | None

    @classmethod
    def of(cls, m: Milestone) -> MilestoneRead:
        assert m.project_id is not None
        return cls(id=m.id, version=m.next_version, project_id=m.project_id, name=m.name,
                   due_on=m.due_on, task_id=m.task_id, weight=m.weight, reached_on=m.reached_on)


class BaselineCreate(BaseModel):
    model_config = write_config({"name": "Re-plan after CR-12", "reason": "Scope added by CR-12",
                                 "change_request_id": "0b6f1c1e-8a5e-4a8e-9d7e-2f1c3b4a5d6e"})
    name: Name
    reason: Text = ""
    change_request_id: UUID | None = None


class BaselineRead(BaseModel):
    id: UUID
    version: int
    captured: BaselineCaptured

    @classmethod
    def of(cls, b: Baseline) -> BaselineRead:
        assert b.captured is not None
        return cls(id=b.id, version=b.next_version, captured=b.captured)


class PlanTaskRow(BaseModel):
    id: UUID
    version: int
    parent_task_id: UUID | None
    wbs_code: str
    name: str
    planned_start_on: date
    planned_finish_on: date
    planned_effort_hours: Decimal
    planned_cost: Money
    earning_rule: str
    percent_complete: Decimal
    status_on: date | None
    predecessors: list[UUID]

    @classmethod
    def of_row(cls, r: Row[Any], predecessors: list[UUID] | None = None) -> PlanTaskRow:
        return cls(
            id=r.task_id, version=r.version, parent_task_id=r.parent_task_id,
            wbs_code=r.wbs_code, name=r.name, planned_start_on=r.planned_start_on,
            planned_finish_on=r.planned_finish_on,
            planned_effort_hours=Decimal(r.planned_effort_hours),
            planned_cost=Money(amount=Decimal(r.planned_cost), currency=r.currency),
            earning_rule=r.earning_rule, percent_complete=Decimal(r.percent_complete),
            status_on=r.status_on, predecessors=predecessors or [])
