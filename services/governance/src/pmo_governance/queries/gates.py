"""Listing a project's stage gates from `stage_gates_view`."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import Connection, select

from pmo_governance.api.paging import after_key, next_cursor
from pmo_governance.api.schemas.gates import StageGateSummary
from pmo_governance.tables import stage_gates_view as v


def list_gates(conn: Connection, *, project_id: UUID, phase: str | None, decision: str | None,
               limit: int, cursor: str | None) -> tuple[list[StageGateSummary], str | None]:
    query = select(v).where(v.c.project_id == str(project_id))
    if phase is not None:
        query = query.where(v.c.phase == phase)
    if decision == "undecided":
        query = query.where(v.c.decision.is_(None))
    elif decision is not None:
        query = query.where(v.c.decision == decision)
    rows = conn.execute(after_key(query, v.c.gate_id, cursor).limit(limit + 1)).all()
    items = [StageGateSummary(id=r.gate_id, project_id=r.project_id, phase=r.phase,
                              project_type=r.project_type, decision=r.decision)
             for r in rows[:limit]]
    return items, next_cursor(rows, limit, lambda r: {"k": r.gate_id})
