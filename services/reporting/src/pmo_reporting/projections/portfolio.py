"""rm_projects: one row per project with its charter, phase and budget."""
from __future__ import annotations

from sqlalchemy import Connection, insert

from pmo_reporting.tables import rm_projects
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import ProjectChartered


class ProjectsProjection:
    name = "projects"

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case ProjectChartered():
                conn.execute(insert(rm_projects).values(
                    project_id=str(event.project_id), code=event.code, name=event.name,
                    portfolio_id=_text(event.portfolio_id), program_id=_text(event.program_id),
                    manager_id=str(event.manager_id), phase="proposed",
                    planned_start_on=event.planned_start_on,
                    planned_finish_on=event.planned_finish_on,
                    bac_amount=event.budget.amount, currency=event.budget.currency,
                    chartered_at=envelope.time,
                ))


def _text(value: object | None) -> str | None:
    return None if value is None else str(value)
