"""rm_projects: one row per project with its charter, hierarchy, phase and budget (current state)."""
from __future__ import annotations

from sqlalchemy import Connection, insert, update

from pmo_reporting.projections.facts import text
from pmo_reporting.tables import rm_projects
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import (
    ProjectCharterAmended,
    ProjectChartered,
    ProjectMoved,
    ProjectPhaseChanged,
)


class ProjectsProjection:
    name = "projects"

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case ProjectChartered():
                conn.execute(insert(rm_projects).values(
                    project_id=str(event.project_id), code=event.code, name=event.name,
                    portfolio_id=text(event.portfolio_id), program_id=text(event.program_id),
                    manager_id=str(event.manager_id), phase="proposed",
                    planned_start_on=event.planned_start_on,
                    planned_finish_on=event.planned_finish_on,
                    bac_amount=event.budget.amount, currency=event.budget.currency,
                    chartered_at=envelope.time,
                ))
            case ProjectCharterAmended():
                self._update(conn, event.project_id, name=event.name,
                             manager_id=str(event.manager_id),
                             planned_start_on=event.planned_start_on,
                             planned_finish_on=event.planned_finish_on,
                             bac_amount=event.budget.amount)
            case ProjectMoved():
                self._update(conn, event.project_id, portfolio_id=text(event.portfolio_id),
                             program_id=text(event.program_id))
            case ProjectPhaseChanged():
                self._update(conn, event.project_id, phase=event.to_phase)

    @staticmethod
    def _update(conn: Connection, project_id: object, **values: object) -> None:
        conn.execute(update(rm_projects).where(rm_projects.c.project_id == str(project_id))
                     .values(**values))
