"""/v1/timesheets: a person's week of hours, submitted to and approved by project managers."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Select, select

from pmo_resources.access import Access
from pmo_resources.api.deps import AccessDep
from pmo_resources.api.schemas.timesheets import (
    Decision,
    LineCorrection,
    LineCreate,
    TimesheetCreate,
    TimesheetRead,
    TimesheetSummary,
)
from pmo_resources.commands import CorrectTimesheetLine, RecordTimesheetLine
from pmo_resources.domain.timesheet import Timesheet
from pmo_resources.handlers import timesheets as handlers
from pmo_resources.tables import timesheet_projects_view, timesheets_view
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.http.commands import CommandScope, CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import CursorQuery, LimitQuery, Page, decode_cursor, encode_cursor
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/timesheets", tags=["timesheets"])
Decide = Callable[[UnitOfWork], Awaitable[Timesheet]]


def _readable(access: Access, sheet: Timesheet) -> bool:
    """Its person, resource managers and auditors, and managers of a project on it."""
    return (access.is_self(sheet.person_id) or access.sees_rates()
            or any(access.manages_project(p) for p in sheet.project_ids))


async def _run(scope: CommandScope, access: Access, decide: Decide, status: int = 200) -> Response:
    location = (lambda s: f"/v1/timesheets/{s.id}") if status == 201 else None
    return await scope.run(decide, lambda s: TimesheetRead.of(s, with_rates=access.sees_rates()),
                           status=status, location=location)


@router.post("", status_code=201, response_model=TimesheetRead)
async def open_timesheet(body: TimesheetCreate, access: AccessDep,
                         scope: CommandScopeDep) -> Response:
    access.require(access.edits_own_time(body.person_id), "you open only your own timesheets")
    return await _run(scope, access, lambda uow: handlers.open_timesheet(
        body.person_id, body.week_start_on, uow), status=201)


@router.post("/{timesheet_id}/lines", response_model=TimesheetRead)
async def record_line(timesheet_id: UUID, body: LineCreate, access: AccessDep,
                      scope: CommandScopeDep) -> Response:
    cmd = RecordTimesheetLine(**body.model_dump())
    return await _run(scope, access, lambda uow: handlers.record_line(
        timesheet_id, cmd, uow, access.edits_own_time))


@router.put("/{timesheet_id}/lines/{line_id}", response_model=TimesheetRead)
async def correct_line(timesheet_id: UUID, line_id: UUID, body: LineCorrection,
                       access: AccessDep, scope: CommandScopeDep) -> Response:
    cmd = CorrectTimesheetLine(line_id=line_id, **body.model_dump())
    return await _run(scope, access, lambda uow: handlers.correct_line(
        timesheet_id, cmd, uow, edits=access.edits_own_time, manages=access.manages_project))


@router.post("/{timesheet_id}/submit", response_model=TimesheetRead)
async def submit_timesheet(timesheet_id: UUID, access: AccessDep,
                           scope: CommandScopeDep) -> Response:
    return await _run(scope, access, lambda uow: handlers.submit_timesheet(
        timesheet_id, uow, access.edits_own_time))


@router.post("/{timesheet_id}/approve", response_model=TimesheetRead)
async def approve_timesheet(timesheet_id: UUID, access: AccessDep,
                            scope: CommandScopeDep) -> Response:
    return await _run(scope, access, lambda uow: handlers.approve_timesheet(
        timesheet_id, uow, access.manages_project))


@router.post("/{timesheet_id}/reject", response_model=TimesheetRead)
async def reject_timesheet(timesheet_id: UUID, body: Decision, access: AccessDep,
                           scope: CommandScopeDep) -> Response:
    return await _run(scope, access, lambda uow: handlers.reject_timesheet(
        timesheet_id, body.reason, uow, access.manages_project))


@router.get("/{timesheet_id}", response_model=TimesheetRead)
async def read_timesheet(timesheet_id: UUID, access: AccessDep,
                         write_side: WriteSideDep) -> JSONResponse:
    sheet = await write_side.load(Timesheet, timesheet_id)
    if sheet is None or not _readable(access, sheet):
        raise NotFound(f"timesheet {timesheet_id} does not exist")
    return resource_response(TimesheetRead.of(sheet, with_rates=access.sees_rates()),
                             version=sheet.version)


def _timesheets(*, person_id: UUID | None, project_id: UUID | None, status: str | None,
                after: str | None, limit: int) -> Select[Any]:
    table = timesheets_view
    statement = select(table)
    if project_id is not None:
        projects = timesheet_projects_view
        statement = statement.join(projects, projects.c.timesheet_id == table.c.timesheet_id)
        statement = statement.where(projects.c.project_id == str(project_id))
    if person_id is not None:
        statement = statement.where(table.c.person_id == str(person_id))
    if status is not None:
        statement = statement.where(table.c.status == status)
    if after is not None:
        statement = statement.where(table.c.timesheet_id > after)
    return statement.order_by(table.c.timesheet_id).limit(limit + 1)


@router.get("", response_model=Page[TimesheetSummary])
async def list_timesheets(
    access: AccessDep, write_side: WriteSideDep, limit: LimitQuery = 50,
    cursor: CursorQuery = None, person_id: UUID | None = None, project_id: UUID | None = None,
    status: Literal["draft", "submitted", "approved", "rejected"] | None = None,
) -> Page[TimesheetSummary]:
    """A person lists their own; a project manager lists a project's (e.g. to approve)."""
    access.require(access.sees_rates() or (person_id is not None and access.is_self(person_id))
                   or (project_id is not None and access.manages_project(project_id)),
                   "filter by your own person_id or a project you manage")
    after = str(decode_cursor(cursor).get("id")) if cursor else None
    statement = _timesheets(person_id=person_id, project_id=project_id, status=status,
                            after=after, limit=limit)
    rows = await write_side.database.read(lambda conn: list(conn.execute(statement).all()))
    items = [TimesheetSummary(id=r.timesheet_id, person_id=r.person_id,
                              week_start_on=r.week_start_on, status=r.status,
                              total_hours=r.total_hours) for r in rows[:limit]]
    next_cursor = encode_cursor({"id": rows[limit - 1].timesheet_id}) if len(rows) > limit else None
    return Page[TimesheetSummary](items=items, next_cursor=next_cursor)
