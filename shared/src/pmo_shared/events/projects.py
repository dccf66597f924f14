"""Events of the projects service: portfolios, programs, projects, plans, progress and costs.

Field names follow docs/event-contracts.md. Every project-scoped event carries `project_id`;
hours, weights and percentages are Decimal; money is Money; `*_on` are business dates."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.registry import catalogue
from pmo_shared.kernel.money import Money

EarningRule = Literal[
    "percent_complete", "zero_hundred", "fifty_fifty", "milestone_weighted", "level_of_effort"]
Rag = Literal["green", "amber", "red"]
Phase = Literal["proposed", "approved", "planning", "executing", "closing", "closed", "on_hold",
                "cancelled"]
DependencyKind = Literal["finish_to_start", "start_to_start", "finish_to_finish",
                         "start_to_finish"]


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- portfolios, programs, strategy ---------------------------------------------------------

@catalogue.register
class PortfolioCreated(DomainEvent):
    event_type = "projects.portfolio.created"
    portfolio_id: UUID
    name: str
    currency: str
    description: str = ""


class CriterionWeight(_Part):
    """A prioritization criterion (strategic_alignment, value, risk, cost) and its weight."""

    criterion: str
    weight: Decimal


@catalogue.register
class PortfolioCriteriaConfigured(DomainEvent):
    """Full new list of weighted prioritization criteria of one portfolio."""

    event_type = "projects.portfolio.criteria_configured"
    portfolio_id: UUID
    criteria: list[CriterionWeight]


@catalogue.register
class StrategicObjectiveDefined(DomainEvent):
    event_type = "projects.portfolio.objective_defined"
    portfolio_id: UUID
    objective_id: UUID
    name: str
    description: str = ""


@catalogue.register
class ProgramCreated(DomainEvent):
    event_type = "projects.program.created"
    program_id: UUID
    portfolio_id: UUID
    name: str
    description: str = ""


# --- project charter, hierarchy, life cycle, funding ----------------------------------------

@catalogue.register
class ProjectChartered(DomainEvent):
    event_type = "projects.project.chartered"
    project_id: UUID
    code: str
    name: str
    goals: list[str]
    sponsor_id: UUID
    manager_id: UUID
    planned_start_on: date
    planned_finish_on: date
    budget: Money
    project_type: str
    portfolio_id: UUID | None = None
    program_id: UUID | None = None


@catalogue.register
class ProjectCharterAmended(DomainEvent):
    """Full new values of the amendable charter fields (the currency never changes)."""

    event_type = "projects.project.charter_amended"
    project_id: UUID
    name: str
    goals: list[str]
    sponsor_id: UUID
    manager_id: UUID
    planned_start_on: date
    planned_finish_on: date
    budget: Money
    project_type: str


@catalogue.register
class ProjectMoved(DomainEvent):
    event_type = "projects.project.moved"
    project_id: UUID
    portfolio_id: UUID | None
    program_id: UUID | None
    from_portfolio_id: UUID | None = None
    from_program_id: UUID | None = None


@catalogue.register
class ProjectPhaseChanged(DomainEvent):
    event_type = "projects.project.phase_changed"
    project_id: UUID
    from_phase: Phase
    to_phase: Phase
    changed_on: date
    reason: str = ""
    gate_id: UUID | None = None


@catalogue.register
class ProjectBaselined(DomainEvent):
    """The project adopted a captured baseline as its current one (the plan lives in the
    `projects.baseline.captured` event); the first one sets budget at completion."""

    event_type = "projects.project.baselined"
    project_id: UUID
    baseline_id: UUID
    name: str
    number: int
    budget_at_completion: Money
    reason: str = ""
    change_request_id: UUID | None = None


@catalogue.register
class ProjectLinkedToObjective(DomainEvent):
    event_type = "projects.project.objective_linked"
    project_id: UUID
    portfolio_id: UUID
    objective_id: UUID
    weight: Decimal


class CriterionRating(_Part):
    """A project's rating on one criterion, 0..10, higher is better (10 = least risk, cost)."""

    criterion: str
    rating: Decimal


@catalogue.register
class ProjectRated(DomainEvent):
    """Full new ratings of a project on its portfolio's prioritization criteria."""

    event_type = "projects.project.rated"
    project_id: UUID
    ratings: list[CriterionRating]


@catalogue.register
class BudgetLinePlanned(DomainEvent):
    event_type = "projects.budget_line.planned"
    project_id: UUID
    budget_line_id: UUID
    category: str
    amount: Money
    description: str = ""


@catalogue.register
class FundingTrancheApproved(DomainEvent):
    event_type = "projects.funding_tranche.approved"
    project_id: UUID
    tranche_id: UUID
    phase: Phase
    amount: Money


@catalogue.register
class FundingTrancheReleased(DomainEvent):
    """Released automatically when the project enters the tranche's phase."""

    event_type = "projects.funding_tranche.released"
    project_id: UUID
    tranche_id: UUID
    phase: Phase
    amount: Money
    released_on: date


# --- plan: tasks, dependencies, milestones, baselines ---------------------------------------

@catalogue.register
class TaskPlanned(DomainEvent):
    event_type = "projects.task.planned"
    project_id: UUID
    task_id: UUID
    parent_task_id: UUID | None
    wbs_code: str
    name: str
    planned_start_on: date
    planned_finish_on: date
    planned_effort_hours: Decimal
    planned_cost: Money
    earning_rule: EarningRule


@catalogue.register
class TaskReplanned(DomainEvent):
    """Full new values of the planning fields."""

    event_type = "projects.task.replanned"
    project_id: UUID
    task_id: UUID
    parent_task_id: UUID | None
    wbs_code: str
    name: str
    planned_start_on: date
    planned_finish_on: date
    planned_effort_hours: Decimal
    planned_cost: Money
    earning_rule: EarningRule


@catalogue.register
class TaskDependencyAdded(DomainEvent):
    """`task_id` depends on `predecessor_id` (finish-to-start unless `kind` says otherwise)."""

    event_type = "projects.task.dependency_added"
    project_id: UUID
    task_id: UUID
    predecessor_id: UUID
    kind: DependencyKind = "finish_to_start"
    lag_days: int = 0


@catalogue.register
class TaskDependencyRemoved(DomainEvent):
    event_type = "projects.task.dependency_removed"
    project_id: UUID
    task_id: UUID
    predecessor_id: UUID


@catalogue.register
class ProgressReported(DomainEvent):
    """Percent complete as of `status_on`; a back-dated correction is a later event with an
    earlier status_on (record time is the envelope's `time`)."""

    event_type = "projects.progress.reported"
    project_id: UUID
    task_id: UUID
    status_on: date
    percent_complete: Decimal
    remaining_effort_hours: Decimal | None = None
    comment: str = ""


@catalogue.register
class MilestonePlanned(DomainEvent):
    event_type = "projects.milestone.planned"
    project_id: UUID
    milestone_id: UUID
    name: str
    due_on: date
    task_id: UUID | None = None
    weight: Decimal = Decimal(0)


@catalogue.register
class MilestoneRescheduled(DomainEvent):
    event_type = "projects.milestone.rescheduled"
    project_id: UUID
    milestone_id: UUID
    due_on: date
    task_id: UUID | None = None
    weight: Decimal = Decimal(0)


@catalogue.register
class MilestoneReached(DomainEvent):
    event_type = "projects.milestone.reached"
    project_id: UUID
    milestone_id: UUID
    reached_on: date
    task_id: UUID | None = None
    weight: Decimal = Decimal(0)


class SpreadPeriod(_Part):
    """The share of a task's budget planned for the month starting `period_start_on`."""

    period_start_on: date
    amount: Money


class BaselineTask(_Part):
    task_id: UUID
    wbs_code: str
    planned_start_on: date
    planned_finish_on: date
    budget: Money
    earning_rule: EarningRule
    planned_effort_hours: Decimal
    spread: list[SpreadPeriod] = []


@catalogue.register
class BaselineCaptured(DomainEvent):
    """An immutable snapshot of the plan; it becomes the project's current baseline."""

    event_type = "projects.baseline.captured"
    project_id: UUID
    baseline_id: UUID
    name: str
    reason: str
    change_request_id: UUID | None
    budget_at_completion: Money
    tasks: list[BaselineTask]
    number: int = 1


# --- actuals and reporting ------------------------------------------------------------------

@catalogue.register
class ExpenseRecorded(DomainEvent):
    event_type = "projects.expense.recorded"
    project_id: UUID
    expense_id: UUID
    spent_on: date
    amount: Money
    category: str
    task_id: UUID | None = None
    description: str = ""


@catalogue.register
class ExpenseCorrected(DomainEvent):
    """Supersedes the expense's earlier values from its record time."""

    event_type = "projects.expense.corrected"
    project_id: UUID
    expense_id: UUID
    spent_on: date
    amount: Money
    category: str = ""
    task_id: UUID | None = None
    reason: str = ""


@catalogue.register
class StatusReportSubmitted(DomainEvent):
    event_type = "projects.status_report.submitted"
    project_id: UUID
    report_id: UUID
    period_end_on: date
    schedule: Rag
    cost: Rag
    scope: Rag
    overall: Rag
    comment: str
