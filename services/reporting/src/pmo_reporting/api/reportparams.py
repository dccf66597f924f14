"""Query parameters every report shares: status date, record time, rounding; and access filtering."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal, TypeVar
from uuid import UUID

from fastapi import Depends, Query, Request
from pydantic import AfterValidator, BaseModel, Field

from pmo_reporting.queries.timeslice import TimeSlice
from pmo_shared.http.principal import Principal
from pmo_shared.kernel.clock import Clock

Rounding = Literal["presentation", "none"]
D = TypeVar("D", date, datetime)


class ReportTime(BaseModel):
    as_of: date = Field(description="Business status date")
    as_known_at: datetime = Field(description="Record time the report reflects (UTC)")


def _plausible(moment: D) -> D:
    # Years near 1 or 9999 overflow the date arithmetic of a report (a zone shift to UTC, periods
    # counted back from the status date): a 422 naming the parameter, not a 500 (found by fuzzing).
    if not MIN_YEAR <= moment.year <= MAX_YEAR:
        raise ValueError(f"the year must be between {MIN_YEAR} and {MAX_YEAR}")
    return moment


MIN_YEAR, MAX_YEAR = 1900, 9000
PlausibleDate = Annotated[date, AfterValidator(_plausible)]
PlausibleTime = Annotated[datetime, AfterValidator(_plausible)]


def report_time(
    request: Request,
    as_of: Annotated[PlausibleDate | None, Query(
        description="Status date; default today (UTC)")] = None,
    as_known_at: Annotated[PlausibleTime | None, Query(
        description="Answer with what was recorded by this UTC time; default now")] = None,
) -> TimeSlice:
    clock: Clock = request.app.state.read_side.runtime.clock
    now = clock.now()
    known = now if as_known_at is None else as_known_at
    if known.tzinfo is None:  # a naive time is read as UTC, the only zone record times use
        known = known.replace(tzinfo=UTC)
    return TimeSlice(as_of=as_of or now.date(), known_at=known.astimezone(UTC))


TimeSliceDep = Annotated[TimeSlice, Depends(report_time)]
RoundingQuery = Annotated[Rounding, Query(
    description="`presentation` rounds half-even (money 2 places, ratios, percents and days 4); "
                "`none` returns full precision")]


def visible(principal: Principal, rows: Iterable[Any]) -> list[Any]:
    """Only projects the caller may read (rows of `load_projects`): admins and auditors all,
    portfolio managers the projects now in their portfolios, everyone else those in their token."""
    return [row for row in rows if principal.can_read_project(
        UUID(row.project_id), UUID(row.access_portfolio_id) if row.access_portfolio_id else None)]


def describe(when: TimeSlice) -> ReportTime:
    return ReportTime(as_of=when.as_of, as_known_at=when.known_at)
