"""/v1/projects/{id}/milestones: due dates, optional task and weight, and reaching them."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy import select

from pmo_projects import commands
from pmo_projects.api.access import managed_project, readable_project
from pmo_projects.api.listing import after_cursor, page_of
from pmo_projects.api.schemas.plan import (
    MilestoneCreate,
    MilestoneReach,
    MilestoneRead,
    MilestoneReschedule,
)
from pmo_projects.handlers import plan as handlers
from pmo_projects.tables import milestones
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep
from pmo_shared.http.pagination import CursorQuery, LimitQuery, Page

router = APIRouter(prefix="/v1/projects/{project_id}/milestones", tags=["milestones"])


@router.post("", status_code=201, response_model=MilestoneRead)
async def plan_milestone(project_id: UUID, body: MilestoneCreate,
                         scope: CommandScopeDep) -> Response:
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    cmd = commands.PlanMilestone(**body.model_dump())
    return await scope.run(
        lambda uow: handlers.plan_milestone(ref, cmd, uow), MilestoneRead.of, status=201,
        location=lambda m: f"/v1/projects/{project_id}/milestones/{m.id}")


@router.get("", response_model=Page[MilestoneRead])
async def list_milestones(project_id: UUID, principal: PrincipalDep, side: WriteSideDep,
                          limit: LimitQuery = 50,
                          cursor: CursorQuery = None) -> Page[MilestoneRead]:
    await readable_project(side, principal, project_id)
    query = after_cursor(select(milestones), milestones.c.milestone_id, cursor).where(
        milestones.c.project_id == str(project_id))
    rows = await side.database.read(lambda c: c.execute(query.limit(limit + 1)).all())
    return page_of(rows, limit, "milestone_id", lambda r: MilestoneRead(
        id=r.milestone_id, **r._asdict()))


@router.patch("/{milestone_id}", response_model=MilestoneRead)
async def reschedule_milestone(project_id: UUID, milestone_id: UUID, body: MilestoneReschedule,
                               scope: CommandScopeDep) -> Response:
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    return await scope.run(lambda uow: handlers.reschedule_milestone(
        ref, milestone_id, body.due_on, uow), MilestoneRead.of)


@router.post("/{milestone_id}/reached", response_model=MilestoneRead)
async def reach_milestone(project_id: UUID, milestone_id: UUID, body: MilestoneReach,
                          scope: CommandScopeDep) -> Response:
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    today = scope.write_side.clock.today()
    return await scope.run(lambda uow: handlers.reach_milestone(
        ref, milestone_id, body.reached_on, today, uow), MilestoneRead.of)
