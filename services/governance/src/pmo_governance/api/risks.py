"""/v1/projects/{project_id}/risks and /v1/risks/{risk_id}: the risk register's entries."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response

from pmo_governance.api.access import hide_unless_reader, require_manager, require_reader
from pmo_governance.api.schemas.risks import (
    AssessmentCreate,
    Proximity,
    ResponsePlan,
    RiskCreate,
    RiskPage,
    RiskRead,
    RiskUpdate,
    ScoringRead,
    Status,
    StatusChange,
)
from pmo_governance.commands.risks import (
    AssessRisk,
    ChangeRiskStatus,
    IdentifyRisk,
    PlanRiskResponse,
    ReviseRisk,
)
from pmo_governance.domain.register import RiskRegister, register_id_for
from pmo_governance.domain.risk import Risk
from pmo_governance.domain.scoring import Scoring
from pmo_governance.handlers import risks as handlers
from pmo_governance.queries.risks import list_risks
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScope, CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import DEFAULT_LIMIT, CursorQuery, LimitQuery
from pmo_shared.writeside import WriteSide

router = APIRouter(prefix="/v1", tags=["risks"])
Score = Annotated[str | None, Query(pattern=r"^(0|1)(\.[0-9]{1,6})?$", description="e.g. 0.20")]


async def scoring_of(write_side: WriteSide, project_id: UUID) -> Scoring:
    register = await write_side.load(RiskRegister, register_id_for(project_id))
    return register.scoring if register else Scoring()


async def managed_risk(scope: CommandScope, risk_id: UUID) -> Scoring:
    """404 unless the caller may read the risk, 403 unless they manage its project."""
    risk = await scope.write_side.load(Risk, risk_id)
    project_id = risk.project_id if risk else None
    await hide_unless_reader(scope.write_side, scope.principal, project_id, f"risk {risk_id}")
    assert project_id is not None
    await require_manager(scope.write_side, scope.principal, project_id)
    return await scoring_of(scope.write_side, project_id)


async def run_on_risk(scope: CommandScope, scoring: Scoring,
               decide: Callable[[UnitOfWork], Awaitable[Risk]], status: int = 200) -> Response:
    return await scope.run(decide, lambda risk: RiskRead.of(risk, scoring), status=status,
                           location=lambda r: f"/v1/risks/{r.id}")


@router.post("/projects/{project_id}/risks", status_code=201, response_model=RiskRead)
async def identify_risk(project_id: UUID, body: RiskCreate, scope: CommandScopeDep) -> Response:
    await require_manager(scope.write_side, scope.principal, project_id)
    cmd = IdentifyRisk(project_id=project_id, **body.model_dump())
    scoring = await scoring_of(scope.write_side, project_id)
    return await run_on_risk(scope, scoring, lambda uow: handlers.identify_risk(cmd, uow), status=201)


@router.get("/projects/{project_id}/risks", response_model=RiskPage)
async def rank_risks(project_id: UUID, principal: PrincipalDep, write_side: WriteSideDep,
                     status: Status | None = None, owner_id: UUID | None = None,
                     proximity: Proximity | None = None, min_score: Score = None,
                     limit: LimitQuery = DEFAULT_LIMIT, cursor: CursorQuery = None) -> RiskPage:
    """Ranked by current score (residual once assessed, else inherent), highest first."""
    await require_reader(write_side, principal, project_id)
    items, next_cursor = await write_side.database.read(lambda conn: list_risks(
        conn, project_id=project_id, status=status, owner_id=owner_id, proximity=proximity,
        min_score=min_score, limit=limit, cursor=cursor))
    scoring = await scoring_of(write_side, project_id)
    return RiskPage(items=items, next_cursor=next_cursor, scoring=ScoringRead.of(scoring))


@router.get("/risks/{risk_id}", response_model=RiskRead)
async def read_risk(risk_id: UUID, principal: PrincipalDep,
                    write_side: WriteSideDep) -> JSONResponse:
    risk = await write_side.load(Risk, risk_id)
    project_id = risk.project_id if risk else None
    await hide_unless_reader(write_side, principal, project_id, f"risk {risk_id}")
    assert risk is not None and project_id is not None
    scoring = await scoring_of(write_side, project_id)
    return resource_response(RiskRead.of(risk, scoring), version=risk.version)


@router.put("/risks/{risk_id}", response_model=RiskRead)
async def revise_risk(risk_id: UUID, body: RiskUpdate, scope: CommandScopeDep) -> Response:
    scoring = await managed_risk(scope, risk_id)
    cmd = ReviseRisk(risk_id=risk_id, **body.model_dump())
    return await run_on_risk(scope, scoring, lambda uow: handlers.revise_risk(cmd, uow))


@router.post("/risks/{risk_id}/assessments", response_model=RiskRead)
async def assess_risk(risk_id: UUID, body: AssessmentCreate, scope: CommandScopeDep) -> Response:
    """Every (re)assessment is an event, so the score history is complete."""
    scoring = await managed_risk(scope, risk_id)
    cmd = AssessRisk(risk_id=risk_id, stage=body.stage, probability=body.probability,
                     impact=body.impact, cost_impact=body.cost_impact,
                     assessed_on=body.assessed_on or scope.write_side.clock.today(),
                     assessed_by=scope.principal.person_id, rationale=body.rationale)
    return await run_on_risk(scope, scoring, lambda uow: handlers.assess_risk(cmd, uow))


@router.post("/risks/{risk_id}/status", response_model=RiskRead)
async def change_status(risk_id: UUID, body: StatusChange, scope: CommandScopeDep) -> Response:
    scoring = await managed_risk(scope, risk_id)
    cmd = ChangeRiskStatus(risk_id=risk_id, status=body.status, reason=body.reason)
    return await run_on_risk(scope, scoring, lambda uow: handlers.change_risk_status(cmd, uow))


@router.put("/risks/{risk_id}/response", response_model=RiskRead)
async def plan_response(risk_id: UUID, body: ResponsePlan, scope: CommandScopeDep) -> Response:
    scoring = await managed_risk(scope, risk_id)
    cmd = PlanRiskResponse(risk_id=risk_id, strategy=body.strategy, description=body.description)
    return await run_on_risk(scope, scoring, lambda uow: handlers.plan_risk_response(cmd, uow))
