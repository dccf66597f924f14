"""Object-level authorization (OWASP API1) for a project and its parts, from the inline table.

A project the caller may not read is 404, not 403, so its existence is not disclosed."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import ColumnElement, false, or_, true

from pmo_projects.tables import projects_view
from pmo_projects.views.hierarchy import ProjectRef, project_ref
from pmo_shared.http.principal import Principal, Role
from pmo_shared.kernel.errors import Forbidden, NotFound
from pmo_shared.writeside import WriteSide

MANAGERS = ("pmo_admin", "portfolio_manager", "project_manager")


async def readable_project(side: WriteSide, principal: Principal, project_id: UUID) -> ProjectRef:
    ref = await side.database.read(lambda conn: project_ref(conn, project_id))
    if not principal.can_read_project(project_id, ref.portfolio_id):
        raise NotFound(f"project {project_id} does not exist")
    return ref


async def managed_project(side: WriteSide, principal: Principal, project_id: UUID) -> ProjectRef:
    ref = await readable_project(side, principal, project_id)
    if not principal.can_manage_project(project_id, ref.portfolio_id):
        raise Forbidden("you may read this project but not change it")
    return ref


def ensure_manages_portfolio(principal: Principal, portfolio_id: UUID | None) -> None:
    if principal.is_admin():
        return
    if portfolio_id is None or not (principal.has_role(Role.PORTFOLIO_MANAGER)
                                    and portfolio_id in principal.portfolio_ids):
        raise Forbidden("you do not manage this portfolio")


def can_read_portfolio(principal: Principal, portfolio_id: UUID) -> bool:
    return (principal.is_admin() or principal.has_role(Role.AUDITOR)
            or portfolio_id in principal.portfolio_ids)


def visible_projects(principal: Principal) -> ColumnElement[bool]:
    """The SQL filter matching `Principal.can_read_project` for list queries."""
    if principal.is_admin() or principal.has_role(Role.AUDITOR):
        return true()
    clauses: list[ColumnElement[bool]] = []
    if principal.has_role(Role.PORTFOLIO_MANAGER) and principal.portfolio_ids:
        clauses.append(projects_view.c.portfolio_id.in_([str(p) for p in principal.portfolio_ids]))
    if principal.project_ids:
        clauses.append(projects_view.c.project_id.in_([str(p) for p in principal.project_ids]))
    return or_(*clauses) if clauses else false()
