"""Filtering a project's issues log from `issues_view`."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import Connection, select

from pmo_governance.api.paging import after_key, next_cursor
from pmo_governance.api.schemas.issues import IssueSummary
from pmo_governance.tables import issues_view as v


def list_issues(conn: Connection, *, project_id: UUID, status: str | None,
                severity: str | None, owner_id: UUID | None, limit: int,
                cursor: str | None) -> tuple[list[IssueSummary], str | None]:
    query = select(v).where(v.c.project_id == str(project_id))
    for column, value in ((v.c.status, status), (v.c.severity, severity),
                          (v.c.owner_id, str(owner_id) if owner_id else None)):
        if value is not None:
            query = query.where(column == value)
    rows = conn.execute(after_key(query, v.c.issue_id, cursor).limit(limit + 1)).all()
    items = [IssueSummary(id=r.issue_id, **{k: r._mapping[k] for k in (
        "project_id", "title", "severity", "status", "owner_id", "due_on", "risk_id")})
        for r in rows[:limit]]
    return items, next_cursor(rows, limit, lambda r: {"k": r.issue_id})
