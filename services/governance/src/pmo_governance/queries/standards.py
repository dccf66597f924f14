"""Listing the standards library from `standards_view`."""
from __future__ import annotations

from sqlalchemy import Connection, select

from pmo_governance.api.paging import after_key, next_cursor
from pmo_governance.api.schemas.standards import StandardSummary
from pmo_governance.tables import standard_project_types as spt
from pmo_governance.tables import standards_view as v


def list_standards(conn: Connection, *, kind: str | None, project_type: str | None,
                   include_retired: bool, limit: int,
                   cursor: str | None) -> tuple[list[StandardSummary], str | None]:
    query = select(v)
    if kind is not None:
        query = query.where(v.c.kind == kind)
    if project_type is not None:
        query = query.where(v.c.standard_id.in_(
            select(spt.c.standard_id).where(spt.c.project_type == project_type)))
    if not include_retired:
        query = query.where(v.c.retired.is_(False))
    rows = conn.execute(after_key(query, v.c.standard_id, cursor).limit(limit + 1)).all()
    items = [StandardSummary(id=r.standard_id, kind=r.kind, title=r.title,
                             content_version=r.version, phase=r.phase, retired=r.retired)
             for r in rows[:limit]]
    return items, next_cursor(rows, limit, lambda r: {"k": r.standard_id})
