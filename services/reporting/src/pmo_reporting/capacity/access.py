"""Who may read people reports: PMO admins, portfolio managers and auditors see everyone;
a project manager sees the people allocated to a project they may read, and only those."""
from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import Connection, select

from pmo_reporting.bitemporal import known_at
from pmo_reporting.capacity.tables import rm_cap_allocations
from pmo_reporting.tables import rm_projects
from pmo_shared.http.principal import Principal, Role
from pmo_shared.kernel.errors import Forbidden, NotFound

PEOPLE_READERS = (Role.PMO_ADMIN, Role.PORTFOLIO_MANAGER, Role.AUDITOR, Role.PROJECT_MANAGER)
_EVERYONE = frozenset({Role.PMO_ADMIN, Role.PORTFOLIO_MANAGER, Role.AUDITOR})


def portfolio_of(conn: Connection, project_id: str) -> UUID | None:
    value = conn.execute(select(rm_projects.c.portfolio_id)
                         .where(rm_projects.c.project_id == project_id)).scalar()
    return None if value is None else UUID(value)


def people_in_scope(conn: Connection, principal: Principal, project_id: UUID | None,
                    at: datetime) -> list[str] | None:
    """None = no restriction; else the people with a live allocation on `project_id`."""
    if project_id is None:
        if principal.roles.isdisjoint(_EVERYONE):
            raise Forbidden("Project managers read staffing per project: pass project_id.",
                            parameter="query.project_id")
        return None
    if not principal.can_read_project(project_id, portfolio_of(conn, str(project_id))):
        raise NotFound(f"project {project_id} is not known to reporting")
    alloc = rm_cap_allocations.c
    rows = conn.execute(select(alloc.person_id).distinct().where(
        known_at(rm_cap_allocations, at), alloc.project_id == str(project_id),
        alloc.person_id.is_not(None), alloc.status != "cancelled"))
    return sorted(row.person_id for row in rows)


def visible_projects(conn: Connection, principal: Principal, *, project_id: UUID | None = None,
                     portfolio_id: UUID | None = None) -> dict[str, str | None]:
    """project id -> portfolio id of every project the caller may read (and asked for)."""
    query = select(rm_projects.c.project_id, rm_projects.c.portfolio_id)
    if project_id is not None:
        query = query.where(rm_projects.c.project_id == str(project_id))
    if portfolio_id is not None:
        query = query.where(rm_projects.c.portfolio_id == str(portfolio_id))
    return {row.project_id: row.portfolio_id for row in conn.execute(query)
            if principal.can_read_project(UUID(row.project_id),
                                          UUID(row.portfolio_id) if row.portfolio_id else None)}
