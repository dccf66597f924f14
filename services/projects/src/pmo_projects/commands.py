"""Commands of the projects service: imperative, immutable requests to change state."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from pmo_shared.kernel.money import Money


@dataclass(frozen=True, kw_only=True)
class CreatePortfolio:
    name: str
    currency: str
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class CreateProgram:
    portfolio_id: UUID
    name: str
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class CharterProject:
    code: str
    name: str
    goals: tuple[str, ...]
    sponsor_id: UUID
    manager_id: UUID
    planned_start_on: date
    planned_finish_on: date
    budget: Money
    project_type: str
    portfolio_id: UUID | None = None
    program_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class AmendCharter:
    name: str
    goals: tuple[str, ...]
    sponsor_id: UUID
    manager_id: UUID
    planned_start_on: date
    planned_finish_on: date
    budget: Money
    project_type: str


@dataclass(frozen=True, kw_only=True)
class ChangePhase:
    to_phase: str
    changed_on: date
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class PlanTask:
    name: str
    planned_start_on: date
    planned_finish_on: date
    planned_effort_hours: Decimal
    planned_cost: Money
    earning_rule: str
    parent_task_id: UUID | None = None
    wbs_code: str | None = None


@dataclass(frozen=True, kw_only=True)
class ReplanTask:
    name: str
    planned_start_on: date
    planned_finish_on: date
    planned_effort_hours: Decimal
    planned_cost: Money
    earning_rule: str


@dataclass(frozen=True, kw_only=True)
class ReportProgress:
    status_on: date
    percent_complete: Decimal
    remaining_effort_hours: Decimal | None = None
    comment: str = ""


@dataclass(frozen=True, kw_only=True)
class PlanMilestone:
    name: str
    due_on: date
    task_id: UUID | None = None
    weight: Decimal = Decimal(0)


@dataclass(frozen=True, kw_only=True)
class CaptureBaseline:
    name: str
    reason: str = ""
    change_request_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class RecordExpense:
    spent_on: date
    amount: Money
    category: str
    task_id: UUID | None = None
    description: str = ""


@dataclass(frozen=True, kw_only=True)
class CorrectExpense:
    spent_on: date
    amount: Money
    category: str
    task_id: UUID | None = None
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class SubmitStatusReport:
    period_end_on: date
    schedule: str
    cost: str
    scope: str
    overall: str
    comment: str
