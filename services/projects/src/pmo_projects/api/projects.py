"""/v1/projects: charter, read, list, amend, move between programs, change phase."""
from __future__ import annotations

from typing import Literal
from uuid import UUID

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from sqlalchemy import select

from pmo_projects import commands
from pmo_projects.api.access import ensure_manages_portfolio, managed_project, visible_projects
from pmo_projects.api.listing import after_cursor, page_of
from pmo_projects.api.schemas.hierarchy import (
    CharterUpdate,
    PhaseChange,
    ProjectCreate,
    ProjectMove,
    ProjectRead,
    ProjectSummary,
)
from pmo_projects.domain.project import Project
from pmo_projects.handlers import hierarchy as handlers
from pmo_projects.tables import projects_view
from pmo_shared.http.auth import PrincipalDep, require_roles
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import CursorQuery, LimitQuery, Page
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/projects", tags=["projects"])
CHARTERERS = ("pmo_admin", "portfolio_manager")
PhaseFilter = Literal["proposed", "approved", "planning", "executing", "closing", "closed",
                      "on_hold", "cancelled"]


@router.post("", status_code=201, response_model=ProjectRead,
             dependencies=[Depends(require_roles(*CHARTERERS))])
async def charter_project(body: ProjectCreate, scope: CommandScopeDep) -> Response:
    if not scope.principal.is_admin():
        ensure_manages_portfolio(scope.principal, body.portfolio_id)
    cmd = commands.CharterProject(**body.model_dump(exclude={"goals", "budget"}),
                                  goals=tuple(body.goals), budget=body.budget)
    return await scope.run(lambda uow: handlers.charter_project(cmd, uow), ProjectRead.of,
                           status=201, location=lambda p: f"/v1/projects/{p.id}")


@router.get("", response_model=Page[ProjectSummary])
async def list_projects(
    principal: PrincipalDep, side: WriteSideDep, portfolio_id: UUID | None = None,
    program_id: UUID | None = None, phase: PhaseFilter | None = None,
    status: Literal["green", "amber", "red"] | None = None, manager_id: UUID | None = None,
    limit: LimitQuery = 50, cursor: CursorQuery = None,
) -> Page[ProjectSummary]:
    """Ordered by code; `status` is the overall RAG of the latest status report."""
    v = projects_view.c
    query = after_cursor(select(projects_view), v.code, cursor).where(visible_projects(principal))
    for column, value in ((v.portfolio_id, portfolio_id), (v.program_id, program_id),
                          (v.phase, phase), (v.overall_status, status),
                          (v.manager_id, manager_id)):
        if value is not None:
            query = query.where(column == str(value))
    rows = await side.database.read(lambda c: c.execute(query.limit(limit + 1)).all())
    return page_of(rows, limit, "code", lambda r: ProjectSummary(
        id=r.project_id, **r._asdict()))


@router.get("/{project_id}", response_model=ProjectRead)
async def read_project(project_id: UUID, principal: PrincipalDep, side: WriteSideDep) -> Response:
    project = await side.load(Project, project_id)
    if project is None or not principal.can_read_project(project.id, project.s.portfolio_id):
        raise NotFound(f"project {project_id} does not exist")
    return resource_response(ProjectRead.of(project), version=project.version)


@router.patch("/{project_id}", response_model=ProjectRead)
async def amend_charter(project_id: UUID, body: CharterUpdate, scope: CommandScopeDep) -> Response:
    """Replaces the charter (full new values); send If-Match with the version you read."""
    await managed_project(scope.write_side, scope.principal, project_id)
    cmd = commands.AmendCharter(**body.model_dump(exclude={"goals", "budget"}),
                                goals=tuple(body.goals), budget=body.budget)
    return await scope.run(lambda uow: handlers.amend_charter(project_id, cmd, uow),
                           ProjectRead.of)


@router.post("/{project_id}/move", response_model=ProjectRead)
async def move_project(project_id: UUID, body: ProjectMove, scope: CommandScopeDep) -> Response:
    """Moves the project to another program and/or portfolio (both ends must be yours)."""
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    if not scope.principal.is_admin():
        ensure_manages_portfolio(scope.principal, ref.portfolio_id)
        ensure_manages_portfolio(scope.principal, body.portfolio_id)
    return await scope.run(lambda uow: handlers.move_project(
        project_id, body.portfolio_id, body.program_id, uow), ProjectRead.of)


@router.post("/{project_id}/phase-changes", response_model=ProjectRead)
async def change_phase(project_id: UUID, body: PhaseChange, scope: CommandScopeDep) -> Response:
    """Moves the project through its life cycle; a phase guarded by a governance stage gate
    needs that gate approved (409 `gate-not-approved` otherwise)."""
    await managed_project(scope.write_side, scope.principal, project_id)
    cmd = commands.ChangePhase(**body.model_dump())
    return await scope.run(lambda uow: handlers.change_phase(project_id, cmd, uow),
                           ProjectRead.of)
