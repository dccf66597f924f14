"""SQL behind the capacity reports: indexed aggregates over precomputed person-days, grouped in
the database (first per person and period, then per group), never a loop over days."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, Select, case, func, literal, select

from pmo_reporting.bitemporal import known_at
from pmo_reporting.capacity.tables import (
    rm_cap_days,
    rm_cap_people,
    rm_cap_periods,
    rm_cap_person_skills,
    rm_cap_timesheet_lines,
)

GROUPS = ("total", "person", "team", "role", "skill")
_PERIOD_COLUMN = {"day": "day", "week": "week_on", "month": "month_on"}
_ACTUAL_PERIOD = {"day": "worked_on", "week": "week_on", "month": "month_on"}


@dataclass(frozen=True)
class Scope:
    """Which people a report covers, as known at `at`; None means no restriction."""

    at: datetime
    person_ids: Sequence[str] | None = None
    team_id: str | None = None
    role: str | None = None
    skill: str | None = None


def _people(scope: Scope) -> Any:
    people = rm_cap_people
    query = select(people.c.person_id, people.c.team_id, people.c.role).where(
        known_at(people, scope.at))
    if scope.team_id is not None:
        query = query.where(people.c.team_id == scope.team_id)
    if scope.role is not None:
        query = query.where(people.c.role == scope.role)
    if scope.person_ids is not None:
        query = query.where(people.c.person_id.in_(list(scope.person_ids)))
    return query.subquery("people")


def _grouped(inner: Any, scope: Scope, group_by: str, measures: list[Any]) -> Select[Any]:
    """Joins per-person rows to the people (and skills) known then and groups by `group_by`;
    the plain total needs no join (every row belongs to a registered person)."""
    if group_by == "total" and scope == Scope(at=scope.at):
        return select(literal("all").label("key"), inner.c.period_on, *measures).group_by(
            inner.c.period_on)
    people = _people(scope)
    source = inner.join(people, people.c.person_id == inner.c.person_id)
    key: Any = {"total": literal("all"), "person": inner.c.person_id,
                "team": func.coalesce(people.c.team_id, ""), "role": people.c.role}.get(group_by)
    skills = rm_cap_person_skills
    if group_by == "skill" or scope.skill is not None:
        source = source.join(skills, (skills.c.person_id == inner.c.person_id)
                             & known_at(skills, scope.at))
        key = skills.c.skill if group_by == "skill" else key
    query = select(key.label("key"), inner.c.period_on, *measures).select_from(source)
    if scope.skill is not None:
        query = query.where(skills.c.skill == scope.skill)
    return query.group_by(key, inner.c.period_on)


def capacity_rows(conn: Connection, scope: Scope, *, group_by: str, period: str,
                  from_on: date, to_on: date) -> list[Any]:
    """Whole weeks and months come from the rolled-up periods; days from the days."""
    inner = (_per_day if period == "day" else _per_period)(scope.at, period, from_on, to_on)
    measures = [func.sum(inner.c[name]).label(name)
                for name in ("capacity", "hard", "soft", "free", "over_days")]
    return list(conn.execute(_grouped(inner, scope, group_by, measures)))


def _per_period(at: datetime, kind: str, from_on: date, to_on: date) -> Any:
    periods = rm_cap_periods.c
    return select(
        periods.person_id, periods.period_on, periods.capacity_e4.label("capacity"),
        periods.hard_e4.label("hard"), periods.soft_e4.label("soft"),
        periods.free_e4.label("free"), periods.over_days,
    ).where(periods.kind == kind, periods.period_on.between(from_on, to_on),
            known_at(rm_cap_periods, at)).subquery("per_person")


def _per_day(at: datetime, _period: str, from_on: date, to_on: date) -> Any:
    days = rm_cap_days
    load = days.c.hard_e4 + days.c.soft_e4
    return select(
        days.c.person_id, days.c.day.label("period_on"),
        days.c.capacity_e4.label("capacity"), days.c.hard_e4.label("hard"),
        days.c.soft_e4.label("soft"),
        case((days.c.capacity_e4 > load, days.c.capacity_e4 - load), else_=0).label("free"),
        case((load > days.c.capacity_e4, 1), else_=0).label("over_days"),
    ).where(days.c.day.between(from_on, to_on), known_at(days, at)).subquery("per_person")


def actual_rows(conn: Connection, scope: Scope, *, group_by: str, period: str,
                from_on: date, to_on: date) -> list[Any]:
    """Timesheet hours per group and period, worked in [from_on, to_on] (to_on <= as_of)."""
    lines = rm_cap_timesheet_lines
    column = lines.c[_ACTUAL_PERIOD[period]]
    inner = select(lines.c.person_id, column.label("period_on"),
                   func.sum(lines.c.hours_e4).label("hours")).where(
        lines.c.worked_on.between(from_on, to_on), known_at(lines, scope.at)).group_by(
        lines.c.person_id, column).subquery("per_person")
    query = _grouped(inner, scope, group_by, [func.sum(inner.c.hours).label("hours")])
    return list(conn.execute(query))


def over_allocated_days(conn: Connection, scope: Scope, *, from_on: date, to_on: date,
                        after_person: str | None, limit: int) -> list[Any]:
    """Days whose load is strictly greater than capacity, for the first `limit` people."""
    days = rm_cap_days
    load = days.c.hard_e4 + days.c.soft_e4
    people = _people(scope)
    over = (days.c.day.between(from_on, to_on), known_at(days, scope.at),
            load > days.c.capacity_e4)
    first = select(days.c.person_id).join(people, people.c.person_id == days.c.person_id).where(
        *over).group_by(days.c.person_id).order_by(days.c.person_id).limit(limit)
    if after_person is not None:
        first = first.where(days.c.person_id > after_person)
    page = [row.person_id for row in conn.execute(first)]
    return list(conn.execute(select(days.c.person_id, days.c.day, days.c.capacity_e4,
                                    days.c.hard_e4, days.c.soft_e4)
                             .where(*over, days.c.person_id.in_(page))
                             .order_by(days.c.person_id, days.c.day)))


def free_hours_of_skilled(conn: Connection, at: datetime, *, skill: str, min_level: int,
                          period: str, from_on: date, to_on: date) -> dict[date, int]:
    """Unallocated hours per period of the people holding `skill` at `min_level` or above."""
    days, skills = rm_cap_days, rm_cap_person_skills
    load = days.c.hard_e4 + days.c.soft_e4
    skilled = select(skills.c.person_id).where(
        known_at(skills, at), skills.c.skill == skill, skills.c.level >= min_level)
    active = select(rm_cap_people.c.person_id).where(known_at(rm_cap_people, at))
    column = days.c[_PERIOD_COLUMN[period]]
    rows = conn.execute(select(column, func.sum(case(
        (days.c.capacity_e4 > load, days.c.capacity_e4 - load), else_=0))).where(
        days.c.day.between(from_on, to_on), known_at(days, at),
        days.c.person_id.in_(skilled), days.c.person_id.in_(active)).group_by(column))
    return {row[0]: int(row[1] or 0) for row in rows}
