"""/v1/burn-rate: actual hours and cost per period, per task, project or person."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from typing import Any, Literal
from uuid import UUID

from fastapi import APIRouter
from sqlalchemy import Connection

from pmo_reporting.api.freshness import AwaitEvents, ReadSideDep, freshness
from pmo_reporting.api.reportparams import TimeSliceDep
from pmo_reporting.capacity import flow_queries
from pmo_reporting.capacity.access import visible_projects
from pmo_reporting.capacity.params import (
    RATIO_PLACES,
    ROUNDING,
    Period,
    check_range,
    cursor_key,
    period_starts,
    whole_periods,
)
from pmo_reporting.capacity.schemas import BurnPeriod, BurnRateReport, BurnSeries
from pmo_reporting.capacity.units import from_e4
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.pagination import CursorQuery, LimitQuery, encode_cursor

router = APIRouter(prefix="/v1", tags=["burn rate"])


@router.get("/burn-rate", response_model=BurnRateReport, dependencies=[AwaitEvents])
async def burn_rate(
    principal: PrincipalDep, side: ReadSideDep, when: TimeSliceDep, from_on: date, to_on: date,
    group_by: Literal["task", "project", "person"] = "project", period: Period = "week",
    project_id: UUID | None = None, portfolio_id: UUID | None = None,
    person_id: UUID | None = None, limit: LimitQuery = 50, cursor: CursorQuery = None,
) -> BurnRateReport:
    """Timesheet hours and cost worked up to `as_of` in each whole period, only on projects the
    caller may read; the mean is cost per period over the range's periods."""
    check_range(from_on, to_on, period)
    span = whole_periods(from_on, to_on, period)
    after = cursor_key(cursor)

    def query(conn: Connection) -> list[Any]:
        projects = list(visible_projects(conn, principal, project_id=project_id,
                                         portfolio_id=portfolio_id))
        last = min(span["to_on"], when.as_of)
        return flow_queries.burn(
            conn, when.known_at, group_by=group_by, period=period, from_on=span["from_on"],
            to_on=last, project_ids=projects,
            person_id=None if person_id is None else str(person_id)) if projects else []

    rows = await side.database.read(query)
    series = _series(rows, period_starts(span["from_on"], span["to_on"], period))
    series = [item for item in series if after is None or f"{item.key}/{item.currency}" > after]
    page = series[:limit]
    more = len(series) > limit
    return BurnRateReport(
        as_of=when.as_of, as_known_at=when.known_at, rounding=ROUNDING,
        freshness=await freshness(side, side.consumer_name), group_by=group_by, period=period,
        **span, items=page,
        next_cursor=encode_cursor({"key": f"{page[-1].key}/{page[-1].currency}"}) if more
        else None)


def _series(rows: list[Any], starts: list[date]) -> list[BurnSeries]:
    grouped: dict[tuple[str, str], dict[date, Any]] = defaultdict(dict)
    for row in rows:
        grouped[row.key, row.currency][row.period_on] = row
    result = []
    for (key, currency), by_period in sorted(grouped.items()):
        periods = [BurnPeriod(period_on=start, hours=from_e4(getattr(by_period.get(start), "hours", 0)),
                              cost=from_e4(getattr(by_period.get(start), "cost", 0)))
                   for start in starts]
        cost = sum((item.cost for item in periods), Decimal(0))
        result.append(BurnSeries(
            key=key, currency=currency, total_hours=sum((item.hours for item in periods), Decimal(0)),
            total_cost=cost, periods=periods,
            mean_cost_per_period=(cost / len(starts)).quantize(RATIO_PLACES)))
    return result
