"""/v1/projects: charter a project and read it back."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response

from pmo_projects import handlers
from pmo_projects.api.schemas import ProjectCreate, ProjectRead
from pmo_projects.commands import CharterProject
from pmo_projects.domain.project import Project
from pmo_shared.http.auth import PrincipalDep, require_roles
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.kernel.errors import Forbidden, NotFound

router = APIRouter(prefix="/v1/projects", tags=["projects"])
CHARTERERS = ("pmo_admin", "portfolio_manager")


@router.post("", status_code=201, response_model=ProjectRead,
             dependencies=[Depends(require_roles(*CHARTERERS))])
async def charter_project(body: ProjectCreate, scope: CommandScopeDep) -> Response:
    if body.portfolio_id is not None and not (
            scope.principal.is_admin() or body.portfolio_id in scope.principal.portfolio_ids):
        raise Forbidden("you do not manage this portfolio")
    cmd = CharterProject(**body.model_dump(exclude={"goals"}), goals=tuple(body.goals))
    return await scope.run(lambda uow: handlers.charter_project(cmd, uow), ProjectRead.of,
                           status=201, location=lambda p: f"/v1/projects/{p.id}")


@router.get("/{project_id}", response_model=ProjectRead)
async def read_project(project_id: UUID, principal: PrincipalDep,
                       write_side: WriteSideDep) -> JSONResponse:
    project = await write_side.load(Project, project_id)
    if project is None or not principal.can_read_project(project.id, project.portfolio_id):
        raise NotFound(f"project {project_id} does not exist")
    return resource_response(ProjectRead.of(project), version=project.version)
