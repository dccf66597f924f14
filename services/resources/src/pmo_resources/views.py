"""Inline read tables, rewritten in the same transaction as the events they reflect."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, bindparam, delete, insert

from pmo_resources.domain.allocation import Allocation
from pmo_resources.domain.person import Person
from pmo_resources.domain.timesheet import Timesheet
from pmo_resources.tables import (
    allocations_view,
    people_view,
    timesheet_projects_view,
    timesheets_view,
)


def _text(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def _id(value: Any) -> str | None:
    return None if value is None else str(value)


# Built once, values bound at execution: registering a person is the hottest write path, and
# a statement built per call is constructed and cache-keyed again each time.
_DELETE_PERSON = delete(people_view).where(people_view.c.person_id == bindparam("key"))
_INSERT_PERSON = insert(people_view)


def write_person(conn: Connection, person: Person) -> None:
    conn.execute(_DELETE_PERSON, {"key": str(person.id)})
    conn.execute(_INSERT_PERSON, {
        "person_id": str(person.id), "name": person.name, "role": person.role,
        "team_id": _id(person.team_id), "employment_type": person.employment_type,
        "active_from": person.active_from, "active_until": person.active_until})


def write_allocation(conn: Connection, allocation: Allocation) -> None:
    table = allocations_view
    conn.execute(delete(table).where(table.c.allocation_id == str(allocation.id)))
    conn.execute(insert(table).values(
        allocation_id=str(allocation.id), project_id=str(allocation.project_id),
        task_id=_id(allocation.task_id), person_id=_id(allocation.person_id),
        role=allocation.role, start_on=allocation.start_on, end_on=allocation.end_on,
        hours_per_day=_text(allocation.hours_per_day),
        percent_of_capacity=_text(allocation.percent_of_capacity),
        status=allocation.status, version=allocation.next_version))


def write_timesheet(conn: Connection, sheet: Timesheet) -> None:
    sheet_id = str(sheet.id)
    conn.execute(delete(timesheets_view).where(timesheets_view.c.timesheet_id == sheet_id))
    conn.execute(delete(timesheet_projects_view).where(
        timesheet_projects_view.c.timesheet_id == sheet_id))
    total = sum((line.hours for line in sheet.lines.values()), Decimal(0))
    conn.execute(insert(timesheets_view).values(
        timesheet_id=sheet_id, person_id=str(sheet.person_id), week_start_on=sheet.week_start_on,
        status=sheet.status, total_hours=str(total), version=sheet.next_version))
    if sheet.project_ids:
        conn.execute(insert(timesheet_projects_view), [
            {"timesheet_id": sheet_id, "project_id": str(p)} for p in sheet.project_ids])
