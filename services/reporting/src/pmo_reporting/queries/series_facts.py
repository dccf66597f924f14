"""Actual cost per day and currency of one project, as known at one moment."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, func, select

from pmo_reporting.projections.facts import from_e4
from pmo_reporting.queries.timeslice import TimeSlice, known_at
from pmo_reporting.tables import rm_costs


def daily_costs(conn: Connection, project_id: str,
                when: TimeSlice) -> list[tuple[date, str, Decimal]]:
    query = (select(rm_costs.c.incurred_on, rm_costs.c.currency, func.sum(rm_costs.c.amount_e4))
             .where(rm_costs.c.project_id == project_id, rm_costs.c.incurred_on <= when.as_of,
                    known_at(rm_costs, when.known_at))
             .group_by(rm_costs.c.incurred_on, rm_costs.c.currency)
             .order_by(rm_costs.c.incurred_on))
    return [(day, currency, from_e4(units)) for day, currency, units in conn.execute(query)]
