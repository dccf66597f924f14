"""/v1/projects/{id}/baselines: immutable snapshots of the plan; the latest is current."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel
from sqlalchemy import select

from pmo_projects import commands
from pmo_projects.api.access import managed_project, readable_project
from pmo_projects.api.listing import after_cursor, page_of
from pmo_projects.api.schemas.plan import BaselineCreate, BaselineRead
from pmo_projects.domain.baseline import Baseline
from pmo_projects.handlers import plan as handlers
from pmo_projects.tables import baselines
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import CursorQuery, LimitQuery, Page
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/projects/{project_id}/baselines", tags=["baselines"])


@router.post("", status_code=201, response_model=BaselineRead)
async def capture_baseline(project_id: UUID, body: BaselineCreate,
                           scope: CommandScopeDep) -> Response:
    """Snapshots every task's dates, budget and monthly spread. The first baseline sets BAC;
    a re-baseline needs a `reason` (and the approved change request id, when there is one)."""
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    cmd = commands.CaptureBaseline(**body.model_dump())
    return await scope.run(
        lambda uow: handlers.capture_baseline(ref, cmd, uow), BaselineRead.of, status=201,
        location=lambda b: f"/v1/projects/{project_id}/baselines/{b.id}")


class BaselineSummary(BaseModel):
    id: UUID
    number: int
    name: str


@router.get("", response_model=Page[BaselineSummary])
async def list_baselines(project_id: UUID, principal: PrincipalDep, side: WriteSideDep,
                         limit: LimitQuery = 50,
                         cursor: CursorQuery = None) -> Page[BaselineSummary]:
    await readable_project(side, principal, project_id)
    query = after_cursor(select(baselines), baselines.c.baseline_id, cursor).where(
        baselines.c.project_id == str(project_id))
    rows = await side.database.read(lambda c: c.execute(query.limit(limit + 1)).all())
    return page_of(rows, limit, "baseline_id", lambda r: BaselineSummary(
        id=r.baseline_id, number=r.number, name=r.name))


@router.get("/{baseline_id}", response_model=BaselineRead)
async def read_baseline(project_id: UUID, baseline_id: UUID, principal: PrincipalDep,
                        side: WriteSideDep) -> Response:
    await readable_project(side, principal, project_id)
    baseline = await side.load(Baseline, baseline_id)
    if baseline is None or baseline.captured is None or (
            baseline.captured.project_id != project_id):
        raise NotFound(f"baseline {baseline_id} does not exist in this project")
    return resource_response(BaselineRead.of(baseline), version=baseline.version)
