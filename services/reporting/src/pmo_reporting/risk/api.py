"""/v1/risk-exposure/...: heat map, EMV vs contingency, top risks, and a risk's score history."""
from __future__ import annotations

from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from sqlalchemy import Connection

from pmo_reporting.api.freshness import AwaitEvents, ReadSideDep, freshness
from pmo_reporting.api.reportparams import TimeSliceDep
from pmo_reporting.capacity.params import ROUNDING
from pmo_reporting.capacity.units import from_e4, from_e8
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_reporting.risk import exposure, queries
from pmo_reporting.risk.exposure import Assessment
from pmo_reporting.risk.schemas import (
    ExposureReport,
    HeatCell,
    HeatMap,
    PortfolioExposure,
    ProjectExposure,
    RankedRisk,
    ScoreHistory,
    ScorePoint,
    TopRisks,
)
from pmo_reporting.risk.views import amount, assessment, assessments
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.pagination import (
    CursorQuery,
    InvalidCursor,
    LimitQuery,
    decode_cursor,
    encode_cursor,
)
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/risk-exposure", tags=["risk exposure"])
Stage = Annotated[Literal["inherent", "residual"], Query(
    description="Which assessment to use: before (inherent) or after (residual) responses")]


def _header(when: TimeSlice) -> dict[str, object]:
    return {"as_of": when.as_of, "as_known_at": when.known_at, "rounding": ROUNDING}


@router.get("/heat-map", response_model=HeatMap, dependencies=[AwaitEvents])
async def heat_map(principal: PrincipalDep, side: ReadSideDep, when: TimeSliceDep,
                   stage: Stage = "residual", project_id: UUID | None = None,
                   portfolio_id: UUID | None = None) -> HeatMap:
    """Open risks per probability x impact cell, by their latest assessment as of the date."""
    found, _ = await side.database.read(lambda conn: assessments(
        conn, principal, when, stage=stage, project_id=project_id, portfolio_id=portfolio_id))
    cells = [HeatCell(probability=p, impact=i, risks=n) for p, i, n in exposure.heat_map(found)]
    return HeatMap(**_header(when), freshness=await freshness(side, side.consumer_name),
                   stage=stage, risks_counted=len(found), cells=cells)


@router.get("/emv", response_model=ExposureReport, dependencies=[AwaitEvents])
async def emv_vs_contingency(principal: PrincipalDep, side: ReadSideDep, when: TimeSliceDep,
                             stage: Stage = "residual", project_id: UUID | None = None,
                             portfolio_id: UUID | None = None) -> ExposureReport:
    """Sum of the open risks' EMV per project and portfolio against contingency budget lines;
    portfolio sums cover only the projects the caller may read."""

    def query(conn: Connection) -> tuple[list[Assessment], dict[str, str | None], list]:
        found, projects = assessments(conn, principal, when, stage=stage, project_id=project_id,
                                      portfolio_id=portfolio_id)
        return found, projects, queries.contingency(conn, at=when.known_at,
                                                    project_ids=list(projects))

    found, projects, lines = await side.database.read(query)
    emv = exposure.emv_by_project(found)
    reserve: dict[str, dict[str, object]] = {}
    for line in lines:
        reserve.setdefault(line.project_id, {})[line.currency] = from_e4(line.amount_e4)
    counts = {project: sum(1 for item in found if item.project_id == project) for project in projects}
    rows = [_exposure(project, portfolio, counts[project], emv.get(project, {}),
                      reserve.get(project, {})) for project, portfolio in sorted(projects.items())]
    portfolios = [_portfolio(portfolio, amounts, exposure.portfolio_sums(reserve, projects).get(
        portfolio, {})) for portfolio, amounts in exposure.portfolio_sums(
        {p: emv.get(p, {}) for p in projects}, projects).items()]
    return ExposureReport(**_header(when), freshness=await freshness(side, side.consumer_name),
                          stage=stage, projects=rows, portfolios=portfolios)


def _exposure(project: str, portfolio: str | None, count: int, emv: dict, reserve: dict
              ) -> ProjectExposure:
    total, held = exposure.total(emv), _reserve(reserve)
    return ProjectExposure(project_id=project, portfolio_id=portfolio, open_risks=count,
                           emv=amount(total), contingency=amount(held),
                           emv_to_contingency=exposure.coverage(total, held))


def _portfolio(portfolio: str | None, emv: dict, reserve: dict) -> PortfolioExposure:
    total, held = exposure.total(emv), _reserve(reserve)
    return PortfolioExposure(portfolio_id=portfolio, emv=amount(total), contingency=amount(held),
                             emv_to_contingency=exposure.coverage(total, held))


def _reserve(amounts: dict) -> exposure.Total:
    if not amounts:
        return exposure.Total(None, None, exposure.NO_CONTINGENCY)
    return exposure.total(amounts)


@router.get("/risks/{risk_id}/score-history", response_model=ScoreHistory,
            dependencies=[AwaitEvents])
async def score_history(risk_id: UUID, principal: PrincipalDep, side: ReadSideDep,
                        when: TimeSliceDep) -> ScoreHistory:
    """Every assessment of the risk dated by `as_of`, as known at `as_known_at`, oldest first."""

    def query(conn: Connection) -> tuple[str | None, dict, list]:
        project = queries.risk_project(conn, str(risk_id), when.known_at)
        visible = {} if project is None else queries.visible_projects(
            conn, principal, project_id=UUID(project))
        points = queries.history(conn, str(risk_id), as_of=when.as_of, at=when.known_at) \
            if visible else []
        return project, visible, points

    project, visible, points = await side.database.read(query)
    if project is None or not visible:
        raise NotFound(f"risk {risk_id} is not known to reporting")
    return ScoreHistory(
        **_header(when), freshness=await freshness(side, side.consumer_name),
        risk_id=str(risk_id), project_id=project, points=[ScorePoint(
            stage=row.stage, assessed_on=row.assessed_on, probability=from_e8(row.probability_e8),
            impact=from_e8(row.impact_e8), score=from_e8(row.score_e8),
            emv=amount(exposure.total({} if row.emv_e4 is None else {
                row.currency: from_e4(row.emv_e4)})),
            recorded_at=row.recorded_at.isoformat()) for row in points])



@router.get("/top-risks", response_model=TopRisks, dependencies=[AwaitEvents])
async def top_risks(principal: PrincipalDep, side: ReadSideDep, when: TimeSliceDep,
                    stage: Stage = "residual", project_id: UUID | None = None,
                    portfolio_id: UUID | None = None, limit: LimitQuery = 10,
                    cursor: CursorQuery = None) -> TopRisks:
    """Open risks by their latest score, highest first (ties by risk id)."""
    after = _score_cursor(cursor)

    def query(conn: Connection) -> list:
        projects = queries.visible_projects(conn, principal, project_id=project_id,
                                            portfolio_id=portfolio_id)
        return queries.latest_assessments(conn, stage=stage, as_of=when.as_of,
                                          at=when.known_at, project_ids=list(projects)) \
            if projects else []

    rows = sorted(await side.database.read(query), key=lambda row: (-row.score_e8, row.risk_id))
    if after is not None:
        rows = [row for row in rows if (-row.score_e8, row.risk_id) > after]
    page = rows[:limit]
    last = page[-1] if len(rows) > limit else None
    return TopRisks(
        **_header(when), freshness=await freshness(side, side.consumer_name), stage=stage,
        items=[_ranked(row) for row in page],
        next_cursor=None if last is None else encode_cursor(
            {"score_e8": last.score_e8, "risk_id": last.risk_id}))


def _score_cursor(cursor: str | None) -> tuple[int, str] | None:
    if cursor is None:
        return None
    values = decode_cursor(cursor)
    score, risk = values.get("score_e8"), values.get("risk_id")
    if not isinstance(score, int) or not isinstance(risk, str):
        raise InvalidCursor("The cursor is malformed.")
    return -score, risk


def _ranked(row: Any) -> RankedRisk:
    item = assessment(row)
    return RankedRisk(
        risk_id=row.risk_id, project_id=row.project_id, title=row.title, category=row.category,
        kind=row.kind, status=row.status, probability=item.probability, impact=item.impact,
        score=item.score, assessed_on=row.assessed_on,
        emv=amount(exposure.total({} if item.emv is None else {item.currency: item.emv})))
