"""Inline rows of the plan: tasks, dependencies, milestones, baselines; and the checks that span
tasks, run inside the writer transaction so they see every earlier commit."""
from __future__ import annotations

from collections import defaultdict
from datetime import date
from decimal import Decimal
from uuid import UUID

from sqlalchemy import Connection, delete, func, insert, select, text, update

from pmo_projects.domain.baseline import PlannedTask
from pmo_projects.domain.dependencies import ensure_acyclic
from pmo_projects.domain.errors import OutsideProjectDates, UnknownReference
from pmo_projects.domain.milestone import Milestone
from pmo_projects.domain.task import Task, ensure_inside
from pmo_projects.tables import baselines, milestones, task_dependencies, tasks
from pmo_projects.views.hierarchy import project_ref
from pmo_projects.views.task_doc import task_columns
from pmo_shared.kernel.errors import Duplicate
from pmo_shared.kernel.money import Money


def lock_plan(conn: Connection, project_id: UUID) -> None:
    """Serializes checks spanning a project's tasks across service replicas on PostgreSQL (one
    process already runs them one at a time; SQLite's BEGIN IMMEDIATE serializes all writers)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"),
                     {"key": f"plan:{project_id}"})


def ensure_task_in_project(conn: Connection, project_id: UUID, task_id: UUID,
                           pointer: str) -> None:
    found = conn.execute(select(tasks.c.task_id).where(
        tasks.c.task_id == str(task_id), tasks.c.project_id == str(project_id))).first()
    if found is None:
        raise UnknownReference(f"task {task_id} is not a task of this project", pointer=pointer)


def wbs_position(conn: Connection, project_id: UUID,
                 parent_task_id: UUID | None) -> tuple[int, str | None]:
    """How many children the parent has, and the parent's code (None at the top level)."""
    parent = tasks.c.parent_task_id
    siblings = conn.execute(select(func.count()).select_from(tasks).where(
        tasks.c.project_id == str(project_id),
        parent.is_(None) if parent_task_id is None else parent == str(parent_task_id),
    )).scalar_one()
    if parent_task_id is None:
        return siblings, None
    code = conn.execute(select(tasks.c.wbs_code).where(
        tasks.c.task_id == str(parent_task_id), tasks.c.project_id == str(project_id))).scalar()
    if code is None:
        raise UnknownReference(f"task {parent_task_id} is not a task of this project",
                               pointer="#/parent_task_id")
    return siblings, code


def save_task(conn: Connection, task: Task, *, new: bool) -> None:
    plan = task.plan
    assert plan is not None
    lock_plan(conn, plan.project_id)
    ensure_inside(project_ref(conn, plan.project_id).window, plan.planned_start_on,
                  plan.planned_finish_on)
    if not new:
        _touch(conn, task)
        return
    if plan.parent_task_id is not None:
        ensure_task_in_project(conn, plan.project_id, plan.parent_task_id, "#/parent_task_id")
    taken = conn.execute(select(tasks.c.task_id).where(
        tasks.c.project_id == str(plan.project_id), tasks.c.wbs_code == plan.wbs_code)).first()
    if taken is not None:
        raise Duplicate(f"WBS code {plan.wbs_code!r} is already used", pointer="#/wbs_code")
    conn.execute(insert(tasks).values(
        task_id=str(task.id), project_id=str(plan.project_id),
        parent_task_id=str(plan.parent_task_id) if plan.parent_task_id else None,
        wbs_code=plan.wbs_code, **task_columns(task)))


def save_progress(conn: Connection, task: Task) -> None:
    _touch(conn, task)


def add_dependency(conn: Connection, task: Task, predecessor_id: UUID, kind: str,
                   lag_days: int) -> None:
    project_id = task.project_id
    lock_plan(conn, project_id)
    ensure_task_in_project(conn, project_id, predecessor_id, "#/predecessor_id")
    edges: dict[UUID, list[UUID]] = defaultdict(list)
    for row in conn.execute(select(task_dependencies.c.task_id, task_dependencies.c.predecessor_id)
                            .where(task_dependencies.c.project_id == str(project_id))):
        edges[UUID(row.task_id)].append(UUID(row.predecessor_id))
    ensure_acyclic(edges, task.id, predecessor_id)
    conn.execute(insert(task_dependencies).values(
        task_id=str(task.id), predecessor_id=str(predecessor_id), project_id=str(project_id),
        kind=kind, lag_days=lag_days))
    _touch(conn, task)


def remove_dependency(conn: Connection, task: Task, predecessor_id: UUID) -> None:
    conn.execute(delete(task_dependencies).where(
        task_dependencies.c.task_id == str(task.id),
        task_dependencies.c.predecessor_id == str(predecessor_id)))
    _touch(conn, task)


def _touch(conn: Connection, task: Task) -> None:
    conn.execute(update(tasks).where(tasks.c.task_id == str(task.id))
                 .values(task_columns(task)))


def ensure_tasks_inside(conn: Connection, project_id: UUID, start: date, finish: date) -> None:
    """A charter amendment may not leave a task or milestone outside the new project dates."""
    lock_plan(conn, project_id)
    task_bounds = conn.execute(select(func.min(tasks.c.planned_start_on),
                                      func.max(tasks.c.planned_finish_on))
                               .where(tasks.c.project_id == str(project_id))).one()
    due_bounds = conn.execute(select(func.min(milestones.c.due_on), func.max(milestones.c.due_on))
                              .where(milestones.c.project_id == str(project_id))).one()
    firsts = [d for d in (task_bounds[0], due_bounds[0]) if d is not None]
    lasts = [d for d in (task_bounds[1], due_bounds[1]) if d is not None]
    if firsts and (min(firsts) < start or max(lasts) > finish):
        raise OutsideProjectDates(
            f"the plan runs {min(firsts)}..{max(lasts)}, outside the new dates {start}..{finish}",
            plan_start_on=str(min(firsts)), plan_finish_on=str(max(lasts)),
            pointer="#/planned_start_on" if min(firsts) < start else "#/planned_finish_on")


def save_milestone(conn: Connection, milestone: Milestone, *, new: bool) -> None:
    assert milestone.project_id is not None
    ensure_inside(project_ref(conn, milestone.project_id).window, milestone.due_on,
                  milestone.due_on)
    row = {"due_on": milestone.due_on, "reached_on": milestone.reached_on,
           "version": milestone.next_version}
    if not new:
        conn.execute(update(milestones).where(
            milestones.c.milestone_id == str(milestone.id)).values(row))
        return
    if milestone.task_id is not None:
        ensure_task_in_project(conn, milestone.project_id, milestone.task_id, "#/task_id")
    conn.execute(insert(milestones).values(
        milestone_id=str(milestone.id), project_id=str(milestone.project_id),
        name=milestone.name, task_id=str(milestone.task_id) if milestone.task_id else None,
        weight=str(milestone.weight), **row))


def planned_tasks(conn: Connection, project_id: UUID) -> tuple[list[PlannedTask], dict[str, int]]:
    """The plan as it stands, and each task's version, to detect a change before commit."""
    rows = conn.execute(select(tasks).where(tasks.c.project_id == str(project_id))
                        .order_by(tasks.c.wbs_code)).all()
    plan = [PlannedTask(
        task_id=UUID(r.task_id), wbs_code=r.wbs_code, planned_start_on=r.planned_start_on,
        planned_finish_on=r.planned_finish_on,
        planned_cost=Money(amount=Decimal(r.planned_cost), currency=r.currency),
        earning_rule=r.earning_rule, planned_effort_hours=Decimal(r.planned_effort_hours),
    ) for r in rows]
    return plan, {r.task_id: r.version for r in rows}


def plan_versions(conn: Connection, project_id: UUID) -> dict[str, int]:
    rows = conn.execute(select(tasks.c.task_id, tasks.c.version).where(
        tasks.c.project_id == str(project_id)))
    return {row.task_id: row.version for row in rows}


def save_baseline(conn: Connection, baseline_id: UUID, project_id: UUID, number: int,
                  name: str) -> None:
    conn.execute(insert(baselines).values(baseline_id=str(baseline_id),
                                          project_id=str(project_id), number=number, name=name))
