"""rm_projects: one row per project with its charter, hierarchy, phase and budget (current state),
and rm_project_versions: every state it had, bitemporal."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import Connection, bindparam, select, update

from pmo_reporting.bitemporal import inserting
from pmo_reporting.ids import text
from pmo_reporting.projections.facts import supersede
from pmo_reporting.tables import rm_project_versions, rm_projects
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import (
    ProjectCharterAmended,
    ProjectChartered,
    ProjectMoved,
    ProjectPhaseChanged,
)

CURRENT = select(rm_projects).where(rm_projects.c.project_id == bindparam("project_id"))


class ProjectsProjection:
    name = "projects"
    handles = (ProjectChartered, ProjectCharterAmended, ProjectMoved, ProjectPhaseChanged)

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case ProjectChartered():
                inserting(rm_projects).executemany(conn, [{
                    "project_id": str(event.project_id), "code": event.code, "name": event.name,
                    "portfolio_id": text(event.portfolio_id), "program_id": text(event.program_id),
                    "manager_id": str(event.manager_id), "phase": "proposed",
                    "planned_start_on": event.planned_start_on,
                    "planned_finish_on": event.planned_finish_on,
                    "bac_amount": event.budget.amount, "currency": event.budget.currency,
                    "chartered_at": envelope.time}])
                self._version(conn, event.project_id, envelope.time)
            case ProjectCharterAmended():
                self._update(conn, envelope, event.project_id, name=event.name,
                             manager_id=str(event.manager_id),
                             planned_start_on=event.planned_start_on,
                             planned_finish_on=event.planned_finish_on,
                             bac_amount=event.budget.amount)
            case ProjectMoved():
                self._update(conn, envelope, event.project_id, portfolio_id=text(event.portfolio_id),
                             program_id=text(event.program_id))
            case ProjectPhaseChanged():
                self._update(conn, envelope, event.project_id, phase=event.to_phase)

    def _update(self, conn: Connection, envelope: Envelope, project_id: object,
                **values: object) -> None:
        conn.execute(update(rm_projects).where(rm_projects.c.project_id == str(project_id))
                     .values(**values))
        self._version(conn, project_id, envelope.time)

    @staticmethod
    def _version(conn: Connection, project_id: object, at: datetime) -> None:
        """Records the current state as a new version, closing the previous one from `at`."""
        row = conn.execute(CURRENT, {"project_id": str(project_id)}).mappings().first()
        if row is None:  # an event about a project whose charter never arrived changes nothing
            return
        supersede(conn, rm_project_versions, at, project_id=str(project_id))
        inserting(rm_project_versions).executemany(
            conn, [{**row, "recorded_at": at, "superseded_at": None}])
