"""Maintains rm_cap_days: recomputes a person's days from their working state and writes only
the days whose capacity or load changed (the old row superseded, a new one recorded)."""
from __future__ import annotations

import json
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import BindParameter, Connection, bindparam, insert, select, update

from pmo_reporting.bitemporal import current
from pmo_reporting.capacity.calendar import ZERO, Schedule, TimeOff, capacity_days, month_on, week_on
from pmo_reporting.capacity.load import Allocation, day_loads
from pmo_reporting.capacity.rollup import Stored, reach, roll_up
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

_CHUNK = 500
# Statements are built once: recompute runs several per event, and a constant statement skips
# SQLAlchemy's per-call construction and cache key. An expanding parameter keeps one cached
# statement however many days change.
_d, _sch, _off, _alloc = rm_cap_days.c, rm_cap_schedules.c, rm_cap_time_off.c, rm_cap_allocations.c
_PERSON: BindParameter[str] = bindparam("b_person_id")
_LO: BindParameter[date] = bindparam("b_lo")
_HI: BindParameter[date] = bindparam("b_hi")
_SUPERSEDE_DAYS = update(rm_cap_days).where(
    _d.person_id == _PERSON, _d.superseded_at.is_(None),
    _d.day.in_(bindparam("b_days", expanding=True))).values(superseded_at=bindparam("b_at"))
_INSERT_DAYS = insert(rm_cap_days)
_EXISTING = select(_d.day, _d.capacity_e4, _d.hard_e4, _d.soft_e4).where(
    _d.person_id == _PERSON, _d.superseded_at.is_(None), _d.day.between(_LO, _HI))
_SCHEDULES = select(_sch.effective_from, _sch.hours_per_weekday).where(_sch.person_id == _PERSON)
_HOLIDAYS = select(rm_cap_calendars.c.holidays).where(rm_cap_calendars.c.calendar_id.in_(
    select(rm_cap_calendar_assignments.c.calendar_id).where(
        rm_cap_calendar_assignments.c.person_id == _PERSON)))
_TIME_OFF = select(rm_cap_time_off).where(
    _off.person_id == _PERSON, _off.cancelled.is_(False), _off.start_on <= _HI, _off.end_on >= _LO)
_ALLOCATIONS = select(rm_cap_allocations).where(
    _alloc.person_id == _PERSON, _alloc.superseded_at.is_(None),
    _alloc.start_on <= _HI, _alloc.end_on >= _LO)
# Days share a handful of distinct hours: each is scaled once.
_e4 = lru_cache(maxsize=4096)(to_e4)
_NO_LOAD = (ZERO, ZERO)


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
    wanted = _wanted(conn, person, lo, hi)
    # Read over the weeks and months around [lo, hi], so the roll-up has all their days.
    existing = _existing(conn, person_id, *reach(lo, hi))
    stale = [day for day, values in existing.items() if lo <= day <= hi and wanted.get(day) != values]
    fresh = [day for day, values in wanted.items() if existing.get(day) != values]
    for start in range(0, len(stale), _CHUNK):
        conn.execute(_SUPERSEDE_DAYS, {"b_person_id": person_id, "b_at": at,
                                       "b_days": stale[start:start + _CHUNK]})
    if fresh:
        conn.execute(_INSERT_DAYS, [
            {"person_id": person_id, "day": day, "week_on": week_on(day),
             "month_on": month_on(day), "capacity_e4": wanted[day][0], "hard_e4": wanted[day][1],
             "soft_e4": wanted[day][2], "recorded_at": at}
            for day in fresh])
    # After the writes the person's current days in [lo, hi] are exactly `wanted`.
    now = {day: values for day, values in existing.items() if not lo <= day <= hi} | wanted
    roll_up(conn, person_id, [*stale, *fresh], at, now)


def _existing(conn: Connection, person_id: str, lo: date, hi: date) -> dict[date, Stored]:
    rows = conn.execute(_EXISTING, {"b_person_id": person_id, "b_lo": lo, "b_hi": hi})
    return {day: (capacity, hard, soft) for day, capacity, hard, soft in rows}


def _wanted(conn: Connection, person: dict[str, Any], lo: date, hi: date) -> dict[date, Stored]:
    """Stored capacity, hard and soft load of each day in [lo, hi] that has capacity."""
    person_id = person["person_id"]
    first = max(lo, person["active_from"] or lo)
    last = min(hi, person["active_until"] or hi)
    schedules = _schedules(conn, person_id) if first <= last else []
    if not schedules:  # no hours at all, so nothing else can matter
        return {}
    key = {"b_person_id": person_id, "b_lo": first, "b_hi": last}
    capacity = capacity_days(first, last, schedules, _holidays(conn, key), _time_off(conn, key))
    loads = day_loads(capacity, _allocations(conn, key))
    return {day: _stored(hours, *loads.get(day, _NO_LOAD)) for day, hours in capacity.items()}


def _stored(capacity: Decimal, hard: Decimal, soft: Decimal) -> Stored:
    return _e4(capacity), _e4(hard), _e4(soft)


def _schedules(conn: Connection, person_id: str) -> list[Schedule]:
    rows = conn.execute(_SCHEDULES, {"b_person_id": person_id})
    return [Schedule(row.effective_from, tuple(Decimal(h) for h in json.loads(row.hours_per_weekday)))
            for row in rows]


def _holidays(conn: Connection, key: dict[str, Any]) -> frozenset[date]:
    rows = conn.execute(_HOLIDAYS, key).scalars()
    return frozenset(date.fromisoformat(on) for holidays in rows for on in json.loads(holidays))


def _time_off(conn: Connection, key: dict[str, Any]) -> list[TimeOff]:
    return [TimeOff(row.start_on, row.end_on,
                    frozenset(date.fromisoformat(d) for d in json.loads(row.half_days)))
            for row in conn.execute(_TIME_OFF, key)]


def _allocations(conn: Connection, key: dict[str, Any]) -> list[Allocation]:
    lo, hi = key["b_lo"], key["b_hi"]
    return [Allocation(
        allocation_id=row.allocation_id, start_on=max(row.start_on, lo), end_on=min(row.end_on, hi),
        status=row.status,
        hours_per_day=None if row.hours_per_day_e4 is None else from_e4(row.hours_per_day_e4),
        percent_of_capacity=None if row.percent_e4 is None else from_e4(row.percent_e4),
    ) for row in conn.execute(_ALLOCATIONS, key)]
