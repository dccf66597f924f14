"""Portfolio-health inputs besides earned value: latest RAG, open high risks, staffing gaps."""
from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection, func, select

from pmo_reporting.capacity.units import from_e8
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_reporting.risk.queries import latest_assessments
from pmo_reporting.tables import rm_staffing_requests, rm_status_reports


def latest_status_reports(conn: Connection, ids: list[str], when: TimeSlice) -> dict[str, Any]:
    """The last report per project for a period ending by the status date, as known then."""
    reports = rm_status_reports
    query = (select(reports).where(reports.c.project_id.in_(ids),
                                   reports.c.period_end_on <= when.as_of,
                                   reports.c.recorded_at <= when.known_at)
             .order_by(reports.c.period_end_on, reports.c.recorded_at))
    return {row.project_id: row for row in conn.execute(query)}


def open_high_risks(conn: Connection, ids: list[str], when: TimeSlice,
                    min_score: Decimal) -> dict[str, int]:
    """Per project: risks open on the status date, as known then, whose latest assessment (of
    either stage) scores at least `min_score`."""
    rows = latest_assessments(conn, stage=None, as_of=when.as_of, at=when.known_at,
                              project_ids=ids)
    return dict(Counter(row.project_id for row in rows if from_e8(row.score_e8) >= min_score))


def staffing_gaps(conn: Connection, ids: list[str]) -> dict[str, int]:
    requests = rm_staffing_requests
    query = (select(requests.c.project_id, func.count())
             .where(requests.c.project_id.in_(ids), requests.c.open.is_(True))
             .group_by(requests.c.project_id))
    return dict(conn.execute(query).all())  # type: ignore[arg-type]
