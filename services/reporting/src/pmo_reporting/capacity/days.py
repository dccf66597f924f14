"""Maintains rm_cap_days: recomputes a person's days from their working state and writes only
the days whose capacity or load changed (the old row superseded, a new one recorded)."""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, update

from pmo_reporting.capacity.bitemporal import current
from pmo_reporting.capacity.calendar import Schedule, TimeOff, capacity_days, month_on, week_on
from pmo_reporting.capacity.load import Allocation, DayLoad, person_days
from pmo_reporting.capacity.rollup import roll_up
from pmo_reporting.capacity.tables import (
    rm_cap_allocations,
    rm_cap_calendar_assignments,
    rm_cap_calendars,
    rm_cap_days,
    rm_cap_people,
    rm_cap_schedules,
    rm_cap_time_off,
)
from pmo_reporting.capacity.units import from_e4, to_e4

Stored = tuple[int, int, int]
_CHUNK = 500
# An expanding parameter keeps one cached statement however many days change.
_SUPERSEDE_DAYS = update(rm_cap_days).where(
    rm_cap_days.c.person_id == bindparam("b_person_id"), rm_cap_days.c.superseded_at.is_(None),
    rm_cap_days.c.day.in_(bindparam("b_days", expanding=True))).values(superseded_at=bindparam("b_at"))


def recompute(conn: Connection, person_id: str, at: datetime, *,
              lo: date | None = None, hi: date | None = None) -> None:
    """Brings the person's days in [lo, hi] (clipped to their horizon) up to date."""
    person = current(conn, rm_cap_people, {"person_id": person_id})
    if person is None:
        return
    lo = max(lo or person["horizon_from"], person["horizon_from"])
    hi = min(hi or person["horizon_until"], person["horizon_until"])
    if lo > hi:
        return
    wanted = {day: _stored(load) for day, load in _compute(conn, person, lo, hi).items()}
    existing = _existing(conn, person_id, lo, hi)
    stale = [day for day, values in existing.items() if wanted.get(day) != values]
    fresh = [day for day, values in wanted.items() if existing.get(day) != values]
    for start in range(0, len(stale), _CHUNK):
        conn.execute(_SUPERSEDE_DAYS, {"b_person_id": person_id, "b_at": at,
                                       "b_days": stale[start:start + _CHUNK]})
    if fresh:
        conn.execute(insert(rm_cap_days), [
            {"person_id": person_id, "day": day, "week_on": week_on(day),
             "month_on": month_on(day), "capacity_e4": wanted[day][0], "hard_e4": wanted[day][1],
             "soft_e4": wanted[day][2], "recorded_at": at, "superseded_at": None}
            for day in fresh])
    roll_up(conn, person_id, set(stale) | set(fresh), at)


def _stored(load: DayLoad) -> Stored:
    return to_e4(load.capacity), to_e4(load.hard), to_e4(load.soft)


def _existing(conn: Connection, person_id: str, lo: date, hi: date) -> dict[date, Stored]:
    days = rm_cap_days.c
    rows = conn.execute(select(days.day, days.capacity_e4, days.hard_e4, days.soft_e4).where(
        days.person_id == person_id, days.superseded_at.is_(None), days.day.between(lo, hi)))
    return {row.day: (row.capacity_e4, row.hard_e4, row.soft_e4) for row in rows}


def _compute(conn: Connection, person: dict[str, Any], lo: date, hi: date) -> dict[date, DayLoad]:
    person_id = person["person_id"]
    first = max(lo, person["active_from"] or lo)
    last = min(hi, person["active_until"] or hi)
    if first > last:
        return {}
    capacity = capacity_days(first, last, _schedules(conn, person_id), _holidays(conn, person_id),
                             _time_off(conn, person_id, first, last))
    return person_days(capacity, _allocations(conn, person_id, first, last))


def _schedules(conn: Connection, person_id: str) -> list[Schedule]:
    rows = conn.execute(select(rm_cap_schedules).where(rm_cap_schedules.c.person_id == person_id))
    return [Schedule(row.effective_from, tuple(Decimal(h) for h in json.loads(row.hours_per_weekday)))
            for row in rows]


def _holidays(conn: Connection, person_id: str) -> frozenset[date]:
    assigned = select(rm_cap_calendar_assignments.c.calendar_id).where(
        rm_cap_calendar_assignments.c.person_id == person_id)
    rows = conn.execute(select(rm_cap_calendars.c.holidays)
                        .where(rm_cap_calendars.c.calendar_id.in_(assigned))).scalars()
    return frozenset(date.fromisoformat(on) for holidays in rows for on in json.loads(holidays))


def _time_off(conn: Connection, person_id: str, lo: date, hi: date) -> list[TimeOff]:
    off = rm_cap_time_off.c
    rows = conn.execute(select(rm_cap_time_off).where(
        off.person_id == person_id, off.cancelled.is_(False), off.start_on <= hi, off.end_on >= lo))
    return [TimeOff(row.start_on, row.end_on,
                    frozenset(date.fromisoformat(d) for d in json.loads(row.half_days)))
            for row in rows]


def _allocations(conn: Connection, person_id: str, lo: date, hi: date) -> list[Allocation]:
    alloc = rm_cap_allocations.c
    rows = conn.execute(select(rm_cap_allocations).where(
        alloc.person_id == person_id, alloc.superseded_at.is_(None),
        alloc.start_on <= hi, alloc.end_on >= lo))
    return [Allocation(
        allocation_id=row.allocation_id, start_on=max(row.start_on, lo), end_on=min(row.end_on, hi),
        status=row.status,
        hours_per_day=None if row.hours_per_day_e4 is None else from_e4(row.hours_per_day_e4),
        percent_of_capacity=None if row.percent_e4 is None else from_e4(row.percent_e4),
    ) for row in rows]
