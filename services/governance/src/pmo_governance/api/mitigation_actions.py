"""/v1/risks/{risk_id}/mitigation-actions: actions with owner and due date that reduce a risk."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response

from pmo_governance.api.risks import managed_risk, run_on_risk
from pmo_governance.api.schemas.risks import (
    MitigationActionCreate,
    MitigationCompletion,
    RiskRead,
)
from pmo_governance.commands.risks import CompleteMitigation, PlanMitigation
from pmo_governance.handlers import risks as handlers
from pmo_shared.http.commands import CommandScopeDep

router = APIRouter(prefix="/v1", tags=["risks"])


@router.post("/risks/{risk_id}/mitigation-actions", status_code=201, response_model=RiskRead)
async def plan_mitigation(risk_id: UUID, body: MitigationActionCreate,
                          scope: CommandScopeDep) -> Response:
    scoring = await managed_risk(scope, risk_id)
    cmd = PlanMitigation(risk_id=risk_id, **body.model_dump())
    return await run_on_risk(scope, scoring, lambda uow: handlers.plan_mitigation(cmd, uow), status=201)


@router.post("/risks/{risk_id}/mitigation-actions/{action_id}/completion",
             response_model=RiskRead)
async def complete_mitigation(risk_id: UUID, action_id: UUID, body: MitigationCompletion,
                              scope: CommandScopeDep) -> Response:
    scoring = await managed_risk(scope, risk_id)
    cmd = CompleteMitigation(risk_id=risk_id, action_id=action_id,
                             completed_on=body.completed_on or scope.write_side.clock.today())
    return await run_on_risk(scope, scoring, lambda uow: handlers.complete_mitigation(cmd, uow))
