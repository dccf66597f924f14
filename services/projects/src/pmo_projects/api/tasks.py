"""/v1/projects/{id}/tasks: the WBS, dependencies between tasks and progress per task."""
from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import Response
from sqlalchemy import select

from pmo_projects import commands
from pmo_projects.api.access import managed_project, readable_project
from pmo_projects.api.listing import after_cursor, page_of
from pmo_projects.api.schemas.plan import (
    DependencyCreate,
    PlanTaskRow,
    ProgressCreate,
    TaskCreate,
    TaskRead,
    TaskUpdate,
)
from pmo_projects.domain.task import Task
from pmo_projects.handlers import plan as handlers
from pmo_projects.tables import tasks
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import CursorQuery, LimitQuery, Page
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/projects/{project_id}/tasks", tags=["tasks"])


@router.post("", status_code=201, response_model=TaskRead)
async def plan_task(project_id: UUID, body: TaskCreate, scope: CommandScopeDep) -> Response:
    """Adds a task to the WBS; without `wbs_code` the next code under the parent is used."""
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    cmd = commands.PlanTask(**body.model_dump(exclude={"planned_cost"}),
                            planned_cost=body.planned_cost)
    return await scope.run(lambda uow: handlers.plan_task(ref, cmd, uow), TaskRead.of, status=201,
                           location=lambda t: f"/v1/projects/{project_id}/tasks/{t.id}")


@router.get("", response_model=Page[PlanTaskRow])
async def list_tasks(project_id: UUID, principal: PrincipalDep, side: WriteSideDep,
                     parent_task_id: UUID | None = None, limit: LimitQuery = 50,
                     cursor: CursorQuery = None) -> Page[PlanTaskRow]:
    """Ordered by WBS code."""
    await readable_project(side, principal, project_id)
    query = after_cursor(select(tasks), tasks.c.wbs_code, cursor).where(
        tasks.c.project_id == str(project_id))
    if parent_task_id is not None:
        query = query.where(tasks.c.parent_task_id == str(parent_task_id))
    rows = await side.database.read(lambda c: c.execute(query.limit(limit + 1)).all())
    return page_of(rows, limit, "wbs_code", PlanTaskRow.of_row)


async def _task(side: WriteSideDep, project_id: UUID, task_id: UUID) -> Task:
    task = await side.load(Task, task_id)
    if task is None or task.project_id != project_id:
        raise NotFound(f"task {task_id} does not exist in this project")
    return task


@router.get("/{task_id}", response_model=TaskRead)
async def read_task(project_id: UUID, task_id: UUID, principal: PrincipalDep,
                    side: WriteSideDep) -> Response:
    await readable_project(side, principal, project_id)
    task = await _task(side, project_id, task_id)
    return resource_response(TaskRead.of(task), version=task.version)


@router.patch("/{task_id}", response_model=TaskRead)
async def replan_task(project_id: UUID, task_id: UUID, body: TaskUpdate,
                      scope: CommandScopeDep) -> Response:
    """Full new planning values; send If-Match with the task's version."""
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    cmd = commands.ReplanTask(**body.model_dump(exclude={"planned_cost"}),
                              planned_cost=body.planned_cost)
    return await scope.run(lambda uow: handlers.replan_task(ref, task_id, cmd, uow), TaskRead.of)


@router.post("/{task_id}/dependencies", status_code=201, response_model=TaskRead)
async def add_dependency(project_id: UUID, task_id: UUID, body: DependencyCreate,
                         scope: CommandScopeDep) -> Response:
    """The task depends on `predecessor_id`; a dependency closing a cycle is 409."""
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    return await scope.run(lambda uow: handlers.add_dependency(
        ref, task_id, body.predecessor_id, body.kind, body.lag_days, uow), TaskRead.of,
        status=201)


@router.delete("/{task_id}/dependencies/{predecessor_id}", response_model=TaskRead)
async def remove_dependency(project_id: UUID, task_id: UUID, predecessor_id: UUID,
                            scope: CommandScopeDep) -> Response:
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    return await scope.run(lambda uow: handlers.remove_dependency(
        ref, task_id, predecessor_id, uow), TaskRead.of)


@router.post("/{task_id}/progress", status_code=201, response_model=TaskRead)
async def report_progress(project_id: UUID, task_id: UUID, body: ProgressCreate,
                          scope: CommandScopeDep) -> Response:
    """Percent complete as of `status_on`; an earlier status_on is a back-dated correction."""
    ref = await managed_project(scope.write_side, scope.principal, project_id)
    cmd = commands.ReportProgress(**body.model_dump())
    today = scope.write_side.clock.today()
    return await scope.run(lambda uow: handlers.report_progress(ref, task_id, cmd, today, uow),
                           TaskRead.of, status=201)
