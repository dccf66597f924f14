"""The Project aggregate's state as one pydantic model, so a snapshot is just its JSON."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from pmo_shared.kernel.money import Money


class BaselineRef(BaseModel):
    baseline_id: UUID
    name: str
    number: int
    budget_at_completion: Money
    reason: str = ""
    change_request_id: UUID | None = None


class BudgetLine(BaseModel):
    budget_line_id: UUID
    category: str
    amount: Money
    description: str = ""


class Tranche(BaseModel):
    tranche_id: UUID
    phase: str
    amount: Money
    released_on: date | None = None


class ProjectState(BaseModel):
    code: str = ""
    name: str = ""
    goals: list[str] = []
    sponsor_id: UUID | None = None
    manager_id: UUID | None = None
    planned_start_on: date = date.min
    planned_finish_on: date = date.min
    budget: Money | None = None
    project_type: str = ""
    portfolio_id: UUID | None = None
    program_id: UUID | None = None
    phase: str = "proposed"
    held_from: str | None = None
    baselines: list[BaselineRef] = []
    budget_lines: list[BudgetLine] = []
    tranches: list[Tranche] = []
    objectives: dict[UUID, Decimal] = {}
    ratings: dict[str, Decimal] = {}

    @property
    def currency(self) -> str:
        return self.budget.currency if self.budget else ""

    @property
    def current_baseline(self) -> BaselineRef | None:
        return self.baselines[-1] if self.baselines else None
