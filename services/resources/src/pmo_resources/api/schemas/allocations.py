"""Bodies of allocations, their over-allocation warnings and a project's staffing."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from pmo_resources.api.schemas.common import Hours, Percent, Reason, Role, SkillDemandIn, Write
from pmo_resources.domain.allocation import Allocation
from pmo_resources.domain.capacity import Day
from pmo_resources.queries import AllocationRow


class AllocationCreate(Write):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "project_id": "0b6f1c1e-8a5e-4a8e-9d7e-2f1c3b4a5d6e", "role": "engineer",
        "skills": [{"skill": "python", "min_level": 3}], "start_on": "2027-03-01",
        "end_on": "2027-03-31", "percent_of_capacity": "50"}]})

    project_id: UUID
    task_id: UUID | None = None
    person_id: UUID | None = None
    role: Role | None = None
    skills: Annotated[list[SkillDemandIn], Field(max_length=20)] = []
    start_on: date
    end_on: date
    hours_per_day: Hours | None = None
    percent_of_capacity: Percent | None = None
    status: Literal["requested", "proposed", "confirmed"] = "requested"


class AllocationUpdate(Write):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "start_on": "2027-03-01", "end_on": "2027-04-30", "percent_of_capacity": "40"}]})

    start_on: date
    end_on: date
    hours_per_day: Hours | None = None
    percent_of_capacity: Percent | None = None


class AllocationFill(Write):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "person_id": "6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d"}]})

    person_id: UUID


class AllocationCancel(Write):
    reason: Reason | None = None


class OverAllocatedDay(BaseModel):
    on: date
    load_hours: Decimal
    capacity_hours: Decimal

    @classmethod
    def of(cls, day: Day) -> OverAllocatedDay:
        return cls(on=day.on, load_hours=day.load, capacity_hours=day.capacity)


class OverAllocationWarning(BaseModel):
    """Load strictly greater than capacity on these days; the write was accepted anyway."""

    type: Literal["over-allocation"] = "over-allocation"
    person_id: UUID
    days: list[OverAllocatedDay]


class AllocationRead(BaseModel):
    id: UUID
    version: int | None = None
    project_id: UUID
    task_id: UUID | None
    person_id: UUID | None
    role: str | None
    start_on: date
    end_on: date
    hours_per_day: Decimal | None
    percent_of_capacity: Decimal | None
    status: str
    warnings: list[OverAllocationWarning] = []

    @classmethod
    def of(cls, a: Allocation, over_allocated: list[Day] | None = None) -> AllocationRead:
        warnings = [OverAllocationWarning(person_id=a.person_id,
                                          days=[OverAllocatedDay.of(d) for d in over_allocated])
                    ] if over_allocated and a.person_id else []
        return cls(id=a.id, version=a.next_version, project_id=a.project_id, task_id=a.task_id,
                   person_id=a.person_id, role=a.role, start_on=a.start_on, end_on=a.end_on,
                   hours_per_day=a.hours_per_day, percent_of_capacity=a.percent_of_capacity,
                   status=a.status, warnings=warnings)

    @classmethod
    def of_row(cls, row: AllocationRow) -> AllocationRead:
        return cls(id=row.allocation_id, project_id=row.project_id, task_id=row.task_id,
                   person_id=row.person_id, role=row.role, start_on=row.start_on,
                   end_on=row.end_on, hours_per_day=row.hours_per_day,
                   percent_of_capacity=row.percent_of_capacity, status=row.status)


class StaffingRead(BaseModel):
    """A page of a project's allocations, with how many requests are still unfilled."""

    project_id: UUID
    unfilled_requests: int
    items: list[AllocationRead]
    next_cursor: str | None = None
