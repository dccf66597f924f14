"""/v1/capacity/{over-allocations,unfilled-requests,shortages}: the staffing problems."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends
from sqlalchemy import Connection

from pmo_reporting.api.freshness import AwaitEvents, ReadSideDep, freshness
from pmo_reporting.api.reportparams import TimeSliceDep
from pmo_reporting.capacity import queries
from pmo_reporting.capacity.access import PEOPLE_READERS, people_in_scope
from pmo_reporting.capacity.params import (
    ROUNDING,
    Period,
    check_range,
    cursor_key,
    whole_periods,
)
from pmo_reporting.capacity.requests import demand_for_skill, open_requests, skill_demands
from pmo_reporting.capacity.schemas import (
    OverAllocatedDay,
    OverAllocatedPerson,
    OverAllocationReport,
    Shortage,
    ShortageReport,
    UnfilledRequest,
    UnfilledRequestReport,
)
from pmo_reporting.capacity.units import from_e4
from pmo_shared.http.auth import Principal, require_roles
from pmo_shared.http.pagination import CursorQuery, LimitQuery, encode_cursor

router = APIRouter(prefix="/v1/capacity", tags=["staffing"])
PeopleReader = Annotated[Principal, Depends(require_roles(*PEOPLE_READERS))]
Planner = Annotated[Principal, Depends(require_roles("pmo_admin", "portfolio_manager", "auditor"))]


@router.get("/over-allocations", response_model=OverAllocationReport, dependencies=[AwaitEvents])
async def over_allocations(principal: PeopleReader, side: ReadSideDep, when: TimeSliceDep,
                           from_on: date, to_on: date, limit: LimitQuery = 50,
                           cursor: CursorQuery = None) -> OverAllocationReport:
    """People with days whose load (hard + soft) is strictly greater than their capacity."""
    check_range(from_on, to_on, "week")
    after = cursor_key(cursor)

    def query(conn: Connection) -> list[Any]:
        scope = queries.Scope(at=when.known_at,
                              person_ids=people_in_scope(conn, principal, None, when.known_at))
        return queries.over_allocated_days(conn, scope, from_on=from_on, to_on=to_on,
                                           after_person=after, limit=limit + 1)

    days: dict[str, list[OverAllocatedDay]] = defaultdict(list)
    for row in await side.database.read(query):
        load = from_e4(row.hard_e4 + row.soft_e4)
        days[row.person_id].append(OverAllocatedDay(
            day=row.day, capacity_hours=from_e4(row.capacity_e4), allocated_hours=load,
            excess_hours=load - from_e4(row.capacity_e4)))
    people = [OverAllocatedPerson(person_id=person, days=found) for person, found in days.items()]
    page = people[:limit]
    return OverAllocationReport(
        as_of=when.as_of, as_known_at=when.known_at, rounding=ROUNDING,
        freshness=await freshness(side, side.consumer_name), items=page,
        next_cursor=encode_cursor({"key": page[-1].person_id}) if len(people) > limit else None)


@router.get("/unfilled-requests", response_model=UnfilledRequestReport,
            dependencies=[AwaitEvents])
async def unfilled_requests(principal: Planner, side: ReadSideDep, when: TimeSliceDep,
                            from_on: date, to_on: date, role: str | None = None,
                            skill: str | None = None, limit: LimitQuery = 50,
                            cursor: CursorQuery = None) -> UnfilledRequestReport:
    """Allocations without a person, not cancelled, overlapping the range; hours inside it."""
    check_range(from_on, to_on, "month")
    after = cursor_key(cursor)
    found = await side.database.read(
        lambda conn: open_requests(conn, when.known_at, from_on, to_on))
    found = [item for item in found if (role is None or item.role == role)
             and (skill is None or skill in {name for name, _level in item.skills})
             and (after is None or item.allocation_id > after)]
    page = found[:limit]
    return UnfilledRequestReport(
        as_of=when.as_of, as_known_at=when.known_at, rounding=ROUNDING,
        freshness=await freshness(side, side.consumer_name), from_on=from_on, to_on=to_on,
        items=[UnfilledRequest(
            allocation_id=item.allocation_id, project_id=item.project_id, role=item.role,
            skills=[{"skill": name, "min_level": level} for name, level in item.skills],
            start_on=item.start_on, end_on=item.end_on, status=item.status,
            requested_hours=item.hours_between(from_on, to_on)) for item in page],
        next_cursor=encode_cursor({"key": page[-1].allocation_id}) if len(found) > limit
        else None)


@router.get("/shortages", response_model=ShortageReport, dependencies=[AwaitEvents])
async def shortages(principal: Planner, side: ReadSideDep, when: TimeSliceDep, from_on: date,
                    to_on: date, period: Period = "week") -> ShortageReport:
    """Per skill, minimum level and whole period: the hours unfilled requests ask for against
    the free hours of people holding that skill at that level or above."""
    check_range(from_on, to_on, period)
    span = whole_periods(from_on, to_on, period)

    def query(conn: Connection) -> list[Shortage]:
        requests = open_requests(conn, when.known_at, span["from_on"], span["to_on"])
        rows = []
        for skill, level in skill_demands(requests):
            demand = demand_for_skill(requests, (skill, level), period=period, **span)
            free = queries.free_hours_of_skilled(conn, when.known_at, skill=skill,
                                                 min_level=level, period=period, **span)
            for start, hours in sorted(demand.items()):
                available = from_e4(free.get(start, 0))
                rows.append(Shortage(skill=skill, min_level=level, period_on=start,
                                     demand_hours=hours, available_hours=available,
                                     shortage_hours=max(Decimal(0), hours - available)))
        return rows

    return ShortageReport(
        as_of=when.as_of, as_known_at=when.known_at, rounding=ROUNDING,
        freshness=await freshness(side, side.consumer_name), period=period, **span,
        items=await side.database.read(query))
