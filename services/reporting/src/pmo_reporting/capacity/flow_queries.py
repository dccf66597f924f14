"""SQL behind velocity and burn rate: planned effort and progress, and timesheet actuals, of
the projects the caller may read, as known at a record time."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, func, select

from pmo_reporting.bitemporal import known_at
from pmo_reporting.capacity.tables import rm_cap_timesheet_lines, rm_vel_progress, rm_vel_tasks

_PERIOD = {"day": "worked_on", "week": "week_on", "month": "month_on"}
_KEY = {"task": "task_id", "project": "project_id", "person": "person_id"}


def planned_effort(conn: Connection, at: datetime, project_ids: Sequence[str]) -> list[Any]:
    tasks = rm_vel_tasks
    return list(conn.execute(select(tasks.c.task_id, tasks.c.planned_effort_e4).where(
        known_at(tasks, at), tasks.c.project_id.in_(list(project_ids)))))


def progress(conn: Connection, at: datetime, as_of: date, project_ids: Sequence[str]) -> list[Any]:
    reports = rm_vel_progress
    return list(conn.execute(select(reports.c.task_id, reports.c.status_on,
                                    reports.c.percent_e4).where(
        known_at(reports, at), reports.c.status_on <= as_of,
        reports.c.project_id.in_(list(project_ids)))))


def burn(conn: Connection, at: datetime, *, group_by: str, period: str, from_on: date,
         to_on: date, project_ids: Sequence[str], person_id: str | None) -> list[Any]:
    """Hours and cost per key, period and currency of lines worked in [from_on, to_on]."""
    lines = rm_cap_timesheet_lines.c
    key, column = lines[_KEY[group_by]], lines[_PERIOD[period]]
    query = select(func.coalesce(key, "").label("key"), column.label("period_on"), lines.currency,
                   func.sum(lines.hours_e4).label("hours"), func.sum(lines.cost_e4).label("cost")
                   ).where(known_at(rm_cap_timesheet_lines, at),
                           lines.worked_on.between(from_on, to_on),
                           lines.project_id.in_(list(project_ids)))
    if person_id is not None:
        query = query.where(lines.person_id == person_id)
    return list(conn.execute(query.group_by(key, column, lines.currency)
                             .order_by(key, lines.currency, column)))
