"""Who can work: bitemporal person versions (role, team, active dates) and their skills, and the
horizon over which each person's days are precomputed."""
from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Connection

from pmo_reporting.bitemporal import current, record, replace, supersede
from pmo_reporting.capacity.tables import rm_cap_people, rm_cap_person_skills
from pmo_shared.events.resources import PersonChanged, PersonRegistered, SkillLevel

# Days are precomputed from two years before to two years after the registration's record time
# (clipped to the active dates), so a rebuild produces exactly the same rows.
HORIZON_YEARS = 2


def horizon(recorded_at: datetime, active_from: date | None) -> tuple[date, date]:
    start = date(recorded_at.year - HORIZON_YEARS, 1, 1)
    return max(start, active_from or start), date(recorded_at.year + HORIZON_YEARS, 12, 31)


def register(conn: Connection, event: PersonRegistered, at: datetime) -> str:
    person_id = str(event.person_id)
    horizon_from, horizon_until = horizon(at, event.active_from)
    replace(conn, rm_cap_people, {"person_id": person_id}, {
        "name": event.name, "role": event.role, "team_id": _text(event.team_id),
        "active_from": event.active_from, "active_until": event.active_until,
        "horizon_from": horizon_from, "horizon_until": horizon_until}, at)
    _skills(conn, person_id, event.skills, at)
    return person_id


def change(conn: Connection, event: PersonChanged, at: datetime) -> str | None:
    person_id = str(event.person_id)
    old = current(conn, rm_cap_people, {"person_id": person_id})
    if old is None:
        return None
    replace(conn, rm_cap_people, {"person_id": person_id}, {
        "name": event.name, "role": event.role, "team_id": _text(event.team_id),
        "active_from": old["active_from"], "active_until": event.active_until,
        "horizon_from": old["horizon_from"], "horizon_until": old["horizon_until"]}, at)
    _skills(conn, person_id, event.skills, at)
    return person_id


def _skills(conn: Connection, person_id: str, skills: list[SkillLevel], at: datetime) -> None:
    supersede(conn, rm_cap_person_skills, {"person_id": person_id}, at)
    for item in skills:
        record(conn, rm_cap_person_skills,
               {"person_id": person_id, "skill": item.skill, "level": item.level}, at)


def _text(value: object | None) -> str | None:
    return None if value is None else str(value)
