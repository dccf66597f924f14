"""A task's row in the inline `tasks` table, including `doc`: the task's JSON exactly as the plan
read returns it, rendered once per write so reading 2,000 tasks is a string join, not 2,000
model serializations."""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from pmo_projects.domain.task import Task


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def task_columns(task: Task) -> dict[str, Any]:
    plan = task.plan
    assert plan is not None
    status_on = max(task.progress) if task.progress else None
    columns = {
        "name": plan.name, "planned_start_on": plan.planned_start_on,
        "planned_finish_on": plan.planned_finish_on,
        "planned_effort_hours": str(plan.planned_effort_hours),
        "planned_cost": str(plan.planned_cost.amount), "currency": plan.planned_cost.currency,
        "earning_rule": plan.earning_rule, "percent_complete": str(task.percent_complete),
        "status_on": status_on, "version": task.next_version,
    }
    doc = {
        "id": str(task.id), "version": task.next_version,
        "parent_task_id": str(plan.parent_task_id) if plan.parent_task_id else None,
        "wbs_code": plan.wbs_code, "name": plan.name,
        "planned_start_on": plan.planned_start_on.isoformat(),
        "planned_finish_on": plan.planned_finish_on.isoformat(),
        "planned_effort_hours": columns["planned_effort_hours"],
        "planned_cost": {"amount": columns["planned_cost"], "currency": columns["currency"]},
        "earning_rule": plan.earning_rule, "percent_complete": columns["percent_complete"],
        "status_on": _iso(status_on), "predecessors": sorted(str(p) for p in task.predecessors),
    }
    return {**columns, "doc": json.dumps(doc, separators=(",", ":"))}
