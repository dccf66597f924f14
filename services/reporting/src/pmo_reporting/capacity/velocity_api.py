"""/v1/velocity: completed planned effort per period and the mean of the last N closed ones."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from sqlalchemy import Connection

from pmo_reporting.api.freshness import AwaitEvents, ReadSideDep, freshness
from pmo_reporting.api.presentation import FigureRead
from pmo_reporting.api.reportparams import TimeSliceDep
from pmo_reporting.capacity import flow_queries
from pmo_reporting.capacity.access import visible_projects
from pmo_reporting.capacity.params import RATIO_PLACES, ROUNDING, check_range
from pmo_reporting.capacity.schemas import VelocityPeriod, VelocityReport
from pmo_reporting.capacity.units import from_e4
from pmo_reporting.capacity.velocity import completed_on, velocity
from pmo_shared.http.auth import PrincipalDep

router = APIRouter(prefix="/v1", tags=["velocity"])
Periodicity = Annotated[str, Query(pattern="^(week|month)$")]


@router.get("/velocity", response_model=VelocityReport, dependencies=[AwaitEvents])
async def project_velocity(
    principal: PrincipalDep, side: ReadSideDep, when: TimeSliceDep, from_on: date,
    period: Periodicity = "week", last_n: Annotated[int, Query(ge=1, le=52)] = 3,
    project_id: UUID | None = None, portfolio_id: UUID | None = None,
) -> VelocityReport:
    """Planned effort of the tasks completed in each period (a task counts in the period its
    progress reached 100%), summed over the projects the caller may read (or the one asked)."""
    check_range(from_on, max(from_on, when.as_of), period)

    def query(conn: Connection) -> tuple[dict[str, Decimal], dict[str, date]]:
        projects = list(visible_projects(conn, principal, project_id=project_id,
                                         portfolio_id=portfolio_id))
        effort = {row.task_id: from_e4(row.planned_effort_e4)
                  for row in flow_queries.planned_effort(conn, when.known_at, projects)}
        reports: dict[str, list[tuple[date, Decimal]]] = defaultdict(list)
        for row in flow_queries.progress(conn, when.known_at, when.as_of, projects):
            reports[row.task_id].append((row.status_on, from_e4(row.percent_e4)))
        done = {task: on for task, history in reports.items()
                if (on := completed_on(history)) is not None}
        return effort, done

    effort, done = await side.database.read(query)
    result = velocity(done, effort, period=period, from_on=from_on, as_of=when.as_of,
                      last_n=last_n)
    mean = FigureRead(value=None, reason=result.mean_reason) if result.mean is None else \
        FigureRead(value=result.mean.quantize(RATIO_PLACES, ROUND_HALF_EVEN))
    return VelocityReport(
        as_of=when.as_of, as_known_at=when.known_at, rounding=ROUNDING,
        freshness=await freshness(side, side.consumer_name), unit="planned effort hours",
        period=period, last_n=last_n, mean_of_last_closed=mean,
        periods_in_mean=result.periods_in_mean,
        periods=[VelocityPeriod(period_on=start, completed_effort_hours=hours, closed=closed)
                 for start, hours, closed in result.periods])
