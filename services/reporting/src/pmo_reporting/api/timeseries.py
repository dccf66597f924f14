"""/v1/evm/projects/{id}/series: S-curve (PV, EV, AC per week or month), burn rate and runway."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel

from pmo_reporting.api.freshness import AwaitEvents, Freshness, ReadSideDep, freshness
from pmo_reporting.api.presentation import FigureRead, Presenter
from pmo_reporting.api.reportparams import (
    ReportTime,
    RoundingQuery,
    TimeSliceDep,
    describe,
    visible,
)
from pmo_reporting.metrics.series import Interval, burn, periods
from pmo_reporting.queries.evm_facts import Scope, load_facts, load_projects
from pmo_reporting.queries.evm_report import project_evm, values_at
from pmo_reporting.queries.series_facts import daily_costs
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.kernel.errors import DomainError, NotFound

router = APIRouter(prefix="/v1/evm", tags=["earned value"])
MAX_PERIODS = 260


class RangeTooLong(DomainError):
    status = 422
    problem_type = "range-too-long"
    title = "The requested range has too many periods"


class PointRead(BaseModel):
    period_start_on: date
    period_end_on: date
    pv: Decimal
    ev: Decimal
    ac: Decimal
    pv_in_period: Decimal
    ev_in_period: Decimal
    ac_in_period: Decimal


class SeriesRead(BaseModel):
    project_id: UUID
    currency: str
    interval: Interval
    time: ReportTime
    points: list[PointRead]
    bac: Decimal
    burn_rate_actual: FigureRead
    burn_rate_planned: FigureRead
    runway_periods: FigureRead
    burn_window_periods: int
    rounding: str
    freshness: Freshness


@router.get("/projects/{project_id}/series", response_model=SeriesRead,
            dependencies=[AwaitEvents])
async def project_series(
    project_id: UUID, principal: PrincipalDep, side: ReadSideDep, when: TimeSliceDep,
    from_on: Annotated[date, Query(alias="from", description="First day of the range")],
    to_on: Annotated[date, Query(alias="to", description="Last day of the range")],
    interval: Interval = Interval.WEEK,
    burn_window: Annotated[int, Query(ge=1, le=52, description="Periods in the burn rate")] = 4,
    rounding: RoundingQuery = "presentation",
) -> SeriesRead:
    spans = periods(from_on, to_on, interval)
    if len(spans) > MAX_PERIODS:
        raise RangeTooLong(f"at most {MAX_PERIODS} periods", pointer="#/to")
    upto = TimeSlice(as_of=max(to_on, from_on), known_at=when.known_at)

    def query(conn):  # type: ignore[no-untyped-def]
        projects = visible(principal, load_projects(conn, Scope(project_id=str(project_id))))
        facts = load_facts(conn, projects, upto)
        return facts, daily_costs(conn, str(project_id), upto)

    facts, costs = await side.database.read(query)
    if not facts:
        raise NotFound(f"project {project_id} is not known to reporting")
    project = next(iter(facts.values()))
    currency = project.project.currency
    show = Presenter(rounding)
    points, previous = [], (Decimal(0), Decimal(0), Decimal(0))
    for start, end in spans:
        pv, ev = values_at(project, end)
        ac = sum((amount for day, cur, amount in costs if day <= end and cur == currency),
                 Decimal(0))
        points.append(PointRead(
            period_start_on=start, period_end_on=end, pv=show.money(pv), ev=show.money(ev),
            ac=show.money(ac), pv_in_period=show.money(pv - previous[0]),
            ev_in_period=show.money(ev - previous[1]), ac_in_period=show.money(ac - previous[2])))
        previous = (pv, ev, ac)
    bac = project_evm(project, as_of=upto.as_of, method="typical").totals.bac  # type: ignore[arg-type]
    rates = burn([p.ac_in_period for p in points], [p.pv_in_period for p in points],
                 remaining_budget=bac - previous[2], last=burn_window)
    return SeriesRead(
        project_id=project_id, currency=currency, interval=interval, time=describe(when),
        points=points, bac=show.money(bac), burn_rate_actual=show.money_figure(rates.actual),
        burn_rate_planned=show.money_figure(rates.planned),
        runway_periods=show.ratio_figure(rates.runway_periods),
        burn_window_periods=min(burn_window, len(points)), rounding=show.note,
        freshness=await freshness(side, side.consumer_name),
    )
