"""Ranking and filtering a project's risks from `risks_view`."""
from __future__ import annotations

from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Row, select

from pmo_governance.api.paging import after_rank, next_cursor
from pmo_governance.api.schemas.risks import RiskSummary
from pmo_governance.handlers.risks import MICRO
from pmo_governance.tables import risks_view as v
from pmo_shared.kernel.money import Money


def list_risks(conn: Connection, *, project_id: UUID, status: str | None, owner_id: UUID | None,
               proximity: str | None, min_score: str | None, limit: int,
               cursor: str | None) -> tuple[list[RiskSummary], str | None]:
    query = select(v).where(v.c.project_id == str(project_id))
    if status is not None:
        query = query.where(v.c.status == status)
    if owner_id is not None:
        query = query.where(v.c.owner_id == str(owner_id))
    if proximity is not None:
        query = query.where(v.c.proximity == proximity)
    if min_score is not None:
        query = query.where(v.c.rank_micro >= int(Decimal(min_score) * MICRO))
    rows = conn.execute(after_rank(query, v.c.rank_micro, v.c.risk_id, cursor)
                        .limit(limit + 1)).all()
    items = [_summary(row) for row in rows[:limit]]
    return items, next_cursor(rows, limit, lambda r: {"r": r.rank_micro, "k": r.risk_id})


def _summary(row: Row[Any]) -> RiskSummary:
    emv = Money(amount=Decimal(row.emv_amount), currency=row.emv_currency) \
        if row.emv_amount is not None else None
    return RiskSummary(
        id=row.risk_id, project_id=row.project_id, title=row.title, category=row.category,
        kind=row.kind, status=row.status, owner_id=row.owner_id, proximity=row.proximity,
        strategy=row.strategy, inherent_score=row.inherent_score,
        residual_score=row.residual_score, emv=emv)
