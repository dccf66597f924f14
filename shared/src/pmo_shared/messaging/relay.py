"""Outbox relay: publishes committed events to JetStream in commit order, marks them after PubAck.

It always re-reads "published_at IS NULL ORDER BY id", never "id > last seen", so rows whose
transactions commit out of id order are never skipped. `Nats-Msg-Id` = event id lets JetStream drop
re-sends after a crash between PubAck and marking. A lease keeps several replicas from relaying at
once; a standby takes over when the holder's lease expires."""
from __future__ import annotations

import asyncio
import socket
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import structlog
from nats.js import JetStreamContext
from sqlalchemy import Connection, Row, func, select, update

from pmo_shared.envelope import Envelope
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.lease import release, try_acquire
from pmo_shared.eventstore.store import EventStore, envelope_from_row
from pmo_shared.eventstore.tables import KernelTables
from pmo_shared.eventstore.writer import Writer
from pmo_shared.kernel.clock import Clock
from pmo_shared.messaging.stream import subject_for

log = structlog.get_logger(__name__)
LEASE_TTL = timedelta(seconds=10)


@dataclass(frozen=True)
class Backlog:
    size: int
    oldest_at: datetime | None


class OutboxRelay:
    def __init__(self, *, database: Database, writer: Writer, store: EventStore,
                 js: JetStreamContext, clock: Clock, batch_size: int = 500,
                 publish_timeout: float = 5.0, poll_interval: float = 1.0) -> None:
        self._db = database
        self._writer = writer
        self._store = store
        self._js = js
        self._clock = clock
        self._batch_size = batch_size
        self._timeout = publish_timeout
        self._poll = poll_interval
        self._holder = f"{socket.gethostname()}-{id(self):x}"
        self._wake = asyncio.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        # One batch at a time per instance, so a drain never races the running loop.
        self._batch_lock = asyncio.Lock()
        self._stopping = False
        self.published_total = 0
        self.failures_total = 0

    def notify(self) -> None:
        """Thread-safe nudge after a commit, so new events go out without waiting for the poll."""
        if self._loop is not None:
            self._loop.call_soon_threadsafe(self._wake.set)

    async def run(self) -> None:
        self._loop = asyncio.get_running_loop()
        backoff = 0.1
        while not self._stopping:
            try:
                sent = await self.relay_once()
                backoff = 0.1
            except Exception as exc:  # NATS down or refusing: keep the rows, retry later
                self.failures_total += 1
                log.warning("relay.publish_failed", error=repr(exc), retry_in=backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)
                continue
            if sent < self._batch_size:
                await self._idle()

    async def _idle(self) -> None:
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=self._poll)
        except TimeoutError:
            pass
        self._wake.clear()

    async def relay_once(self) -> int:
        """Publishes one batch of pending rows if this instance holds the lease; returns the count."""
        async with self._batch_lock:
            return await self._relay_batch()

    async def drain(self, timeout: float) -> int:
        """A clean stop: publish what is pending (within `timeout`), then hand the lease to a
        standby at once instead of letting it wait for the lease to expire."""
        self._stopping = True
        self._wake.set()
        published = 0
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        try:
            while (remaining := deadline - loop.time()) > 0:
                sent = await asyncio.wait_for(self.relay_once(), remaining)
                published += sent
                if sent < self._batch_size:
                    break
            await self._writer.submit(self._release)
        except Exception as exc:  # NATS away at shutdown: the rows stay pending for the next holder
            log.warning("relay.drain_incomplete", error=repr(exc), published=published)
        return published

    async def _relay_batch(self) -> int:
        # Look before taking the lease: taking it is a commit, and every commit wakes the relay,
        # so an idle service used to commit (and fsync) in a tight loop.
        if not await self._db.read(self._any_pending):
            return 0
        if not await self._writer.submit(self._acquire):
            return 0
        rows = await self._db.read(self._pending)
        if not rows:
            return 0
        envelopes = [envelope_from_row(row, self._store.source) for row in rows]
        acked = await self._publish(envelopes)
        if acked:
            ids = [row.outbox_id for row in rows[:acked]]
            await self._writer.submit(lambda conn: self._mark(conn, ids))
            self.published_total += acked
        if acked < len(rows):
            raise RuntimeError(f"only {acked} of {len(rows)} events were acknowledged")
        return acked

    async def _publish(self, envelopes: Sequence[Envelope]) -> int:
        """Returns how many leading envelopes were acknowledged, in order."""
        futures = []
        for envelope in envelopes:
            futures.append(await self._js.publish_async(
                subject_for(envelope.event_type), envelope.to_json(),
                headers={"Nats-Msg-Id": str(envelope.id)},
            ))
        # publish_async futures never time out on their own: one deadline for the whole batch
        # (a wait_for per future cost a task each, about a third of the relay's CPU).
        _, late = await asyncio.wait(futures, timeout=self._timeout)
        for future in late:
            future.cancel()
        acked = 0
        for future in futures:
            if future.cancelled() or future.exception() is not None:
                break
            acked += 1
        return acked

    def _acquire(self, conn: Connection) -> bool:
        return try_acquire(conn, self._store.tables.leases, name="outbox-relay",
                           holder=self._holder, now=self._clock.now(), ttl=LEASE_TTL)

    def _release(self, conn: Connection) -> None:
        release(conn, self._store.tables.leases, name="outbox-relay", holder=self._holder)

    def _any_pending(self, conn: Connection) -> bool:
        outbox = self._store.tables.outbox
        return conn.execute(select(outbox.c.id).where(outbox.c.published_at.is_(None))
                            .limit(1)).first() is not None

    def _pending(self, conn: Connection) -> list[Row[Any]]:
        outbox, events = self._store.tables.outbox, self._store.tables.events
        query = (
            select(outbox.c.id.label("outbox_id"), events)
            .join(events, (events.c.aggregate_id == outbox.c.aggregate_id)
                  & (events.c.version == outbox.c.version))
            .where(outbox.c.published_at.is_(None))
            .order_by(outbox.c.id)
            .limit(self._batch_size)
        )
        return list(conn.execute(query).all())

    def _mark(self, conn: Connection, ids: list[int]) -> None:
        outbox = self._store.tables.outbox
        conn.execute(update(outbox).where(outbox.c.id.in_(ids))
                     .values(published_at=self._clock.now()))

    async def backlog(self) -> Backlog:
        return await self._db.read(lambda conn: read_backlog(conn, self._store.tables))


def read_backlog(conn: Connection, tables: KernelTables) -> Backlog:
    """Pending outbox rows and the record time of the oldest (also read by the metrics scrape)."""
    outbox, events = tables.outbox, tables.events
    size = conn.execute(select(func.count()).select_from(outbox)
                        .where(outbox.c.published_at.is_(None))).scalar_one()
    oldest = conn.execute(
        select(events.c.recorded_at)
        .join(outbox, (events.c.aggregate_id == outbox.c.aggregate_id)
              & (events.c.version == outbox.c.version))
        .where(outbox.c.published_at.is_(None)).order_by(outbox.c.id).limit(1)
    ).scalar()
    return Backlog(size=size, oldest_at=oldest)
