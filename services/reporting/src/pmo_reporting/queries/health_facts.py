"""Portfolio-health inputs besides earned value: latest RAG, open high risks, staffing gaps."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select

from pmo_reporting.queries.timeslice import TimeSlice
from pmo_reporting.tables import rm_risks, rm_staffing_requests, rm_status_reports

# Risks in these states no longer threaten the plan (an occurred risk lives on as an issue).
CLOSED_RISK_STATES = ("closed", "occurred")


def latest_status_reports(conn: Connection, ids: list[str], when: TimeSlice) -> dict[str, Any]:
    """The last report per project for a period ending by the status date, as known then."""
    reports = rm_status_reports
    query = (select(reports).where(reports.c.project_id.in_(ids),
                                   reports.c.period_end_on <= when.as_of,
                                   reports.c.recorded_at <= when.known_at)
             .order_by(reports.c.period_end_on, reports.c.recorded_at))
    return {row.project_id: row for row in conn.execute(query)}


def open_high_risks(conn: Connection, ids: list[str], min_score: Decimal) -> dict[str, int]:
    query = (select(rm_risks.c.project_id, func.count())
             .where(rm_risks.c.project_id.in_(ids), rm_risks.c.score >= min_score,
                    rm_risks.c.status.not_in(CLOSED_RISK_STATES))
             .group_by(rm_risks.c.project_id))
    return dict(conn.execute(query).all())  # type: ignore[arg-type]


def staffing_gaps(conn: Connection, ids: list[str]) -> dict[str, int]:
    requests = rm_staffing_requests
    query = (select(requests.c.project_id, func.count())
             .where(requests.c.project_id.in_(ids), requests.c.open.is_(True))
             .group_by(requests.c.project_id))
    return dict(conn.execute(query).all())  # type: ignore[arg-type]
