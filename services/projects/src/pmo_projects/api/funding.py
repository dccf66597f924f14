"""/v1/projects/{id}: budget lines, funding tranches, objective links and priority ratings."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response

from pmo_projects.api.access import managed_project
from pmo_projects.api.schemas.hierarchy import BudgetLineCreate, ProjectRead, TrancheCreate
from pmo_projects.api.schemas.strategy import ObjectiveLink, RatingsUpdate
from pmo_projects.handlers import hierarchy as handlers
from pmo_shared.http.commands import CommandScopeDep

router = APIRouter(prefix="/v1/projects/{project_id}", tags=["strategy and funding"])


@router.post("/budget-lines", status_code=201, response_model=ProjectRead)
async def post_budget_line(project_id: UUID, body: BudgetLineCreate,
                           scope: CommandScopeDep) -> Response:
    await managed_project(scope.write_side, scope.principal, project_id)
    return await scope.run(lambda uow: handlers.plan_budget_line(
        project_id, body.category, body.amount, body.description, uow), ProjectRead.of,
        status=201)


@router.post("/funding-tranches", status_code=201, response_model=ProjectRead)
async def post_tranche(project_id: UUID, body: TrancheCreate, scope: CommandScopeDep) -> Response:
    """Approves funding for a phase; it is released when the project enters that phase."""
    await managed_project(scope.write_side, scope.principal, project_id)
    today = scope.write_side.clock.today()
    return await scope.run(lambda uow: handlers.approve_tranche(
        project_id, body.phase, body.amount, today, uow), ProjectRead.of, status=201)


@router.post("/objective-links", status_code=201, response_model=ProjectRead)
async def post_objective_link(project_id: UUID, body: ObjectiveLink,
                              scope: CommandScopeDep) -> Response:
    await managed_project(scope.write_side, scope.principal, project_id)
    return await scope.run(lambda uow: handlers.link_objective(
        project_id, body.objective_id, body.weight, uow), ProjectRead.of, status=201)


@router.put("/ratings", response_model=ProjectRead)
async def put_ratings(project_id: UUID, body: RatingsUpdate, scope: CommandScopeDep) -> Response:
    """Ratings 0..10 per criterion, higher is better (10 = least risk, least cost)."""
    await managed_project(scope.write_side, scope.principal, project_id)
    return await scope.run(lambda uow: handlers.rate_project(
        project_id, dict(body.ratings), uow), ProjectRead.of)
