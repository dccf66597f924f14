"""Unfilled demand: allocations without a person (requests), as known then, and the hours they
ask for per period; and shortages: that demand against the free hours of skilled people."""
from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from sqlalchemy import Connection, select

from pmo_reporting.bitemporal import known_at
from pmo_reporting.capacity.load import request_hours
from pmo_reporting.capacity.params import next_period, period_starts
from pmo_reporting.capacity.tables import rm_cap_allocations
from pmo_reporting.capacity.units import from_e4


@dataclass(frozen=True)
class Request:
    allocation_id: str
    project_id: str
    role: str | None
    skills: tuple[tuple[str, int], ...]
    start_on: date
    end_on: date
    status: str
    hours_per_day: Decimal | None
    percent_of_capacity: Decimal | None

    def hours_between(self, first: date, last: date) -> Decimal:
        return request_hours(self.start_on, self.end_on, self.hours_per_day,
                             self.percent_of_capacity, first, last)

    def keys(self, group_by: str) -> list[str]:
        """The groups this demand counts in; a request needing two skills counts in both."""
        if group_by == "role":
            return [self.role or ""]
        if group_by == "skill":
            return sorted({skill for skill, _level in self.skills})
        return ["all"] if group_by == "total" else []


def open_requests(conn: Connection, at: datetime, from_on: date, to_on: date) -> list[Request]:
    alloc = rm_cap_allocations.c
    rows = conn.execute(select(rm_cap_allocations).where(
        known_at(rm_cap_allocations, at), alloc.person_id.is_(None), alloc.status != "cancelled",
        alloc.start_on <= to_on, alloc.end_on >= from_on).order_by(alloc.allocation_id))
    return [Request(
        allocation_id=row.allocation_id, project_id=row.project_id, role=row.role,
        skills=tuple((item["skill"], int(item["min_level"])) for item in json.loads(row.skills)),
        start_on=row.start_on, end_on=row.end_on, status=row.status,
        hours_per_day=None if row.hours_per_day_e4 is None else from_e4(row.hours_per_day_e4),
        percent_of_capacity=None if row.percent_e4 is None else from_e4(row.percent_e4),
    ) for row in rows]


def demand_by_period(requests: list[Request], *, group_by: str, period: str, from_on: date,
                     to_on: date) -> dict[tuple[str, date], Decimal]:
    """Requested hours per (group key, period start), counting only days inside the range."""
    result: dict[tuple[str, date], Decimal] = defaultdict(Decimal)
    for start in period_starts(from_on, to_on, period):
        first = max(start, from_on)
        last = min(next_period(start, period) - timedelta(days=1), to_on)
        for request in requests:
            hours = request.hours_between(first, last)
            if hours:
                for key in request.keys(group_by):
                    result[key, start] += hours
    return dict(result)


def skill_demands(requests: list[Request]) -> list[tuple[str, int]]:
    return sorted({skill for request in requests for skill in request.skills})


def demand_for_skill(requests: list[Request], skill: tuple[str, int], *, period: str,
                     from_on: date, to_on: date) -> dict[date, Decimal]:
    wanting = [request for request in requests if skill in request.skills]
    per = demand_by_period(wanting, group_by="total", period=period, from_on=from_on, to_on=to_on)
    return {start: hours for (_key, start), hours in per.items()}
