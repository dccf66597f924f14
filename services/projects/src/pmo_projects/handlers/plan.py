"""Handlers for the plan: tasks, dependencies, progress, milestones and baselines.

`ref` is the project as the inline table shows it, already loaded by the endpoint to authorize;
rules spanning tasks are re-checked inside the writer transaction (see domain/project.py)."""
from __future__ import annotations

from datetime import date
from typing import TypeVar
from uuid import UUID

from sqlalchemy import Connection

from pmo_projects.commands import (
    CaptureBaseline,
    PlanMilestone,
    PlanTask,
    ReplanTask,
    ReportProgress,
)
from pmo_projects.domain.baseline import Baseline, budget_at_completion
from pmo_projects.domain.errors import EmptyPlan, ProjectClosed
from pmo_projects.domain.milestone import Milestone
from pmo_projects.domain.phases import TERMINAL
from pmo_projects.domain.project import Project
from pmo_projects.domain.task import Task
from pmo_projects.handlers.wbs import wbs_numbers
from pmo_projects.views import plan as views
from pmo_projects.views.hierarchy import ProjectRef, record_audit, write_project
from pmo_shared.eventstore.aggregate import Aggregate
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.errors import ConcurrencyConflict, NotFound
from pmo_shared.kernel.ids import new_id

A = TypeVar("A", bound=Aggregate)


def ensure_open(ref: ProjectRef) -> None:
    if ref.phase in TERMINAL:
        raise ProjectClosed(f"the project is {ref.phase}")


async def part_of(uow: UnitOfWork, cls: type[A], ref: ProjectRef, part_id: UUID) -> A:
    """Loads a part of the project (If-Match checked); a part of another project is 404."""
    part = await uow.get(cls, part_id)
    if getattr(part, "project_id", None) != ref.project_id:
        raise NotFound(f"{cls.aggregate_type} {part_id} does not exist in this project")
    return part


def _audited(uow: UnitOfWork, ref: ProjectRef) -> None:
    uow.also(lambda conn: record_audit(conn, ref.project_id, uow.written))


async def plan_task(ref: ProjectRef, cmd: PlanTask, uow: UnitOfWork) -> Task:
    ensure_open(ref)
    wbs = cmd.wbs_code
    if wbs is None:
        siblings, parent_code = await uow.database.read(
            lambda c: views.wbs_position(c, ref.project_id, cmd.parent_task_id))
        wbs = wbs_numbers.next_code(ref.project_id, cmd.parent_task_id, siblings=siblings,
                                    parent_code=parent_code)
    task = uow.save(Task.plan_new(new_id(), ref.project_id, cmd, wbs_code=wbs, window=ref.window))
    uow.also(lambda conn: views.save_task(conn, task, new=True))
    _audited(uow, ref)
    return task


async def replan_task(ref: ProjectRef, task_id: UUID, cmd: ReplanTask, uow: UnitOfWork) -> Task:
    ensure_open(ref)
    task = await part_of(uow, Task, ref, task_id)
    task.replan(cmd, ref.window)
    uow.save(task)
    uow.also(lambda conn: views.save_task(conn, task, new=False))
    _audited(uow, ref)
    return task


async def add_dependency(ref: ProjectRef, task_id: UUID, predecessor_id: UUID, kind: str,
                         lag_days: int, uow: UnitOfWork) -> Task:
    ensure_open(ref)
    task = await part_of(uow, Task, ref, task_id)
    task.depend_on(predecessor_id, kind, lag_days)
    uow.save(task)
    uow.also(lambda conn: views.add_dependency(conn, task, predecessor_id, kind, lag_days))
    _audited(uow, ref)
    return task


async def remove_dependency(ref: ProjectRef, task_id: UUID, predecessor_id: UUID,
                            uow: UnitOfWork) -> Task:
    task = await part_of(uow, Task, ref, task_id)
    task.drop_dependency(predecessor_id)
    uow.save(task)
    uow.also(lambda conn: views.remove_dependency(conn, task, predecessor_id))
    _audited(uow, ref)
    return task


async def report_progress(ref: ProjectRef, task_id: UUID, cmd: ReportProgress, today: date,
                          uow: UnitOfWork) -> Task:
    ensure_open(ref)
    task = await part_of(uow, Task, ref, task_id)
    task.report_progress(cmd, today)
    uow.save(task)
    uow.also(lambda conn: views.save_progress(conn, task))
    _audited(uow, ref)
    return task


async def plan_milestone(ref: ProjectRef, cmd: PlanMilestone, uow: UnitOfWork) -> Milestone:
    ensure_open(ref)
    milestone = uow.save(Milestone.plan(new_id(), ref.project_id, cmd, ref.window))
    uow.also(lambda conn: views.save_milestone(conn, milestone, new=True))
    _audited(uow, ref)
    return milestone


async def reschedule_milestone(ref: ProjectRef, milestone_id: UUID, due_on: date,
                               uow: UnitOfWork) -> Milestone:
    ensure_open(ref)
    milestone = await part_of(uow, Milestone, ref, milestone_id)
    milestone.reschedule(due_on, ref.window)
    uow.save(milestone)
    uow.also(lambda conn: views.save_milestone(conn, milestone, new=False))
    _audited(uow, ref)
    return milestone


async def reach_milestone(ref: ProjectRef, milestone_id: UUID, reached_on: date, today: date,
                          uow: UnitOfWork) -> Milestone:
    ensure_open(ref)
    milestone = await part_of(uow, Milestone, ref, milestone_id)
    milestone.reach(reached_on, today)
    uow.save(milestone)
    uow.also(lambda conn: views.save_milestone(conn, milestone, new=False))
    _audited(uow, ref)
    return milestone


async def capture_baseline(ref: ProjectRef, cmd: CaptureBaseline, uow: UnitOfWork) -> Baseline:
    project = await uow.get(Project, ref.project_id)
    plan, versions = await uow.database.read(lambda c: views.planned_tasks(c, ref.project_id))
    if not plan:
        raise EmptyPlan("plan at least one task before capturing a baseline")
    baseline_id = new_id()
    bac = budget_at_completion(plan, project.s.currency)
    number = project.adopt_baseline(baseline_id, cmd.name, bac, reason=cmd.reason,
                                    change_request_id=cmd.change_request_id)
    baseline = uow.save(Baseline.capture(
        baseline_id, ref.project_id, name=cmd.name, reason=cmd.reason,
        change_request_id=cmd.change_request_id, number=number, currency=project.s.currency,
        tasks=plan))
    uow.save(project)

    def check_and_write(conn: Connection) -> None:
        # The plan was read outside the transaction; refuse if any task changed meanwhile.
        if views.plan_versions(conn, ref.project_id) != versions:
            raise ConcurrencyConflict("the plan changed while the baseline was captured; retry")
        views.save_baseline(conn, baseline_id, ref.project_id, number, cmd.name)
        write_project(conn, project)

    uow.also(check_and_write)
    _audited(uow, ref)
    return baseline
