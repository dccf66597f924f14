"""/v1/teams: form teams and name their leads."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from pmo_resources.api.deps import AccessDep, resource_managers_only
from pmo_resources.api.schemas.people import TeamCreate, TeamLeadUpdate, TeamRead
from pmo_resources.commands import FormTeam
from pmo_resources.domain.team import Team
from pmo_resources.handlers import people as handlers
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/teams", tags=["teams"])


@router.post("", status_code=201, response_model=TeamRead, dependencies=resource_managers_only)
async def form_team(body: TeamCreate, scope: CommandScopeDep) -> Response:
    cmd = FormTeam(**body.model_dump())
    return await scope.run(lambda uow: handlers.form_team(cmd, uow), TeamRead.of, status=201,
                           location=lambda t: f"/v1/teams/{t.id}")


@router.put("/{team_id}/lead", response_model=TeamRead, dependencies=resource_managers_only)
async def change_team_lead(team_id: UUID, body: TeamLeadUpdate,
                           scope: CommandScopeDep) -> Response:
    return await scope.run(lambda uow: handlers.change_team_lead(team_id, body.lead_id, uow),
                           TeamRead.of)


@router.get("/{team_id}", response_model=TeamRead)
async def read_team(team_id: UUID, _access: AccessDep, write_side: WriteSideDep) -> JSONResponse:
    team = await write_side.load(Team, team_id)
    if team is None:
        raise NotFound(f"team {team_id} does not exist")
    return resource_response(TeamRead.of(team), version=team.version)
