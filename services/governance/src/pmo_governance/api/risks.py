"""/v1/projects/{project_id}/risks and /v1/risks/{risk_id}: the risk register."""
from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from pmo_governance import handlers
from pmo_governance.commands import IdentifyRisk
from pmo_governance.domain.risk import Risk
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.kernel.errors import Forbidden, NotFound

router = APIRouter(prefix="/v1", tags=["risks"])
Text = Annotated[str, Field(min_length=1, max_length=200)]


class RiskCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Text
    description: Annotated[str, Field(max_length=4000)] = ""
    category: Annotated[str, Field(min_length=1, max_length=64)]
    owner_id: UUID


class RiskRead(BaseModel):
    id: UUID
    version: int
    project_id: UUID
    title: str
    description: str
    category: str
    owner_id: UUID
    status: str

    @classmethod
    def of(cls, risk: Risk) -> RiskRead:
        assert risk.project_id is not None and risk.owner_id is not None
        return cls(id=risk.id, version=risk.next_version, project_id=risk.project_id,
                   title=risk.title, description=risk.description, category=risk.category,
                   owner_id=risk.owner_id, status=risk.status)


@router.post("/projects/{project_id}/risks", status_code=201, response_model=RiskRead)
async def identify_risk(project_id: UUID, body: RiskCreate, scope: CommandScopeDep) -> Response:
    if not scope.principal.can_manage_project(project_id):
        raise Forbidden("you do not manage this project")
    cmd = IdentifyRisk(project_id=project_id, **body.model_dump())
    return await scope.run(lambda uow: handlers.identify_risk(cmd, uow), RiskRead.of,
                           status=201, location=lambda r: f"/v1/risks/{r.id}")


@router.get("/risks/{risk_id}", response_model=RiskRead)
async def read_risk(risk_id: UUID, principal: PrincipalDep,
                    write_side: WriteSideDep) -> JSONResponse:
    risk = await write_side.load(Risk, risk_id)
    if risk is None or risk.project_id is None or not principal.can_read_project(risk.project_id):
        raise NotFound(f"risk {risk_id} does not exist")
    return resource_response(RiskRead.of(risk), version=risk.version)
