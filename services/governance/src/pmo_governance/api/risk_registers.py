"""/v1/projects/{project_id}/risk-register: the scoring scales and rounding of a project's register."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from pmo_governance.api.access import require_manager, require_reader
from pmo_governance.api.schemas.risks import RegisterRead, RegisterUpdate, ScoringRead
from pmo_governance.commands.risks import ConfigureRiskRegister
from pmo_governance.domain.register import RiskRegister, register_id_for
from pmo_governance.domain.scoring import Scoring
from pmo_governance.handlers import risks as handlers
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response

router = APIRouter(prefix="/v1", tags=["risk registers"])


def _read(register: RiskRegister) -> RegisterRead:
    assert register.project_id is not None
    return RegisterRead(project_id=register.project_id, version=register.next_version,
                        scoring=ScoringRead.of(register.scoring))


@router.get("/projects/{project_id}/risk-register", response_model=RegisterRead)
async def read_register(project_id: UUID, principal: PrincipalDep,
                        write_side: WriteSideDep) -> JSONResponse:
    await require_reader(write_side, principal, project_id)
    register = await write_side.load(RiskRegister, register_id_for(project_id))
    register = register or RiskRegister.of_project(project_id)
    return resource_response(_read(register), version=register.version)


@router.put("/projects/{project_id}/risk-register", response_model=RegisterRead)
async def configure_register(project_id: UUID, body: RegisterUpdate,
                             scope: CommandScopeDep) -> Response:
    """Changes apply to later assessments; recorded scores keep the scale they were made on."""
    await require_manager(scope.write_side, scope.principal, project_id)
    scoring = Scoring(tuple(body.probability_scale), tuple(body.impact_scale), body.score_places)
    cmd = ConfigureRiskRegister(project_id=project_id, scoring=scoring)
    return await scope.run(lambda uow: handlers.configure_register(cmd, uow), _read)
