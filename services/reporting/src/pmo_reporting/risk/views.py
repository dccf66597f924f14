"""Reading helpers the risk endpoints share: visible projects' latest assessments, amounts."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Connection

from pmo_reporting.capacity.units import from_e4, from_e8
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_reporting.risk import queries
from pmo_reporting.risk.exposure import Assessment, Total
from pmo_reporting.risk.schemas import Amount
from pmo_shared.http.principal import Principal


def assessments(conn: Connection, principal: Principal, when: TimeSlice, *, stage: str,
                project_id: UUID | None, portfolio_id: UUID | None
                ) -> tuple[list[Assessment], dict[str, str | None]]:
    """The open risks' latest assessments in the projects the caller may read, and those
    projects (id -> portfolio id)."""
    projects = queries.visible_projects(conn, principal, project_id=project_id,
                                        portfolio_id=portfolio_id)
    rows = queries.latest_assessments(conn, stage=stage, as_of=when.as_of, at=when.known_at,
                                      project_ids=list(projects)) if projects else []
    return [assessment(row) for row in rows], projects


def assessment(row: Any) -> Assessment:
    return Assessment(
        risk_id=row.risk_id, project_id=row.project_id, probability=from_e8(row.probability_e8),
        impact=from_e8(row.impact_e8), score=from_e8(row.score_e8),
        emv=None if row.emv_e4 is None else from_e4(row.emv_e4), currency=row.currency)


def amount(total: Total) -> Amount:
    return Amount(amount=total.amount, currency=total.currency, reason=total.reason)
