"""/v1/projects/{id}/staffing: who is booked on a project, when, how much, and open requests."""
from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal
from uuid import UUID

from fastapi import APIRouter, Query
from sqlalchemy import Connection, and_, func, or_, select

from pmo_resources.api.deps import AccessDep
from pmo_resources.api.schemas.allocations import AllocationRead, StaffingRead
from pmo_resources.queries import AllocationRow
from pmo_resources.tables import allocations_view
from pmo_shared.http.commands import WriteSideDep
from pmo_shared.http.pagination import (
    CursorQuery,
    InvalidCursor,
    LimitQuery,
    decode_cursor,
    encode_cursor,
)
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/projects/{project_id}", tags=["staffing"])
table = allocations_view
Status = Literal["requested", "proposed", "confirmed", "cancelled"]


def _filters(project_id: UUID, status: str | None, person_id: UUID | None,
             unfilled: bool | None, overlapping: tuple[date | None, date | None]) -> list[Any]:
    where: list[Any] = [table.c.project_id == str(project_id)]
    if status is not None:
        where.append(table.c.status == status)
    if person_id is not None:
        where.append(table.c.person_id == str(person_id))
    if unfilled is not None:
        where.append(table.c.person_id.is_(None) if unfilled else table.c.person_id.is_not(None))
    from_on, to_on = overlapping
    if from_on is not None:
        where.append(table.c.end_on >= from_on)
    if to_on is not None:
        where.append(table.c.start_on <= to_on)
    return where


def _page(conn: Connection, project_id: UUID, where: list[Any], after: tuple[date, str] | None,
          limit: int) -> tuple[list[Any], int]:
    page = select(table).where(*where)
    if after is not None:
        start, last = after
        page = page.where(or_(table.c.start_on > start, and_(
            table.c.start_on == start, table.c.allocation_id > last)))
    rows = conn.execute(page.order_by(table.c.start_on, table.c.allocation_id)
                        .limit(limit + 1)).all()
    open_requests = conn.execute(select(func.count()).select_from(table).where(
        table.c.project_id == str(project_id), table.c.person_id.is_(None),
        table.c.status != "cancelled")).scalar_one()
    return list(rows), int(open_requests)


def _after(cursor: str | None) -> tuple[date, str] | None:
    if cursor is None:
        return None
    values = decode_cursor(cursor)
    try:
        return date.fromisoformat(str(values["s"])), str(values["id"])
    except (KeyError, ValueError):
        raise InvalidCursor("The cursor is malformed.") from None


@router.get("/staffing", response_model=StaffingRead)
async def read_staffing(
    project_id: UUID, access: AccessDep, write_side: WriteSideDep, limit: LimitQuery = 50,
    cursor: CursorQuery = None, status: Status | None = None, person_id: UUID | None = None,
    unfilled: bool | None = None,
    from_on: Annotated[date | None, Query(description="Overlapping this day or later")] = None,
    to_on: Annotated[date | None, Query(description="Overlapping this day or earlier")] = None,
) -> StaffingRead:
    if not access.reads_project(project_id):
        raise NotFound(f"project {project_id} does not exist")
    after = _after(cursor)
    where = _filters(project_id, status, person_id, unfilled, (from_on, to_on))
    rows, open_requests = await write_side.database.read(
        lambda conn: _page(conn, project_id, where, after, limit))
    items = [AllocationRead.of_row(AllocationRow.of(row)) for row in rows[:limit]]
    next_cursor = None
    if len(rows) > limit:
        last_row = rows[limit - 1]
        next_cursor = encode_cursor({"s": last_row.start_on.isoformat(),
                                     "id": last_row.allocation_id})
    return StaffingRead(project_id=project_id, unfilled_requests=open_requests, items=items,
                        next_cursor=next_cursor)
