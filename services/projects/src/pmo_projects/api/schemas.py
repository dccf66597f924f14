"""Request and response bodies. Write schemas forbid unknown fields: no mass assignment."""
from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from pmo_projects.domain.project import Project
from pmo_shared.kernel.money import Money

Code = Annotated[str, Field(min_length=2, max_length=32, pattern=r"^[A-Z0-9][A-Z0-9_-]*$")]
Name = Annotated[str, Field(min_length=1, max_length=200)]
Goal = Annotated[str, Field(min_length=1, max_length=500)]


class ProjectCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "code": "ERP-2027", "name": "ERP replacement", "goals": ["Retire the legacy ERP"],
        "sponsor_id": "0b6f1c1e-8a5e-4a8e-9d7e-2f1c3b4a5d6e",
        "manager_id": "6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d",
        "planned_start_on": "2027-01-04", "planned_finish_on": "2027-12-17",
        "budget": {"amount": "1250000.00", "currency": "EUR"}, "project_type": "it",
    }]})

    code: Code
    name: Name
    goals: Annotated[list[Goal], Field(max_length=20)] = []
    sponsor_id: UUID
    manager_id: UUID
    planned_start_on: date
    planned_finish_on: date
    budget: Money
    project_type: Annotated[str, Field(min_length=1, max_length=64)]
    portfolio_id: UUID | None = None
    program_id: UUID | None = None


class ProjectRead(BaseModel):
    id: UUID
    version: int
    code: str
    name: str
    goals: list[str]
    phase: str
    sponsor_id: UUID | None
    manager_id: UUID | None
    planned_start_on: date
    planned_finish_on: date
    budget: Money | None
    project_type: str
    portfolio_id: UUID | None
    program_id: UUID | None

    @classmethod
    def of(cls, project: Project) -> ProjectRead:
        return cls(
            id=project.id, version=project.next_version, code=project.code, name=project.name,
            goals=project.goals, phase=project.phase, sponsor_id=project.sponsor_id,
            manager_id=project.manager_id, planned_start_on=project.planned_start_on,
            planned_finish_on=project.planned_finish_on, budget=project.budget,
            project_type=project.project_type, portfolio_id=project.portfolio_id,
            program_id=project.program_id,
        )
