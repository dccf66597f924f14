"""/v1/admin: dead letters (list, redrive) and read-model rebuilds; admin role for changes."""
from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, Field
from sqlalchemy import make_url

from pmo_reporting.api.freshness import ReadSideDep
from pmo_reporting.operations.rebuild import Rebuilder, RebuildStatus
from pmo_shared.http.auth import require_roles
from pmo_shared.kernel.errors import DomainError, NotFound
from pmo_shared.readside import ReadSide

router = APIRouter(prefix="/v1/admin", tags=["operations"])
ADMIN = [Depends(require_roles("pmo_admin"))]
INSPECT = [Depends(require_roles("pmo_admin", "auditor"))]


class ConsumerNotRunning(DomainError):
    status = 409
    problem_type = "consumer-not-running"
    title = "The projection consumer is not running yet"


class RebuildRunning(DomainError):
    status = 409
    problem_type = "rebuild-running"
    title = "A rebuild is already running"


class DeadLetterRead(BaseModel):
    id: int
    event_id: str
    event_type: str
    stream_sequence: int | None
    error: str
    attempts: int
    parked_at: datetime


class RedriveRead(BaseModel):
    id: int
    applied: bool


class RebuildRead(BaseModel):
    state: str
    database: str | None
    target_sequence: int
    applied_sequence: int
    events: int
    started_at: datetime | None
    finished_at: datetime | None
    events_per_second: float | None
    processes: int = Field(description="Processes that loaded the stream: one per shard of the "
                                       "projections on SQLite once it is long, else 1")
    history: list[str] = Field(description="Notable steps, such as a load redone in one process")
    error: str | None
    active_database: str | None = Field(
        None, description="The database the read models are served from now (kept across restarts)")

    @classmethod
    def of(cls, status: RebuildStatus, side: ReadSide) -> RebuildRead:
        read = cls.model_validate(status, from_attributes=True)
        read.active_database = make_url(side.database.url).database
        return read


def _consumer(side: ReadSideDep):  # type: ignore[no-untyped-def]
    if side.consumer is None:
        raise ConsumerNotRunning("the service has not connected to NATS yet")
    return side.consumer


@router.get("/dead-letters", response_model=list[DeadLetterRead], dependencies=INSPECT)
async def dead_letters(side: ReadSideDep,
                       limit: Annotated[int, Query(ge=1, le=200)] = 100) -> list[DeadLetterRead]:
    applier = _consumer(side).applier
    rows = await side.database.read(lambda conn: applier.dead_letters(conn, limit))
    return [DeadLetterRead.model_validate(row) for row in rows]


@router.post("/dead-letters/{dead_letter_id}/redrive", response_model=RedriveRead,
             dependencies=ADMIN)
async def redrive(dead_letter_id: int, side: ReadSideDep) -> RedriveRead:
    applier = _consumer(side).applier
    known = await side.database.read(lambda conn: any(
        row["id"] == dead_letter_id for row in applier.dead_letters(conn, 10_000)))
    if not known:
        raise NotFound(f"dead letter {dead_letter_id} does not exist")
    applied = await side.runtime.writer.submit(lambda conn: applier.redrive(conn, dead_letter_id))
    return RedriveRead(id=dead_letter_id, applied=applied)


def rebuilder(request: Request) -> Rebuilder:
    found: Rebuilder = request.app.state.rebuilder
    return found


RebuilderDep = Annotated[Rebuilder, Depends(rebuilder)]


@router.post("/rebuilds", response_model=RebuildRead, status_code=202, dependencies=ADMIN)
async def start_rebuild(side: ReadSideDep, rebuild: RebuilderDep) -> RebuildRead:
    _consumer(side)
    if rebuild.running:
        raise RebuildRunning("wait for the current rebuild to finish")
    return RebuildRead.of(rebuild.start(), side)


@router.get("/rebuilds/current", response_model=RebuildRead, dependencies=INSPECT)
async def rebuild_progress(side: ReadSideDep, rebuild: RebuilderDep) -> RebuildRead:
    return RebuildRead.of(rebuild.status, side)
