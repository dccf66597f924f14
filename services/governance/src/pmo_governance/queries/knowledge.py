"""Searching the knowledge repository by words and tags with LIKE, portable across databases."""
from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Row, select

from pmo_governance.api.paging import after_key, next_cursor
from pmo_governance.tables import knowledge_entries as k
from pmo_governance.tables import knowledge_tags as t


def _like(word: str) -> str:
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def search(conn: Connection, *, text: str | None, tags: list[str], kind: str | None,
           project_id: UUID | None, phase: str | None, limit: int,
           cursor: str | None) -> tuple[list[Row[Any]], dict[str, list[str]], str | None]:
    """Every word and every tag must match (AND); words match anywhere, case-insensitively."""
    query = select(k)
    for word in (text or "").lower().split():
        query = query.where(k.c.search_text.like(_like(word), escape="\\"))
    for tag in tags:
        query = query.where(k.c.entry_id.in_(select(t.c.entry_id).where(t.c.tag == tag.lower())))
    for column, value in ((k.c.kind, kind), (k.c.phase, phase),
                          (k.c.project_id, str(project_id) if project_id else None)):
        if value is not None:
            query = query.where(column == value)
    rows = conn.execute(after_key(query, k.c.entry_id, cursor).limit(limit + 1)).all()
    page = list(rows[:limit])
    tag_rows = conn.execute(select(t).where(t.c.entry_id.in_([r.entry_id for r in page]))
                            .order_by(t.c.tag)).all()
    tags_of: dict[str, list[str]] = {}
    for row in tag_rows:
        tags_of.setdefault(row.entry_id, []).append(row.tag)
    return page, tags_of, next_cursor(rows, limit, lambda r: {"k": r.entry_id})
