"""Handlers of change control commands; each refreshes the request's row in `change_requests_view`."""
from __future__ import annotations

from pmo_governance.commands.changes import (
    DecideChangeRequest,
    DraftChangeRequest,
    MoveChangeRequest,
    ReviseChangeRequest,
)
from pmo_governance.domain.change_request import ChangeRequest
from pmo_governance.handlers.rows import replace_row
from pmo_governance.tables import change_requests_view
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.ids import new_id


async def draft_change_request(cmd: DraftChangeRequest, uow: UnitOfWork) -> ChangeRequest:
    return _saved(uow, ChangeRequest.draft(new_id(), cmd))


async def revise_change_request(cmd: ReviseChangeRequest, uow: UnitOfWork) -> ChangeRequest:
    request = await uow.get(ChangeRequest, cmd.change_request_id)
    request.revise(cmd)
    return _saved(uow, request)


async def move_change_request(cmd: MoveChangeRequest, uow: UnitOfWork) -> ChangeRequest:
    request = await uow.get(ChangeRequest, cmd.change_request_id)
    request.move(cmd)
    return _saved(uow, request)


async def decide_change_request(cmd: DecideChangeRequest, uow: UnitOfWork) -> ChangeRequest:
    request = await uow.get(ChangeRequest, cmd.change_request_id)
    request.decide(cmd)
    return _saved(uow, request)


def _saved(uow: UnitOfWork, request: ChangeRequest) -> ChangeRequest:
    uow.save(request)
    uow.also(lambda conn: replace_row(conn, change_requests_view, "change_request_id", {
        "change_request_id": str(request.id), "project_id": str(request.project_id),
        "title": request.title, "status": request.status,
        "requested_by": str(request.requested_by)}))
    return request
