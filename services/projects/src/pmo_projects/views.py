"""Inline read tables, written in the same transaction as the events they reflect."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, delete, insert, select

from pmo_projects.domain.project import Project
from pmo_projects.tables import projects_view
from pmo_shared.kernel.errors import Duplicate


def write_project_view(conn: Connection, project: Project) -> None:
    taken = conn.execute(select(projects_view.c.project_id).where(
        projects_view.c.code == project.code, projects_view.c.project_id != str(project.id),
    )).first()
    if taken is not None:
        raise Duplicate(f"project code {project.code!r} is already used", pointer="#/code")
    conn.execute(delete(projects_view).where(projects_view.c.project_id == str(project.id)))
    conn.execute(insert(projects_view).values(_row(project)))


def _row(project: Project) -> dict[str, Any]:
    return {
        "project_id": str(project.id), "code": project.code, "name": project.name,
        "portfolio_id": str(project.portfolio_id) if project.portfolio_id else None,
        "program_id": str(project.program_id) if project.program_id else None,
        "phase": project.phase, "manager_id": str(project.manager_id),
        "planned_start_on": project.planned_start_on,
    }
