"""/v1/projects/{id}/events: the audit trail of a project and all its parts (who, when, what)."""
from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import and_, select

from pmo_projects.api.access import readable_project
from pmo_projects.tables import audit_log, kernel
from pmo_shared.http.auth import PrincipalDep
from pmo_shared.http.commands import WriteSideDep
from pmo_shared.http.pagination import (
    CursorQuery,
    InvalidCursor,
    LimitQuery,
    Page,
    decode_cursor,
    encode_cursor,
)

router = APIRouter(prefix="/v1/projects/{project_id}/events", tags=["audit"])


class AuditEntry(BaseModel):
    event_id: UUID
    type: str
    aggregate_type: str
    aggregate_id: str
    version: int
    recorded_at: datetime
    actor: str
    correlation_id: str | None
    data: dict[str, Any]


@router.get("", response_model=Page[AuditEntry])
async def list_events(project_id: UUID, principal: PrincipalDep, side: WriteSideDep,
                      limit: LimitQuery = 50, cursor: CursorQuery = None) -> Page[AuditEntry]:
    """In record order; `recorded_at` is when the PMO learned the fact ("as known at")."""
    await readable_project(side, principal, project_id)
    after = decode_cursor(cursor).get("after", 0) if cursor else 0
    if not isinstance(after, int):
        raise InvalidCursor("The cursor is malformed.")
    ev = kernel.events
    query = (select(audit_log.c.position, ev).join(ev, and_(
        ev.c.aggregate_id == audit_log.c.aggregate_id, ev.c.version == audit_log.c.version))
        .where(audit_log.c.project_id == str(project_id), audit_log.c.position > after)
        .order_by(audit_log.c.position).limit(limit + 1))
    rows = await side.database.read(lambda c: c.execute(query).all())
    more = len(rows) > limit
    rows = rows[:limit]
    return Page[AuditEntry](items=[AuditEntry(
        event_id=r.event_id, type=r.event_type, aggregate_type=r.aggregate_type,
        aggregate_id=r.aggregate_id, version=r.version, recorded_at=r.recorded_at, actor=r.actor,
        correlation_id=r.correlation_id, data=json.loads(r.data)) for r in rows],
        next_cursor=encode_cursor({"after": rows[-1].position}) if more else None)
