"""Filtering a project's change requests from `change_requests_view`."""
from __future__ import annotations

from uuid import UUID

from sqlalchemy import Connection, select

from pmo_governance.api.paging import after_key, next_cursor
from pmo_governance.api.schemas.changes import ChangeRequestSummary
from pmo_governance.tables import change_requests_view as v


def list_change_requests(conn: Connection, *, project_id: UUID, status: str | None, limit: int,
                         cursor: str | None) -> tuple[list[ChangeRequestSummary], str | None]:
    query = select(v).where(v.c.project_id == str(project_id))
    if status is not None:
        query = query.where(v.c.status == status)
    rows = conn.execute(after_key(query, v.c.change_request_id, cursor).limit(limit + 1)).all()
    items = [ChangeRequestSummary(id=r.change_request_id, project_id=r.project_id, title=r.title,
                                  status=r.status, requested_by=r.requested_by)
             for r in rows[:limit]]
    return items, next_cursor(rows, limit, lambda r: {"k": r.change_request_id})
