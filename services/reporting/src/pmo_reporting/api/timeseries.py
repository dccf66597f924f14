"""/v1/evm/.../series: S-curve (PV, EV, AC per week or month), burn rate and runway of a project,
a program, a portfolio or every project the caller sees (one series per currency)."""
from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query

from pmo_reporting.api.freshness import AwaitEvents, ReadSideDep, freshness
from pmo_reporting.api.presentation import Presenter
from pmo_reporting.api.reportparams import (
    PlausibleDate,
    RoundingQuery,
    TimeSliceDep,
    describe,
    visible,
)
from pmo_reporting.api.series_schemas import (
    AggregateSeriesRead,
    CurrencySeriesRead,
    CurveRead,
    SeriesRead,
)
from pmo_reporting.metrics.series import Interval, periods
from pmo_reporting.queries.evm_facts import Scope, load_facts, load_projects
from pmo_reporting.queries.series_facts import CurrencyCurve, curves_by_currency, daily_costs
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.principal import Principal
from pmo_shared.kernel.errors import DomainError, NotFound

router = APIRouter(prefix="/v1/evm", tags=["earned value"])
MAX_PERIODS = 260
FromQuery = Annotated[PlausibleDate, Query(alias="from", description="First day of the range")]
ToQuery = Annotated[PlausibleDate, Query(alias="to", description="Last day of the range")]
BurnWindowQuery = Annotated[int, Query(ge=1, le=52, description="Periods in the burn rate")]


class RangeTooLong(DomainError):
    status = 422
    problem_type = "range-too-long"
    title = "The requested range has too many periods"


class Series:
    """One request's range and the per-currency curves of the projects in its scope."""

    def __init__(self, when: TimeSlice, from_on: date, to_on: date, interval: Interval,
                 burn_window: int, rounding: str) -> None:
        self.spans = periods(from_on, to_on, interval, limit=MAX_PERIODS + 1)
        if len(self.spans) > MAX_PERIODS:
            raise RangeTooLong(f"at most {MAX_PERIODS} periods", pointer="#/to")
        # Facts up to the end of the range, as known at the requested moment.
        self.upto = TimeSlice(as_of=max(to_on, from_on), known_at=when.known_at)
        self.when, self.interval, self.burn_window = when, interval, burn_window
        self.show = Presenter(rounding)

    async def curves(self, side: ReadSideDep, principal: Principal,
                     scope: Scope) -> list[CurrencyCurve]:
        ends = [end for _, end in self.spans]

        def query(conn):  # type: ignore[no-untyped-def]
            projects = load_projects(conn, scope, self.upto.known_at)
            facts = load_facts(conn, visible(principal, projects), self.upto)
            return facts, daily_costs(conn, facts, self.upto)

        facts, costs = await side.database.read(query)
        return curves_by_currency(facts, costs, ends, as_of=self.upto.as_of)

    def fields(self, group: CurrencyCurve) -> dict[str, object]:
        return CurveRead.fields(group.currency, group.curve, self.spans,
                                burn_window=self.burn_window, show=self.show)

    def header(self) -> dict[str, object]:
        return {"interval": self.interval, "time": describe(self.when), "rounding": self.show.note,
                "burn_window_periods": min(self.burn_window, len(self.spans))}


def series_query(when: TimeSliceDep, from_on: FromQuery, to_on: ToQuery,
                 interval: Interval = Interval.WEEK, burn_window: BurnWindowQuery = 4,
                 rounding: RoundingQuery = "presentation") -> Series:
    """The query parameters every series endpoint takes."""
    return Series(when, from_on, to_on, interval, burn_window, rounding)


SeriesDep = Annotated[Series, Depends(series_query)]


@router.get("/projects/{project_id}/series", response_model=SeriesRead,
            dependencies=[AwaitEvents])
async def project_series(project_id: UUID, principal: PrincipalDep, side: ReadSideDep,
                         series: SeriesDep) -> SeriesRead:
    found = await series.curves(side, principal, Scope(project_id=str(project_id)))
    if not found:
        raise NotFound(f"project {project_id} is not known to reporting")
    return SeriesRead(project_id=project_id, **series.fields(found[0]), **series.header(),
                      freshness=await freshness(side, side.consumer_name))


async def _aggregate(side: ReadSideDep, principal: Principal, series: Series, *, kind: str,
                     scope_id: UUID | None, scope: Scope) -> AggregateSeriesRead:
    found = await series.curves(side, principal, scope)
    return AggregateSeriesRead(
        scope=kind, scope_id=scope_id, projects=sum(group.projects for group in found),
        series=[CurrencySeriesRead(projects=group.projects, **series.fields(group))
                for group in found],
        **series.header(), freshness=await freshness(side, side.consumer_name))


@router.get("/programs/{program_id}/series", response_model=AggregateSeriesRead,
            dependencies=[AwaitEvents])
async def program_series(program_id: UUID, principal: PrincipalDep, side: ReadSideDep,
                         series: SeriesDep) -> AggregateSeriesRead:
    """The program's visible projects summed per currency."""
    return await _aggregate(side, principal, series, kind="program", scope_id=program_id,
                            scope=Scope(program_id=str(program_id)))


@router.get("/portfolios/{portfolio_id}/series", response_model=AggregateSeriesRead,
            dependencies=[AwaitEvents])
async def portfolio_series(portfolio_id: UUID, principal: PrincipalDep, side: ReadSideDep,
                           series: SeriesDep) -> AggregateSeriesRead:
    """The portfolio's visible projects summed per currency."""
    return await _aggregate(side, principal, series, kind="portfolio", scope_id=portfolio_id,
                            scope=Scope(portfolio_id=str(portfolio_id)))


@router.get("/all/series", response_model=AggregateSeriesRead, dependencies=[AwaitEvents])
async def visible_series(principal: PrincipalDep, side: ReadSideDep,
                         series: SeriesDep) -> AggregateSeriesRead:
    """Every project the caller may see (for a portfolio manager: their portfolios)."""
    return await _aggregate(side, principal, series, kind="all", scope_id=None, scope=Scope())
