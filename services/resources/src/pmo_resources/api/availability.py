"""/v1/people/{id}/schedules, /holiday-calendars and /time-off: a person's capacity inputs."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from pmo_resources.api.deps import AccessDep, resource_managers_only
from pmo_resources.api.schemas.availability import (
    CalendarAssignment,
    PersonCapacityRead,
    ScheduleCreate,
    TimeOffCreate,
)
from pmo_resources.commands import BookTimeOff, SetSchedule
from pmo_resources.domain.person import Person
from pmo_resources.handlers import people as handlers
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.kernel.errors import Forbidden, NotFound

router = APIRouter(prefix="/v1/people/{person_id}", tags=["availability"])


@router.get("/availability", response_model=PersonCapacityRead)
async def read_availability(person_id: UUID, access: AccessDep,
                            write_side: WriteSideDep) -> JSONResponse:
    person = await write_side.load(Person, person_id)
    if person is None or not access.reads_person(person_id):
        raise NotFound(f"person {person_id} does not exist")
    return resource_response(PersonCapacityRead.of(person), version=person.version)


@router.post("/schedules", status_code=201, response_model=PersonCapacityRead,
             dependencies=resource_managers_only)
async def set_schedule(person_id: UUID, body: ScheduleCreate, scope: CommandScopeDep) -> Response:
    cmd = SetSchedule(person_id=person_id, effective_from=body.effective_from,
                      hours_per_weekday=tuple(body.hours_per_weekday))
    return await scope.run(lambda uow: handlers.set_schedule(cmd, uow), PersonCapacityRead.of,
                           status=201)


@router.post("/holiday-calendars", response_model=PersonCapacityRead,
             dependencies=resource_managers_only)
async def assign_calendar(person_id: UUID, body: CalendarAssignment,
                          scope: CommandScopeDep) -> Response:
    return await scope.run(
        lambda uow: handlers.assign_calendar(person_id, body.calendar_id, uow),
        PersonCapacityRead.of)


@router.delete("/holiday-calendars/{calendar_id}", response_model=PersonCapacityRead,
               dependencies=resource_managers_only)
async def unassign_calendar(person_id: UUID, calendar_id: UUID,
                            scope: CommandScopeDep) -> Response:
    return await scope.run(lambda uow: handlers.unassign_calendar(person_id, calendar_id, uow),
                           PersonCapacityRead.of)


def _may_book(access: AccessDep, person_id: UUID) -> None:
    if not (access.is_resource_manager() or access.is_self(person_id)):
        raise Forbidden("time off is booked by the person or a resource manager")


@router.post("/time-off", status_code=201, response_model=PersonCapacityRead)
async def book_time_off(person_id: UUID, body: TimeOffCreate, access: AccessDep,
                        scope: CommandScopeDep) -> Response:
    _may_book(access, person_id)
    cmd = BookTimeOff(person_id=person_id, start_on=body.start_on, end_on=body.end_on,
                      half_days=tuple(body.half_days), reason=body.reason)
    booked: list[UUID] = []

    async def decide(uow: UnitOfWork) -> Person:
        person, time_off_id = await handlers.book_time_off(cmd, uow)
        booked.append(time_off_id)
        return person

    return await scope.run(decide, lambda p: PersonCapacityRead.of(p, booked[0]), status=201)


@router.delete("/time-off/{time_off_id}", response_model=PersonCapacityRead)
async def cancel_time_off(person_id: UUID, time_off_id: UUID, access: AccessDep,
                          scope: CommandScopeDep) -> Response:
    _may_book(access, person_id)
    return await scope.run(lambda uow: handlers.cancel_time_off(person_id, time_off_id, uow),
                           PersonCapacityRead.of)
