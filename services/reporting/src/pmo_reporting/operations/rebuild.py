"""Rebuild: replay the whole stream into a fresh database, then swap the service onto it.

1. Create and migrate a fresh database (a sibling SQLite file, or a new PostgreSQL database).
2. Replay sequences 1..L1 into it while the live consumer keeps the current one up to date; as
   nothing reads it yet, its commits do not wait for the disk, and it is synced once at the end.
   On SQLite a long stream is loaded by one process per shard of the projections (shards.py).
3. Copy the projector lease into it and point the live consumer at it; replay L1+1..L2 (L2 read
   after the switch, so it covers any batch the live consumer had in flight); processed markers
   make overlaps no-ops.
4. Point the queries at it and close the old database (left in place for the operator to drop);
   record it as the active database in the configured one (operations/active.py), which every
   later start, `migrate` and every other replica (operations/switch.py) follow.
5. Once the other replicas had time to follow, replay L2+1..L3: whatever a projector among them
   applied to the old database before it moved."""
from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from uuid import uuid4

from nats.aio.client import Client
from sqlalchemy import create_engine, make_url, text

from pmo_reporting.operations.active import point_to
from pmo_reporting.operations.replay import bulk_load, finish_bulk_load, replay
from pmo_reporting.operations.shards import ShardsDisagree, load_in_shards
from pmo_reporting.operations.switch import FOLLOW_SECONDS, copy_leases, open_database, serve_from
from pmo_reporting.projections import PROJECTIONS, SHARDS
from pmo_reporting.tables import consumer as consumer_tables
from pmo_shared.events import catalogue
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
    processes: int = 1  # that loaded the stream: 1, or one per shard of the projections
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
    def __init__(self, side: ReadSide, *, configured_url: str,
                 settle_seconds: float = 2 * FOLLOW_SECONDS + 1, processes: int = 1,
                 parallel_from_events: int = 0) -> None:
        self.side = side
        self.settle_seconds = settle_seconds
        self.processes, self.parallel_from_events = processes, parallel_from_events
        self._read, self._replaying_seconds, self._applier = 0, 0.0, self._fresh_applier()
        # Rebuilt databases are siblings of the configured one, which holds the active pointer.
        self.configured_url = configured_url
        self.status = RebuildStatus()
        self._task: asyncio.Task[None] | None = None

    def _fresh_applier(self) -> BatchApplier:
        return BatchApplier(name=self.side.consumer_name, tables=consumer_tables,
                            catalogue=catalogue, projections=PROJECTIONS,
                            clock=self.side.runtime.clock)

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> RebuildStatus:
        clock = self.side.runtime.clock
        self.status = RebuildStatus(state="replaying", started_at=clock.now())
        self._read, self._replaying_seconds, self._applier = 0, 0.0, self._fresh_applier()
        self._task = asyncio.create_task(self._run(), name="rebuild")
        return self.status

    async def _run(self) -> None:
        try:
            await self._rebuild()
            self.status.state = "done"
        except Exception as exc:  # reported through the status endpoint; the old models stay
            self.status.state, self.status.error = "failed", repr(exc)
        self.status.finished_at = self.side.runtime.clock.now()
        elapsed = self._replaying_seconds  # the settling pause is not replay work
        self.status.events_per_second = round(self.status.events / elapsed, 1) if elapsed else None

    def _on_batch(self, base: int) -> object:
        def record(read: int, position: int) -> None:
            self.status.events = base + read
            self.status.applied_sequence = position
        return record

    async def _rebuild(self) -> None:
        side = self.side
        nc, live = side.runtime.nc, side.consumer
        if nc is None or live is None:
            raise RuntimeError("the service is not connected to NATS yet")
        url, replayed = await self._load(nc)
        self.status.state = "catching_up"
        database, writer = open_database(side, url)
        await copy_leases(side.database, writer)
        live.use_database(database, writer)
        replayed = await self._replay(nc, writer, after=replayed)
        await serve_from(side, database, writer)
        await asyncio.to_thread(point_to, self.configured_url, url, side.runtime.clock.now())
        # Other replicas follow the pointer within FOLLOW_SECONDS; what a projector among them
        # applied to the old database meanwhile is in the stream: replay it once they moved.
        await asyncio.sleep(self.settle_seconds)
        await self._replay(nc, writer, after=replayed)

    async def _fresh_database(self) -> str:
        # The random part keeps two rebuilds within one second (or under a fixed clock) apart.
        suffix = f"rebuild{self.side.runtime.clock.now():%Y%m%d%H%M%S}_{uuid4().hex[:8]}"
        url = await asyncio.to_thread(fresh_database_url, self.configured_url, suffix)
        self.status.database = make_url(url).database
        await asyncio.to_thread(upgrade, "pmo_reporting", url)
        return url

    async def _load(self, nc: Client) -> tuple[str, int]:
        """Step 2: the stream as it is now, into a fresh database nothing reads yet; returns that
        database and the stream's end."""
        stream, started = self.side.runtime.settings.stream_name, time.perf_counter()
        last = (await nc.jetstream().stream_info(stream)).state.last_seq
        self.status.target_sequence = last
        url = await self._fresh_database()
        if self._in_shards(url, last):
            try:
                self.status.processes = len(SHARDS)
                self._read += await load_in_shards(
                    nc, stream=stream, consumer_name=self.side.consumer_name, url=url, last=last,
                    shards=SHARDS, on_progress=self._on_batch(0))  # type: ignore[arg-type]
                await finish_bulk_load(url)
                self._replaying_seconds += time.perf_counter() - started
                return url, last
            except ShardsDisagree as exc:
                self.status.history.append(f"loaded again in one process: {exc}")
                self.status.processes = 1
                abandoned = Path(make_url(url).database or "")  # shards load only on SQLite
                await asyncio.to_thread(abandoned.unlink, missing_ok=True)
                url = await self._fresh_database()
        self._read += await bulk_load(nc, stream=stream, applier=self._applier, url=url,
                                      last=last, on_batch=self._on_batch(0))  # type: ignore[arg-type]
        self._replaying_seconds += time.perf_counter() - started
        return url, last

    def _in_shards(self, url: str, last: int) -> bool:
        return (self.processes > 1 and last >= self.parallel_from_events
                and make_url(url).get_backend_name() == "sqlite")

    async def _replay(self, nc: Client, writer: Writer, *, after: int) -> int:
        """Replays the stream after sequence `after` up to its current end; returns that end."""
        stream, started = self.side.runtime.settings.stream_name, time.perf_counter()
        last = (await nc.jetstream().stream_info(stream)).state.last_seq
        self.status.target_sequence = last
        if last > after:
            self._read += await replay(nc, stream=stream, applier=self._applier, writer=writer,
                                       first=after + 1, last=last,
                                       on_batch=self._on_batch(self._read))  # type: ignore[arg-type]
        self._replaying_seconds += time.perf_counter() - started
        return max(last, after)
