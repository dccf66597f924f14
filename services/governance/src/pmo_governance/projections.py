"""Local copy of the projects this service governs (type, portfolio), fed by the projects service.

Governance needs a project's type (which standards apply) and portfolio (who may see it) without
calling the projects service, so it keeps working when that service is down."""
from __future__ import annotations

from sqlalchemy import Connection, update

from pmo_governance.handlers.rows import replace_row
from pmo_governance.tables import known_projects
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import ProjectCharterAmended, ProjectChartered, ProjectMoved


def _id(value: object) -> str | None:
    return str(value) if value is not None else None


class KnownProjects:
    name = "known_projects"

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case ProjectChartered():
                replace_row(conn, known_projects, "project_id", {
                    "project_id": str(event.project_id), "code": event.code,
                    "name": event.name, "project_type": event.project_type,
                    "manager_id": str(event.manager_id), "portfolio_id": _id(event.portfolio_id)})
            case ProjectCharterAmended():
                self._update(conn, event.project_id, name=event.name,
                             project_type=event.project_type, manager_id=str(event.manager_id))
            case ProjectMoved():
                self._update(conn, event.project_id, portfolio_id=_id(event.portfolio_id))

    @staticmethod
    def _update(conn: Connection, project_id: object, **values: object) -> None:
        conn.execute(update(known_projects)
                     .where(known_projects.c.project_id == str(project_id)).values(**values))


PROJECTIONS = (KnownProjects(),)
