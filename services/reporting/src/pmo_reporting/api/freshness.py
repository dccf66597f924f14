"""Read-your-writes: a report can wait, bounded, until given events are reflected."""
from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Query, Request
from pydantic import BaseModel
from sqlalchemy import select

from pmo_reporting.tables import consumer
from pmo_shared.kernel.errors import DomainError
from pmo_shared.readside import ReadSide


class NotYetReflected(DomainError):
    status = 504
    problem_type = "not-yet-reflected"
    title = "The report does not reflect the awaited events yet"


class Freshness(BaseModel):
    """Which events a report reflects: the last stream position and its record time."""

    stream_sequence: int
    last_event_id: str | None
    last_event_recorded_at: str | None


def read_side(request: Request) -> ReadSide:
    side: ReadSide = request.app.state.read_side
    return side


ReadSideDep = Annotated[ReadSide, Depends(read_side)]


async def await_events(
    request: Request, side: ReadSideDep,
    wait_for: Annotated[str | None, Query(
        max_length=2000, description="Comma-separated event ids (the PMO-Event-Ids header of a "
                                     "write) the report must reflect before answering.")] = None,
    wait_seconds: Annotated[float, Query(ge=0, le=30)] = 5.0,
) -> None:
    if not wait_for:
        return
    ids = [part.strip() for part in wait_for.split(",") if part.strip()][:100]
    limit = min(wait_seconds, request.app.state.settings.max_wait_seconds)
    if side.consumer is None or not await side.consumer.wait_until_processed(ids, limit):
        raise NotYetReflected(f"events not reflected within {limit} s", event_ids=ids)


AwaitEvents = Depends(await_events)


async def freshness(side: ReadSide, name: str) -> Freshness:
    checkpoints = consumer.checkpoints
    row = await side.database.read(lambda conn: conn.execute(
        select(checkpoints).where(checkpoints.c.consumer == name)).first())
    if row is None:
        return Freshness(stream_sequence=0, last_event_id=None, last_event_recorded_at=None)
    recorded = row.event_recorded_at.isoformat() if row.event_recorded_at else None
    return Freshness(stream_sequence=row.stream_sequence, last_event_id=row.event_id,
                     last_event_recorded_at=recorded)
