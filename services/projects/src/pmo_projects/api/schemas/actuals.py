"""Bodies of expenses and status reports."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from pmo_projects.api.schemas.common import Category, Text, write_config
from pmo_projects.domain.expense import Expense
from pmo_projects.domain.status_report import StatusReport
from pmo_shared.kernel.money import Money

Rag = Literal["green", "amber", "red"]
_EXPENSE = {"spent_on": "2027-02-15", "amount": {"amount": "1200.00", "currency": "EUR"},
            "category": "travel", "task_id": None}


class ExpenseCreate(BaseModel):
    model_config = write_config({**_EXPENSE, "description": "Vendor workshop"})
    spent_on: date
    amount: Money
    category: Category
    task_id: UUID | None = None
    description: Text = ""


class ExpenseCorrection(BaseModel):
    model_config = write_config({**_EXPENSE, "reason": "Invoice was 1,200 not 2,100"})
    spent_on: date
    amount: Money
    category: Category
    task_id: UUID | None = None
    reason: Annotated[str, Field(min_length=1, max_length=2000)]


class ExpenseRead(BaseModel):
    id: UUID
    version: int
    project_id: UUID
    spent_on: date
    amount: Money
    category: str
    task_id: UUID | None
    description: str

    @classmethod
    def of(cls, e: Expense) -> ExpenseRead:
        entry = e.entry
        assert entry is not None
        return cls(id=e.id, version=e.next_version, **entry.model_dump(exclude={"expense_id"}))


class StatusReportCreate(BaseModel):
    model_config = write_config({"period_end_on": "2027-03-31", "schedule": "green",
                                 "cost": "amber", "scope": "green", "overall": "amber",
                                 "comment": "Licences cost more than planned"})
    period_end_on: date
    schedule: Rag
    cost: Rag
    scope: Rag
    overall: Rag
    comment: Annotated[str, Field(max_length=4000)] = ""


class StatusReportRead(BaseModel):
    id: UUID
    version: int
    project_id: UUID
    period_end_on: date
    schedule: Rag
    cost: Rag
    scope: Rag
    overall: Rag
    comment: str

    @classmethod
    def of(cls, r: StatusReport) -> StatusReportRead:
        report = r.report
        assert report is not None
        return cls(id=r.id, version=r.next_version, **report.model_dump(exclude={"report_id"}))
