"""/v1/standards: the standards library (policies, templates, checklists), managed by PMO admins
and readable by every signed-in user."""
from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response

from pmo_governance.api.schemas.common import Name
from pmo_governance.api.schemas.standards import (
    Retirement,
    StandardCreate,
    StandardPage,
    StandardRead,
    StandardUpdate,
)
from pmo_governance.commands.standards import PublishStandard, RetireStandard, ReviseStandard
from pmo_governance.domain.standard import Standard
from pmo_governance.handlers import standards as handlers
from pmo_governance.queries.standards import list_standards
from pmo_shared.http.auth import PrincipalDep, require_roles
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1", tags=["standards"])
admins_only = [Depends(require_roles("pmo_admin"))]


def _read(standard: Standard) -> StandardRead:
    return StandardRead.of(standard.latest, version=standard.next_version,
                           retired=standard.retired)


@router.post("/standards", status_code=201, response_model=StandardRead, dependencies=admins_only)
async def publish(body: StandardCreate, scope: CommandScopeDep) -> Response:
    cmd = PublishStandard(kind=body.kind, title=body.title, body=body.body,
                          project_types=tuple(body.project_types), phase=body.phase,
                          mandatory_items=tuple(i.command() for i in body.mandatory_items))
    return await scope.run(lambda uow: handlers.publish_standard(cmd, uow), _read, status=201,
                           location=lambda s: f"/v1/standards/{s.id}")


@router.get("/standards", response_model=StandardPage)
async def list_library(_principal: PrincipalDep, write_side: WriteSideDep,
                       kind: Literal["policy", "template", "checklist"] | None = None,
                       project_type: Annotated[Name | None, Query()] = None,
                       include_retired: bool = False, limit: LimitQuery = DEFAULT_LIMIT,
                       cursor: CursorQuery = None) -> StandardPage:
    items, next_cursor = await write_side.database.read(lambda conn: list_standards(
        conn, kind=kind, project_type=project_type, include_retired=include_retired,
        limit=limit, cursor=cursor))
    return StandardPage(items=items, next_cursor=next_cursor)


@router.get("/standards/{standard_id}", response_model=StandardRead)
async def read(standard_id: UUID, _principal: PrincipalDep, write_side: WriteSideDep,
               version: Annotated[int | None, Query(ge=1, le=10_000)] = None) -> JSONResponse:
    """The current content, or an earlier content `version`."""
    standard = await write_side.load(Standard, standard_id)
    if standard is None:
        raise NotFound(f"standard {standard_id} does not exist")
    if version is not None and version > len(standard.versions):
        raise NotFound(f"standard {standard_id} has no version {version}")
    content = standard.versions[version - 1] if version else standard.latest
    body = StandardRead.of(content, version=standard.version, retired=standard.retired)
    return resource_response(body, version=standard.version)


@router.put("/standards/{standard_id}", response_model=StandardRead, dependencies=admins_only)
async def revise(standard_id: UUID, body: StandardUpdate, scope: CommandScopeDep) -> Response:
    cmd = ReviseStandard(standard_id=standard_id, title=body.title, body=body.body,
                         project_types=tuple(body.project_types), phase=body.phase,
                         mandatory_items=tuple(i.command() for i in body.mandatory_items))
    return await scope.run(lambda uow: handlers.revise_standard(cmd, uow), _read)


@router.post("/standards/{standard_id}/retirement", response_model=StandardRead,
             dependencies=admins_only)
async def retire(standard_id: UUID, body: Retirement, scope: CommandScopeDep) -> Response:
    cmd = RetireStandard(standard_id=standard_id, reason=body.reason)
    return await scope.run(lambda uow: handlers.retire_standard(cmd, uow), _read)
