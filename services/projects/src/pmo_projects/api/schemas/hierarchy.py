"""Bodies of portfolios, programs and projects (charter, position, phase, funding, strategy)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from pmo_projects.api.schemas.common import Category, Name, Text, write_config
from pmo_projects.domain.phases import TERMINAL, allowed_next
from pmo_projects.domain.portfolio import Portfolio, Program
from pmo_projects.domain.project import Project
from pmo_projects.domain.state import BaselineRef, BudgetLine, Tranche
from pmo_shared.kernel.money import CurrencyCode, Money

Code = Annotated[str, Field(min_length=2, max_length=32, pattern=r"^[A-Z0-9][A-Z0-9_-]*$")]
Goal = Annotated[str, Field(min_length=1, max_length=500)]
PhaseName = Literal["proposed", "approved", "planning", "executing", "closing", "closed",
                    "on_hold", "cancelled"]
_ID = "0b6f1c1e-8a5e-4a8e-9d7e-2f1c3b4a5d6e"


class PortfolioCreate(BaseModel):
    model_config = write_config({"name": "Digital", "currency": "EUR"})
    name: Name
    currency: CurrencyCode
    description: Text = ""


class PortfolioRead(BaseModel):
    id: UUID
    version: int
    name: str
    currency: str
    criteria: dict[str, Decimal]
    objectives: dict[UUID, str]

    @classmethod
    def of(cls, p: Portfolio) -> PortfolioRead:
        return cls(id=p.id, version=p.next_version, name=p.name, currency=p.currency,
                   criteria=p.weights, objectives=p.objectives)


class ProgramCreate(BaseModel):
    model_config = write_config({"portfolio_id": _ID, "name": "Core systems"})
    portfolio_id: UUID
    name: Name
    description: Text = ""


class ProgramRead(BaseModel):
    id: UUID
    version: int
    portfolio_id: UUID | None
    name: str

    @classmethod
    def of(cls, p: Program) -> ProgramRead:
        return cls(id=p.id, version=p.next_version, portfolio_id=p.portfolio_id, name=p.name)


class CharterFields(BaseModel):
    name: Name
    goals: Annotated[list[Goal], Field(max_length=20)] = []
    sponsor_id: UUID
    manager_id: UUID
    planned_start_on: date
    planned_finish_on: date
    budget: Money
    project_type: Annotated[str, Field(min_length=1, max_length=64)]


_CHARTER = {"name": "ERP replacement", "goals": ["Retire the legacy ERP"],
            "sponsor_id": _ID, "manager_id": "6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d",
            "planned_start_on": "2027-01-04", "planned_finish_on": "2027-12-17",
            "budget": {"amount": "1250000.00", "currency": "EUR"}, "project_type": "it"}


class ProjectCreate(CharterFields):
    model_config = write_config({"code": "ERP-2027", **_CHARTER})
    code: Code
    portfolio_id: UUID | None = None
    program_id: UUID | None = None


class CharterUpdate(CharterFields):
    """Full new values of the charter (the code and currency never change)."""

    model_config = write_config(_CHARTER)


class ProjectMove(BaseModel):
    model_config = write_config({"portfolio_id": _ID, "program_id": None})
    portfolio_id: UUID | None = None
    program_id: UUID | None = None


class PhaseChange(BaseModel):
    model_config = write_config({"to_phase": "approved", "changed_on": "2027-01-04",
                                 "reason": "Business case accepted"})
    to_phase: PhaseName
    changed_on: date
    reason: Text = ""


class BudgetLineCreate(BaseModel):
    model_config = write_config({"category": "hardware",
                                 "amount": {"amount": "50000.00", "currency": "EUR"}})
    category: Category
    amount: Money
    description: Text = ""


class TrancheCreate(BaseModel):
    model_config = write_config({"phase": "executing",
                                 "amount": {"amount": "400000.00", "currency": "EUR"}})
    phase: PhaseName
    amount: Money


class ProjectRead(BaseModel):
    id: UUID
    version: int
    code: str
    name: str
    goals: list[str]
    phase: str
    allowed_next_phases: list[str]
    sponsor_id: UUID | None
    manager_id: UUID | None
    planned_start_on: date
    planned_finish_on: date
    budget: Money | None
    budget_at_completion: Money | None
    project_type: str
    portfolio_id: UUID | None
    program_id: UUID | None
    baselines: list[BaselineRef]
    current_baseline_id: UUID | None
    budget_lines: list[BudgetLine]
    funding_tranches: list[Tranche]
    objectives: dict[UUID, Decimal]
    ratings: dict[str, Decimal]

    @classmethod
    def of(cls, project: Project) -> ProjectRead:
        s = project.s
        current = s.current_baseline
        return cls(
            id=project.id, version=project.next_version, **s.model_dump(
                exclude={"held_from", "tranches", "baselines", "budget_lines"}),
            allowed_next_phases=[] if s.phase in TERMINAL else list(
                allowed_next(s.phase, s.held_from)),
            baselines=s.baselines, budget_lines=s.budget_lines, funding_tranches=s.tranches,
            budget_at_completion=current.budget_at_completion if current else None,
            current_baseline_id=current.baseline_id if current else None)


class ProjectSummary(BaseModel):
    id: UUID
    code: str
    name: str
    phase: str
    portfolio_id: UUID | None
    program_id: UUID | None
    manager_id: UUID
    planned_start_on: date
    planned_finish_on: date
    overall_status: str | None
    version: int
