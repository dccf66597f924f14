"""/v1/people/{id}/calendar and /over-allocations: capacity, time off and load for a range."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import Response

from pmo_resources.api.deps import AccessDep
from pmo_resources.api.schemas.allocations import AllocationRead, OverAllocatedDay
from pmo_resources.api.schemas.availability import TimeOffRead
from pmo_resources.api.schemas.calendars import (
    CalendarDay,
    OverAllocationsRead,
    PersonCalendarRead,
)
from pmo_resources.domain.errors import InvalidField
from pmo_resources.queries import PersonPlan, person_plan
from pmo_shared.http.commands import WriteSideDep
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/people/{person_id}", tags=["capacity"])
MAX_DAYS = 400
FromQuery = Annotated[date, Query(description="First day, inclusive")]
ToQuery = Annotated[date, Query(description=f"Last day, inclusive; at most {MAX_DAYS} days")]


async def _plan(person_id: UUID, from_on: date, to_on: date, access: AccessDep,
                write_side: WriteSideDep) -> PersonPlan:
    if to_on < from_on or (to_on - from_on).days >= MAX_DAYS:
        raise InvalidField(f"to_on must be on or after from_on, within {MAX_DAYS} days",
                           parameter="query.to_on")
    plan = await person_plan(write_side.store, write_side.database, person_id, from_on, to_on)
    if plan is None or not access.reads_person(person_id):
        raise NotFound(f"person {person_id} does not exist")
    return plan


@router.get("/calendar", response_model=PersonCalendarRead)
async def read_calendar(person_id: UUID, from_on: FromQuery, to_on: ToQuery, access: AccessDep,
                        write_side: WriteSideDep) -> Response:
    """Serialized directly: re-validating a year of days through response_model doubles its cost."""
    plan = await _plan(person_id, from_on, to_on, access, write_side)
    days = plan.days(from_on, to_on)
    leaves = [TimeOffRead(time_off_id=t.time_off_id, start_on=t.start_on, end_on=t.end_on,
                          half_days=t.half_days)
              for t in sorted(plan.person.time_off.values(), key=lambda t: t.start_on)
              if t.start_on <= to_on and t.end_on >= from_on]
    body = PersonCalendarRead(
        person_id=person_id, from_on=from_on, to_on=to_on,
        capacity_hours=sum((d.capacity for d in days), Decimal(0)),
        load_hours=sum((d.load for d in days), Decimal(0)),
        # The values come typed from the domain: constructing skips a year of re-validation.
        days=[CalendarDay.model_construct(
            on=d.on, scheduled_hours=d.scheduled, time_off_hours=d.time_off, holiday=d.holiday,
            capacity_hours=d.capacity, load_hours=d.load, over_allocated=d.over_allocated)
            for d in days],
        time_off=leaves, allocations=[AllocationRead.of_row(a) for a in plan.allocations])
    return Response(body.model_dump_json(), media_type="application/json")


@router.get("/over-allocations", response_model=OverAllocationsRead)
async def read_over_allocations(person_id: UUID, from_on: FromQuery, to_on: ToQuery,
                                access: AccessDep,
                                write_side: WriteSideDep) -> OverAllocationsRead:
    plan = await _plan(person_id, from_on, to_on, access, write_side)
    days = [OverAllocatedDay.of(d) for d in plan.days(from_on, to_on) if d.over_allocated]
    return OverAllocationsRead(person_id=person_id, from_on=from_on, to_on=to_on, days=days)
