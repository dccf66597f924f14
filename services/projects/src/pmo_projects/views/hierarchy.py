"""Inline rows of portfolios, programs and projects, the project reference and the audit log."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, insert, select, update

from pmo_projects.domain.portfolio import Portfolio, Program
from pmo_projects.domain.project import Project
from pmo_projects.domain.task import ProjectWindow
from pmo_projects.tables import audit_log, portfolios_view, programs_view, projects_view
from pmo_shared.envelope import Envelope
from pmo_shared.kernel.errors import Duplicate, NotFound


@dataclass(frozen=True)
class ProjectRef:
    """What commands on a project's parts need: access scope, dates, currency, phase."""

    project_id: UUID
    portfolio_id: UUID | None
    phase: str
    window: ProjectWindow


def _text(value: UUID | None) -> str | None:
    return None if value is None else str(value)


def project_ref(conn: Connection, project_id: UUID) -> ProjectRef:
    row = conn.execute(select(projects_view).where(
        projects_view.c.project_id == str(project_id))).first()
    if row is None:
        raise NotFound(f"project {project_id} does not exist")
    return ProjectRef(
        project_id=project_id, portfolio_id=UUID(row.portfolio_id) if row.portfolio_id else None,
        phase=row.phase, window=ProjectWindow(row.planned_start_on, row.planned_finish_on,
                                              row.currency))


def write_portfolio(conn: Connection, portfolio: Portfolio) -> None:
    conn.execute(insert(portfolios_view).values(
        portfolio_id=str(portfolio.id), name=portfolio.name, currency=portfolio.currency))


def write_program(conn: Connection, program: Program) -> None:
    conn.execute(insert(programs_view).values(
        program_id=str(program.id), portfolio_id=_text(program.portfolio_id), name=program.name))


def write_project(conn: Connection, project: Project) -> None:
    s = project.s
    taken = conn.execute(select(projects_view.c.project_id).where(
        projects_view.c.code == s.code, projects_view.c.project_id != str(project.id))).first()
    if taken is not None:
        raise Duplicate(f"project code {s.code!r} is already used", pointer="#/code")
    row = _project_row(project)
    done = conn.execute(update(projects_view).where(
        projects_view.c.project_id == str(project.id)).values(row))
    if done.rowcount == 0:
        conn.execute(insert(projects_view).values(row))


def set_overall_status(conn: Connection, project_id: UUID, overall: str) -> None:
    conn.execute(update(projects_view).where(projects_view.c.project_id == str(project_id))
                 .values(overall_status=overall))


def _project_row(project: Project) -> dict[str, Any]:
    s = project.s
    assert s.budget is not None
    return {
        "project_id": str(project.id), "code": s.code, "name": s.name,
        "portfolio_id": _text(s.portfolio_id), "program_id": _text(s.program_id),
        "phase": s.phase, "manager_id": str(s.manager_id), "currency": s.budget.currency,
        "planned_start_on": s.planned_start_on, "planned_finish_on": s.planned_finish_on,
        "version": project.next_version,
    }


def record_audit(conn: Connection, project_id: UUID, envelopes: Sequence[Envelope]) -> None:
    if envelopes:
        conn.execute(insert(audit_log), [
            {"project_id": str(project_id), "aggregate_id": e.aggregateid,
             "version": e.aggregateversion, "recorded_at": e.time} for e in envelopes])
