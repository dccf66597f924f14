"""Rebuild: replay the whole stream into a fresh database, then swap the service onto it.

1. Create and migrate a fresh database (a sibling SQLite file, or a new PostgreSQL database).
2. Replay sequences 1..L1 into it while the live consumer keeps the current one up to date.
3. Point the live consumer at the fresh database; replay L1+1..L2 (L2 read after the switch, so it
   covers any batch the live consumer had in flight); processed markers make overlaps no-ops.
4. Point the queries at it and close the old database. Configure the reported URL before the next
   restart (the configured URL is what a restart opens)."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from sqlalchemy import create_engine, make_url, text

from pmo_reporting.operations.replay import replay
from pmo_reporting.projections import PROJECTIONS
from pmo_reporting.tables import consumer as consumer_tables
from pmo_shared.events import catalogue
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.writer import Writer
from pmo_shared.messaging.applier import BatchApplier
from pmo_shared.migrate import upgrade
from pmo_shared.readside import ReadSide


@dataclass
class RebuildStatus:
    state: str = "idle"  # idle, replaying, catching_up, done, failed
    database: str | None = None
    target_sequence: int = 0
    applied_sequence: int = 0
    events: int = 0
    started_at: datetime | None = None
    finished_at: datetime | None = None
    events_per_second: float | None = None
    error: str | None = None
    history: list[str] = field(default_factory=list)


def fresh_database_url(current: str, suffix: str) -> str:
    """A sibling of the configured database: `<file>-<suffix>.db` or `<name>_<suffix>`."""
    url = make_url(current)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "reporting.db")
        fresh = path.with_name(f"{path.stem}-{suffix}{path.suffix or '.db'}")
        return url.set(database=str(fresh)).render_as_string(hide_password=False)
    name = f"{url.database}_{suffix}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    finally:
        admin.dispose()
    return url.set(database=name).render_as_string(hide_password=False)


class Rebuilder:
    def __init__(self, side: ReadSide) -> None:
        self.side = side
        self.status = RebuildStatus()
        self._task: asyncio.Task[None] | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> RebuildStatus:
        clock = self.side.runtime.clock
        self.status = RebuildStatus(state="replaying", started_at=clock.now())
        self._task = asyncio.create_task(self._run(), name="rebuild")
        return self.status

    async def _run(self) -> None:
        started = time.perf_counter()
        try:
            await self._rebuild()
            self.status.state = "done"
        except Exception as exc:  # reported through the status endpoint; the old models stay
            self.status.state, self.status.error = "failed", repr(exc)
        self.status.finished_at = self.side.runtime.clock.now()
        elapsed = time.perf_counter() - started
        self.status.events_per_second = round(self.status.events / elapsed, 1) if elapsed else None

    def _on_batch(self, base: int) -> object:
        def record(read: int, position: int) -> None:
            self.status.events = base + read
            self.status.applied_sequence = position
        return record

    async def _rebuild(self) -> None:
        side, settings = self.side, self.side.runtime.settings
        js, live = side.runtime.js, side.consumer
        if js is None or live is None:
            raise RuntimeError("the service is not connected to NATS yet")
        suffix = f"rebuild{side.runtime.clock.now():%Y%m%d%H%M%S}"
        url = await asyncio.to_thread(fresh_database_url, settings.database_url, suffix)
        self.status.database = make_url(url).database
        await asyncio.to_thread(upgrade, "pmo_reporting", url)
        database = Database(url, sqlite_synchronous=settings.sqlite_synchronous)
        writer = Writer(database.writer)
        writer.start()
        applier = BatchApplier(name=side.consumer_name, tables=consumer_tables,
                               catalogue=catalogue, projections=PROJECTIONS,
                               clock=side.runtime.clock)
        stream = settings.stream_name
        first_last = (await js.stream_info(stream)).state.last_seq
        self.status.target_sequence = first_last
        read = await replay(js, stream=stream, applier=applier, writer=writer, first=1,
                            last=first_last, on_batch=self._on_batch(0))  # type: ignore[arg-type]
        self.status.state = "catching_up"
        live.use_database(database, writer)
        final_last = (await js.stream_info(stream)).state.last_seq
        self.status.target_sequence = final_last
        await replay(js, stream=stream, applier=applier, writer=writer, first=first_last + 1,
                     last=final_last, on_batch=self._on_batch(read))  # type: ignore[arg-type]
        old_database, old_writer = side.runtime.database, side.runtime.writer
        side.runtime.database, side.runtime.writer = database, writer
        await asyncio.to_thread(old_writer.stop)
        old_database.dispose()
