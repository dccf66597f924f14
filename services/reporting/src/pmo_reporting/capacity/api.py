"""/v1/capacity/demand: capacity vs demand per person, team, role or skill, per day/week/month."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from fastapi import APIRouter, Depends, Query

from pmo_reporting.api.freshness import AwaitEvents, ReadSideDep, freshness
from pmo_reporting.api.reportparams import TimeSliceDep
from pmo_reporting.capacity.access import PEOPLE_READERS
from pmo_reporting.capacity.demand import DemandQuery, demand_report
from pmo_reporting.capacity.params import (
    ROUNDING,
    Period,
    check_range,
    cursor_key,
    whole_periods,
)
from pmo_reporting.capacity.schemas import CapacityReport
from pmo_shared.http.auth import Principal, require_roles
from pmo_shared.http.pagination import CursorQuery, LimitQuery, encode_cursor

router = APIRouter(prefix="/v1/capacity", tags=["capacity"])
PeopleReader = Annotated[Principal, Depends(require_roles(*PEOPLE_READERS))]
GroupBy = Literal["total", "person", "team", "role", "skill"]
Name = Annotated[str | None, Query(max_length=64)]


@router.get("/demand", response_model=CapacityReport, dependencies=[AwaitEvents])
async def capacity_vs_demand(
    principal: PeopleReader, side: ReadSideDep, when: TimeSliceDep, from_on: date, to_on: date,
    period: Period = "week", group_by: GroupBy = "total", team_id: UUID | None = None,
    role: Name = None, skill: Name = None, project_id: UUID | None = None,
    limit: LimitQuery = 50, cursor: CursorQuery = None,
) -> CapacityReport:
    """Capacity (schedule less holidays and time off), hard (confirmed) and soft (requested or
    proposed) allocations, free hours, unfilled requests, timesheet hours up to `as_of`, and
    over-allocated person-days (load strictly greater than capacity). Weeks and months are
    whole (the range is widened to their boundaries and echoed back). A project manager passes
    `project_id` and sees the people allocated to it."""
    check_range(from_on, to_on, period)
    ask = DemandQuery(from_on=from_on, to_on=to_on, period=period, group_by=group_by,
                      team_id=team_id, role=role, skill=skill, project_id=project_id,
                      after=cursor_key(cursor), limit=limit)
    groups, last = await side.database.read(lambda conn: demand_report(conn, principal, when, ask))
    return CapacityReport(
        as_of=when.as_of, as_known_at=when.known_at, rounding=ROUNDING,
        freshness=await freshness(side, side.consumer_name), group_by=group_by, period=period,
        **whole_periods(from_on, to_on, period), items=groups,
        next_cursor=None if last is None else encode_cursor({"key": last}))
