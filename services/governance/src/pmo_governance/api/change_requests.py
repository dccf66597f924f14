"""/v1/projects/{project_id}/change-requests and /v1/change-requests/{id}: change control.

Project managers draft, submit, open review and withdraw; only the named approvers decide."""
from __future__ import annotations

from typing import Literal
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from pmo_governance.api.access import (
    acting_person,
    hide_unless_reader_or_named,
    require_manager,
    require_reader,
)
from pmo_governance.api.schemas.changes import (
    ChangeDecision,
    ChangeRequestCreate,
    ChangeRequestPage,
    ChangeRequestRead,
    ChangeRequestUpdate,
    WorkflowStep,
)
from pmo_governance.api.schemas.common import fields
from pmo_governance.commands.changes import (
    DecideChangeRequest,
    DraftChangeRequest,
    MoveChangeRequest,
    ReviseChangeRequest,
)
from pmo_governance.domain.change_request import ChangeRequest
from pmo_governance.domain.errors import InvalidInput
from pmo_governance.handlers import changes as handlers
from pmo_governance.queries.changes import list_change_requests
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScope, CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery

router = APIRouter(prefix="/v1", tags=["change requests"])
Status = Literal["draft", "submitted", "under_review", "approved", "rejected", "withdrawn"]
STEP_PATHS = {"submission": "submit", "review": "start_review", "withdrawal": "withdraw"}


async def _visible(scope: CommandScope, request_id: UUID) -> UUID:
    request = await scope.write_side.load(ChangeRequest, request_id)
    project_id = request.project_id if request else None
    await hide_unless_reader_or_named(scope.write_side, scope.principal, project_id,
                                      request.approver_ids if request else (),
                                      f"change request {request_id}")
    assert project_id is not None
    return project_id


@router.post("/projects/{project_id}/change-requests", status_code=201,
             response_model=ChangeRequestRead)
async def draft(project_id: UUID, body: ChangeRequestCreate, scope: CommandScopeDep) -> Response:
    await require_manager(scope.write_side, scope.principal, project_id)
    requested_by = body.requested_by or scope.principal.person_id
    if requested_by is None:
        raise InvalidInput("name who requests the change", pointer="#/requested_by")
    cmd = DraftChangeRequest(project_id=project_id, requested_by=requested_by,
                             approver_ids=tuple(body.approver_ids),
                             **fields(body, exclude=frozenset({"requested_by", "approver_ids"})))
    return await scope.run(lambda uow: handlers.draft_change_request(cmd, uow),
                           ChangeRequestRead.of, status=201,
                           location=lambda r: f"/v1/change-requests/{r.id}")


@router.get("/projects/{project_id}/change-requests", response_model=ChangeRequestPage)
async def list_requests(project_id: UUID, principal: PrincipalDep, write_side: WriteSideDep,
                        status: Status | None = None, limit: LimitQuery = DEFAULT_LIMIT,
                        cursor: CursorQuery = None) -> ChangeRequestPage:
    await require_reader(write_side, principal, project_id)
    items, next_cursor = await write_side.database.read(lambda conn: list_change_requests(
        conn, project_id=project_id, status=status, limit=limit, cursor=cursor))
    return ChangeRequestPage(items=items, next_cursor=next_cursor)


@router.get("/change-requests/{request_id}", response_model=ChangeRequestRead)
async def read(request_id: UUID, principal: PrincipalDep,
               write_side: WriteSideDep) -> JSONResponse:
    request = await write_side.load(ChangeRequest, request_id)
    await hide_unless_reader_or_named(write_side, principal,
                                      request.project_id if request else None,
                                      request.approver_ids if request else (),
                                      f"change request {request_id}")
    assert request is not None
    return resource_response(ChangeRequestRead.of(request), version=request.version)


@router.put("/change-requests/{request_id}", response_model=ChangeRequestRead)
async def revise(request_id: UUID, body: ChangeRequestUpdate, scope: CommandScopeDep) -> Response:
    await require_manager(scope.write_side, scope.principal, await _visible(scope, request_id))
    cmd = ReviseChangeRequest(change_request_id=request_id, approver_ids=tuple(body.approver_ids),
                              **fields(body, exclude=frozenset({"approver_ids"})))
    return await scope.run(lambda uow: handlers.revise_change_request(cmd, uow),
                           ChangeRequestRead.of)


@router.post("/change-requests/{request_id}/decisions", response_model=ChangeRequestRead)
async def decide(request_id: UUID, body: ChangeDecision, scope: CommandScopeDep) -> Response:
    """Only a named approver decides; anyone else gets 403 even with a manager role."""
    await _visible(scope, request_id)
    cmd = DecideChangeRequest(change_request_id=request_id,
                              approver_id=acting_person(scope.principal),
                              decision=body.decision, reason=body.reason)
    return await scope.run(lambda uow: handlers.decide_change_request(cmd, uow),
                           ChangeRequestRead.of)


@router.post("/change-requests/{request_id}/{step}", response_model=ChangeRequestRead)
async def move(request_id: UUID, step: Literal["submission", "review", "withdrawal"],
               body: WorkflowStep, scope: CommandScopeDep) -> Response:
    """`submission` (draft -> submitted), `review` (-> under_review), `withdrawal`.
    Declared after /decisions, which would otherwise be taken for a step."""
    await require_manager(scope.write_side, scope.principal, await _visible(scope, request_id))
    cmd = MoveChangeRequest(change_request_id=request_id, step=STEP_PATHS[step],
                            actor_id=acting_person(scope.principal), reason=body.reason)
    return await scope.run(lambda uow: handlers.move_change_request(cmd, uow),
                           ChangeRequestRead.of)
