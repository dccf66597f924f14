"""Events of the projects service: portfolios, programs, projects, plans, progress and costs."""
from __future__ import annotations

from datetime import date
from uuid import UUID

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.registry import catalogue
from pmo_shared.kernel.money import Money


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
