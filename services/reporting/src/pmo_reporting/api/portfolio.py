"""/v1/portfolio/health: one row per visible project with phase, RAG, CPI, SPI, EAC vs BAC, open
high risks and staffing gaps; filterable, sortable and cursor paginated."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from pydantic import BaseModel

from pmo_reporting.api.freshness import AwaitEvents, Freshness, ReadSideDep, freshness
from pmo_reporting.api.presentation import FigureRead, Presenter
from pmo_reporting.api.reportparams import ReportTime, RoundingQuery, TimeSliceDep, describe, visible
from pmo_reporting.metrics.evm import EacMethod
from pmo_reporting.queries.evm_facts import Scope, load_projects
from pmo_reporting.queries.evm_memo import memo_for
from pmo_reporting.queries.evm_report import evm_of
from pmo_reporting.queries.health_facts import (
    latest_status_reports,
    open_high_risks,
    staffing_gaps,
)
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.pagination import CursorQuery, InvalidCursor, LimitQuery, decode_cursor, encode_cursor

router = APIRouter(prefix="/v1/portfolio", tags=["portfolio health"])
SortKey = Literal["code", "name", "phase", "rag", "cpi", "spi", "vac", "open_high_risks",
                  "staffing_gaps", "-code", "-name", "-phase", "-rag", "-cpi", "-spi", "-vac",
                  "-open_high_risks", "-staffing_gaps"]
RAG_ORDER = {"red": 0, "amber": 1, "green": 2}


class HealthRow(BaseModel):
    project_id: UUID
    code: str
    name: str
    portfolio_id: UUID | None
    program_id: UUID | None
    phase: str
    rag: Literal["green", "amber", "red"] | None
    rag_period_end_on: str | None
    currency: str
    bac: Decimal
    eac: FigureRead
    vac: FigureRead
    cpi: FigureRead
    spi: FigureRead
    open_high_risks: int
    staffing_gaps: int


class HealthPage(BaseModel):
    items: list[HealthRow]
    next_cursor: str | None
    total: int
    time: ReportTime
    eac_method: EacMethod
    high_risk_min_score: Decimal
    rounding: str
    freshness: Freshness


def _sort_value(row: HealthRow, key: str) -> tuple[int, Any]:
    """Nulls sort last whichever the direction; RAG sorts red, amber, green."""
    value: Any = getattr(row, key)
    if key == "rag":
        value = None if value is None else RAG_ORDER[value]
    if isinstance(value, FigureRead):
        value = value.value
    return (1, 0) if value is None else (0, value)


def _ordered(rows: list[HealthRow], sort: str) -> list[HealthRow]:
    key, descending = sort.lstrip("-"), sort.startswith("-")
    rows = sorted(rows, key=lambda row: str(row.project_id))
    present = [r for r in rows if _sort_value(r, key)[0] == 0]
    missing = [r for r in rows if _sort_value(r, key)[0] == 1]
    present.sort(key=lambda row: _sort_value(row, key)[1], reverse=descending)
    return present + missing


def _page(rows: list[HealthRow], sort: str, limit: int,
          cursor: str | None) -> tuple[list[HealthRow], str | None]:
    start = 0
    if cursor is not None:
        values = decode_cursor(cursor)
        ids = [str(row.project_id) for row in rows]
        if values.get("sort") != sort or values.get("after") not in ids:
            raise InvalidCursor("The cursor does not belong to this listing.")
        start = ids.index(values["after"]) + 1
    page = rows[start:start + limit]
    more = start + limit < len(rows)
    return page, encode_cursor({"sort": sort, "after": str(page[-1].project_id)}) if more else None


def _row(evm: Any, report: Any, risks: int, gaps: int, show: Presenter) -> HealthRow:
    project, figures = evm.project, evm.indicators
    return HealthRow(
        project_id=project.project_id, code=project.code, name=project.name,
        portfolio_id=project.portfolio_id, program_id=project.program_id, phase=project.phase,
        rag=None if report is None else report.overall,
        rag_period_end_on=None if report is None else report.period_end_on.isoformat(),
        currency=evm.currency, bac=show.money(figures.bac), eac=show.money_figure(figures.eac),
        vac=show.money_figure(figures.vac), cpi=show.ratio_figure(figures.cpi),
        spi=show.ratio_figure(figures.spi), open_high_risks=risks, staffing_gaps=gaps,
    )


@router.get("/health", response_model=HealthPage, dependencies=[AwaitEvents])
async def portfolio_health(
    principal: PrincipalDep, side: ReadSideDep, when: TimeSliceDep,
    portfolio_id: UUID | None = None, program_id: UUID | None = None,
    phase: Annotated[str | None, Query(max_length=32)] = None,
    rag: Literal["green", "amber", "red"] | None = None,
    sort: SortKey = "code", limit: LimitQuery = 50, cursor: CursorQuery = None,
    eac_method: EacMethod = EacMethod.TYPICAL,
    high_risk_min_score: Annotated[Decimal, Query(ge=0, le=1000, description=(
        "A risk counts as high from this score (probability x impact)"))] = Decimal("0.5"),
    rounding: RoundingQuery = "presentation",
) -> HealthPage:
    scope = Scope(portfolio_id=None if portfolio_id is None else str(portfolio_id),
                  program_id=None if program_id is None else str(program_id))

    memo = memo_for(side.database)

    def query(conn):  # type: ignore[no-untyped-def]
        projects = [row for row in visible(principal, load_projects(conn, scope, when.known_at))
                    if phase is None or row.phase == phase]
        ids = [row.project_id for row in projects]
        figures = memo.figures(conn, projects, when, with_live=eac_method == EacMethod.BOTTOM_UP)
        return (projects, figures, latest_status_reports(conn, ids, when),
                open_high_risks(conn, ids, when, high_risk_min_score), staffing_gaps(conn, ids))

    projects, figures, reports, risks, gaps = await side.database.read(query)
    show = Presenter(rounding)
    rows = [_row(evm_of(row, figures[row.project_id], eac_method), reports.get(row.project_id),
                 risks.get(row.project_id, 0), gaps.get(row.project_id, 0), show)
            for row in projects]
    rows = _ordered([row for row in rows if rag is None or row.rag == rag], sort)
    page, next_cursor = _page(rows, sort, limit, cursor)
    return HealthPage(items=page, next_cursor=next_cursor, total=len(rows), time=describe(when),
                      eac_method=eac_method, high_risk_min_score=high_risk_min_score,
                      rounding=show.note, freshness=await freshness(side, side.consumer_name))
