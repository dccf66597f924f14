"""The capacity-vs-demand report as one function over a connection, so the API and the benchmark
run exactly the same queries."""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from uuid import UUID

from sqlalchemy import Connection, select

from pmo_reporting.bitemporal import known_at
from pmo_reporting.capacity import queries
from pmo_reporting.capacity.access import people_in_scope
from pmo_reporting.capacity.params import whole_periods
from pmo_reporting.capacity.report import build_groups
from pmo_reporting.capacity.requests import Request, demand_by_period, open_requests
from pmo_reporting.capacity.schemas import CapacityGroup
from pmo_reporting.capacity.tables import rm_cap_people
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_shared.http.principal import Principal


@dataclass(frozen=True)
class DemandQuery:
    from_on: date
    to_on: date
    period: str = "week"
    group_by: str = "total"
    team_id: UUID | None = None
    role: str | None = None
    skill: str | None = None
    project_id: UUID | None = None
    after: str | None = None
    limit: int = 50


def demand_report(conn: Connection, principal: Principal, when: TimeSlice,
                  ask: DemandQuery) -> tuple[list[CapacityGroup], str | None]:
    """The groups of one page and the key to continue after (None on the last page).
    Weeks and months are whole: the range is widened to period boundaries first."""
    ask = replace(ask, **whole_periods(ask.from_on, ask.to_on, ask.period))
    allowed = people_in_scope(conn, principal, ask.project_id, when.known_at)
    scope = queries.Scope(at=when.known_at, person_ids=allowed,
                          team_id=None if ask.team_id is None else str(ask.team_id),
                          role=ask.role, skill=ask.skill)
    if ask.group_by == "person":
        scope = queries.Scope(at=scope.at, skill=ask.skill,
                              person_ids=_people_page(conn, scope, ask.after, ask.limit + 1))
    span = {"group_by": ask.group_by, "period": ask.period, "from_on": ask.from_on}
    rows = queries.capacity_rows(conn, scope, **span, to_on=ask.to_on)
    actual_to = min(ask.to_on, when.as_of)
    actual = queries.actual_rows(conn, scope, **span, to_on=actual_to) \
        if actual_to >= ask.from_on else []
    # Requests belong to no team or person: they show in the role, skill and total views only.
    demand = demand_by_period(_requests(conn, when, ask), **span, to_on=ask.to_on) \
        if allowed is None and not ask.team_id else {}
    keys = sorted({row.key for row in rows} | {key for key, _start in demand})
    keys = [key for key in keys if ask.after is None or key > ask.after]
    page = keys[:ask.limit]
    groups = build_groups(page, rows, actual, demand, period=ask.period, from_on=ask.from_on,
                          to_on=ask.to_on)
    return groups, page[-1] if len(keys) > ask.limit else None


def _requests(conn: Connection, when: TimeSlice, ask: DemandQuery) -> list[Request]:
    found = open_requests(conn, when.known_at, ask.from_on, ask.to_on)
    return [item for item in found if (ask.role is None or item.role == ask.role) and (
        ask.skill is None or ask.skill in {name for name, _level in item.skills})]


def _people_page(conn: Connection, scope: queries.Scope, after: str | None,
                 limit: int) -> list[str]:
    people = rm_cap_people.c
    query = select(people.person_id).where(known_at(rm_cap_people, scope.at))
    if scope.person_ids is not None:
        query = query.where(people.person_id.in_(list(scope.person_ids)))
    if scope.team_id is not None:
        query = query.where(people.team_id == scope.team_id)
    if scope.role is not None:
        query = query.where(people.role == scope.role)
    if after is not None:
        query = query.where(people.person_id > after)
    return list(conn.execute(query.order_by(people.person_id).limit(limit)).scalars())
