"""The Project aggregate: charter and life-cycle phase."""
from __future__ import annotations

from datetime import date
from typing import Self
from uuid import UUID

from pmo_projects.commands import CharterProject
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import ProjectChartered
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.errors import DomainError
from pmo_shared.kernel.money import Money


class FinishBeforeStart(DomainError):
    problem_type = "finish-before-start"
    title = "The planned finish is before the planned start"


class Project(Aggregate):
    aggregate_type = "project"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.code = ""
        self.name = ""
        self.goals: list[str] = []
        self.phase = "proposed"
        self.portfolio_id: UUID | None = None
        self.program_id: UUID | None = None
        self.sponsor_id: UUID | None = None
        self.manager_id: UUID | None = None
        self.planned_start_on = date.min
        self.planned_finish_on = date.min
        self.budget: Money | None = None
        self.project_type = ""

    @classmethod
    def charter(cls, project_id: UUID, cmd: CharterProject) -> Self:
        if cmd.planned_finish_on < cmd.planned_start_on:
            raise FinishBeforeStart(
                f"planned_finish_on {cmd.planned_finish_on} is before "
                f"planned_start_on {cmd.planned_start_on}", pointer="#/planned_finish_on")
        project = cls(project_id)
        project._record(ProjectChartered(
            project_id=project_id, code=cmd.code, name=cmd.name, goals=list(cmd.goals),
            sponsor_id=cmd.sponsor_id, manager_id=cmd.manager_id,
            planned_start_on=cmd.planned_start_on, planned_finish_on=cmd.planned_finish_on,
            budget=cmd.budget, project_type=cmd.project_type, portfolio_id=cmd.portfolio_id,
            program_id=cmd.program_id,
        ))
        return project

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case ProjectChartered():
                self.code, self.name, self.goals = event.code, event.name, list(event.goals)
                self.sponsor_id, self.manager_id = event.sponsor_id, event.manager_id
                self.planned_start_on = event.planned_start_on
                self.planned_finish_on = event.planned_finish_on
                self.budget, self.project_type = event.budget, event.project_type
                self.portfolio_id, self.program_id = event.portfolio_id, event.program_id
            case _:
                raise UnknownEvent(event.event_type)
