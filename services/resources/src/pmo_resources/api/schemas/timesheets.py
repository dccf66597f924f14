"""Bodies of timesheets and their lines; rates and costs only for those allowed to see rates."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from pmo_resources.api.schemas.common import Comment, Hours, Reason, Write
from pmo_resources.domain.timesheet import Timesheet
from pmo_shared.kernel.money import Money


class TimesheetCreate(Write):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "person_id": "6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d", "week_start_on": "2027-03-01"}]})

    person_id: UUID
    week_start_on: date


class LineCreate(Write):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "project_id": "0b6f1c1e-8a5e-4a8e-9d7e-2f1c3b4a5d6e", "worked_on": "2027-03-01",
        "hours": "7.50", "comment": "Data migration"}]})

    project_id: UUID
    task_id: UUID | None = None
    worked_on: date
    hours: Hours
    comment: Comment | None = None


class LineCorrection(LineCreate):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "project_id": "0b6f1c1e-8a5e-4a8e-9d7e-2f1c3b4a5d6e", "worked_on": "2027-03-01",
        "hours": "6.00", "comment": "Data migration", "reason": "booked 7.5 by mistake"}]})

    reason: Reason


class Decision(Write):
    reason: Reason | None = None


class LineRead(BaseModel):
    line_id: UUID
    project_id: UUID
    task_id: UUID | None
    worked_on: date
    hours: Decimal
    comment: str | None
    hourly_rate: Money | None = None
    cost: Money | None = None


class TimesheetRead(BaseModel):
    id: UUID
    version: int
    person_id: UUID
    week_start_on: date
    status: str
    total_hours: Decimal
    project_ids: list[UUID]
    approved_project_ids: list[UUID]
    lines: list[LineRead]

    @classmethod
    def of(cls, sheet: Timesheet, *, with_rates: bool) -> TimesheetRead:
        lines = sorted(sheet.lines.values(), key=lambda x: (x.worked_on, str(x.line_id)))
        return cls(
            id=sheet.id, version=sheet.next_version, person_id=sheet.person_id,
            week_start_on=sheet.week_start_on, status=sheet.status,
            total_hours=sum((x.hours for x in lines), Decimal(0)),
            project_ids=sheet.project_ids,
            approved_project_ids=sorted(sheet.approved_projects, key=str),
            lines=[LineRead(line_id=x.line_id, project_id=x.project_id, task_id=x.task_id,
                            worked_on=x.worked_on, hours=x.hours, comment=x.comment,
                            hourly_rate=x.hourly_rate if with_rates else None,
                            cost=x.cost if with_rates else None) for x in lines])


class TimesheetSummary(BaseModel):
    id: UUID
    person_id: UUID
    week_start_on: date
    status: Literal["draft", "submitted", "approved", "rejected"]
    total_hours: Decimal
