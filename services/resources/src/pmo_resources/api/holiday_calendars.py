"""/v1/holiday-calendars: publish public holiday calendars, republished whole."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from pmo_resources.api.deps import AccessDep, resource_managers_only
from pmo_resources.api.schemas.people import HolidayCalendarCreate, HolidayCalendarRead
from pmo_resources.commands import PublishHolidayCalendar
from pmo_resources.domain.holiday_calendar import HolidayCalendar
from pmo_resources.handlers import people as handlers
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/holiday-calendars", tags=["holiday calendars"])


def _command(body: HolidayCalendarCreate) -> PublishHolidayCalendar:
    return PublishHolidayCalendar(name=body.name,
                                  holidays=tuple((h.on, h.name) for h in body.holidays))


@router.post("", status_code=201, response_model=HolidayCalendarRead,
             dependencies=resource_managers_only)
async def publish_calendar(body: HolidayCalendarCreate, scope: CommandScopeDep) -> Response:
    cmd = _command(body)
    return await scope.run(lambda uow: handlers.publish_calendar(cmd, uow),
                           HolidayCalendarRead.of, status=201,
                           location=lambda c: f"/v1/holiday-calendars/{c.id}")


@router.put("/{calendar_id}", response_model=HolidayCalendarRead,
            dependencies=resource_managers_only)
async def republish_calendar(calendar_id: UUID, body: HolidayCalendarCreate,
                             scope: CommandScopeDep) -> Response:
    cmd = _command(body)
    return await scope.run(lambda uow: handlers.republish_calendar(calendar_id, cmd, uow),
                           HolidayCalendarRead.of)


@router.get("/{calendar_id}", response_model=HolidayCalendarRead)
async def read_calendar(calendar_id: UUID, _access: AccessDep,
                        write_side: WriteSideDep) -> JSONResponse:
    calendar = await write_side.load(HolidayCalendar, calendar_id)
    if calendar is None:
        raise NotFound(f"holiday calendar {calendar_id} does not exist")
    return resource_response(HolidayCalendarRead.of(calendar), version=calendar.version)
