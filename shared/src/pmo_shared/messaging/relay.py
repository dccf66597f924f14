"""Outbox relay: publishes committed events to JetStream in commit order, marks them after PubAck.

It always re-reads "published_at IS NULL ORDER BY id", never "id > last seen", so rows whose
transactions commit out of id order are never skipped. `Nats-Msg-Id` = event id lets JetStream drop
re-sends after a crash between PubAck and marking. A lease keeps several replicas from relaying at
once; a standby takes over when the holder's lease expires."""
from __future__ import annotations

import asyncio
import socket
from collections import deque
from collections.abc import Sequence
from datetime import timedelta
from typing import Any

import structlog
from nats.js import JetStreamContext
from sqlalchemy import Connection, Row, select, update

from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.lease import release, try_acquire
from pmo_shared.eventstore.store import EventStore
from pmo_shared.eventstore.writer import Writer
from pmo_shared.kernel.clock import Clock
from pmo_shared.messaging.backlog import Backlog, read_backlog
from pmo_shared.messaging.publishing import acknowledged_prefix, publish_stored

log = structlog.get_logger(__name__)
LEASE_TTL = timedelta(seconds=10)
# After a pass that published something, how long the next one waits for more commits; a first
# event after a quiet spell goes out at once.
LINGER_SECONDS = 0.005
_BATCHES_IN_FLIGHT = 2
# Renewed when older than this, leaving three quarters of the TTL for the batch in flight.
_RENEW_AFTER = LEASE_TTL.total_seconds() / 4


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
        self._nudged = False
        self._renewed_at: float | None = None  # event loop time when the lease was last renewed
        self.published_total = 0
        self.failures_total = 0

    def notify(self) -> None:
        """Thread-safe nudge after a commit, so new events go out without waiting for the poll.
        One nudge in flight at a time: each is a write to the event loop's self-pipe."""
        if self._loop is not None and not self._nudged:
            self._nudged = True
            self._loop.call_soon_threadsafe(self._wake_up)

    def _wake_up(self) -> None:
        self._nudged = False
        self._wake.set()

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
                await self._idle(busy=sent > 0)

    async def _idle(self, *, busy: bool) -> None:
        try:
            await asyncio.wait_for(self._wake.wait(), timeout=self._poll)
        except TimeoutError:
            pass
        if busy:
            # Under a stream of commits let a few more gather, to share a pass's fixed cost.
            await asyncio.sleep(LINGER_SECONDS)
        self._wake.clear()

    async def relay_once(self) -> int:
        """Publishes pending rows if this instance holds the lease; returns how many."""
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
        """Publishes pending rows batch after batch, two batches in flight: the next one is read,
        serialized and sent while the PubAcks of the one before are on their way. Rows are marked
        (beside the publishing) only up to the first one without a PubAck."""
        # Read before taking the lease: taking it is a commit, and every commit wakes the relay,
        # so an idle service used to commit (and fsync) in a tight loop.
        rows = await self._db.read(self._pending)
        if not rows or not await self._hold_lease():
            return 0
        sent, marking = 0, None
        in_flight: deque[tuple[Sequence[Row[Any]], list[asyncio.Future[Any]]]] = deque()
        try:
            while rows or in_flight:
                if rows:
                    in_flight.append((rows, await publish_stored(self._js, rows, self._store.source)))
                    rows = await self._read_following(rows)
                    if rows and len(in_flight) < _BATCHES_IN_FLIGHT:
                        continue
                batch, acks = in_flight.popleft()
                acked = await acknowledged_prefix(acks, self._timeout)
                if marking is not None and not await marking:
                    rows = []  # the lease is lost: settle what is in flight, send nothing more
                marking = asyncio.ensure_future(self._mark_sent(batch[:acked])) if acked else None
                sent += acked
                if acked < len(batch):
                    raise RuntimeError(f"only {acked} of {len(batch)} events were acknowledged")
        finally:
            if marking is not None:
                await marking
        return sent

    async def _read_following(self, rows: Sequence[Row[Any]]) -> list[Row[Any]]:
        if len(rows) < self._batch_size or self._stopping:
            return []
        last = rows[-1].outbox_id
        return await self._db.read(lambda conn: self._pending(conn, after=last))

    async def _hold_lease(self) -> bool:
        # Every mark renews the lease: while that was recently, it is certainly still ours, and a
        # busy relay does not spend a commit per pass on it.
        loop = asyncio.get_running_loop()
        if self._renewed_at is not None and loop.time() - self._renewed_at < _RENEW_AFTER:
            return True
        asked_at = loop.time()
        held: bool = await self._writer.submit(self._acquire)
        self._renewed_at = asked_at if held else None
        return held

    async def _mark_sent(self, rows: Sequence[Row[Any]]) -> bool:
        """Marks acknowledged rows and renews the lease in the same commit; False if it is lost."""
        ids = [row.outbox_id for row in rows]
        asked_at = asyncio.get_running_loop().time()
        held: bool = await self._writer.submit(lambda conn: self._mark(conn, ids))
        self._renewed_at = asked_at if held else None
        self.published_total += len(ids)
        return held

    def _acquire(self, conn: Connection) -> bool:
        return try_acquire(conn, self._store.tables.leases, name="outbox-relay",
                           holder=self._holder, now=self._clock.now(), ttl=LEASE_TTL)

    def _release(self, conn: Connection) -> None:
        self._renewed_at = None
        release(conn, self._store.tables.leases, name="outbox-relay", holder=self._holder)

    def _pending(self, conn: Connection, after: int | None = None) -> list[Row[Any]]:
        outbox, events = self._store.tables.outbox, self._store.tables.events
        query = (
            select(outbox.c.id.label("outbox_id"), events)
            .join(events, (events.c.aggregate_id == outbox.c.aggregate_id)
                  & (events.c.version == outbox.c.version))
            .where(outbox.c.published_at.is_(None))
            .order_by(outbox.c.id)
            .limit(self._batch_size)
        )
        if after is not None:
            # Only to skip the batch in flight within one pass: every pass starts again from the
            # oldest pending row, so a row that commits late with a lower id is never skipped.
            query = query.where(outbox.c.id > after)
        return list(conn.execute(query).all())

    def _mark(self, conn: Connection, ids: list[int]) -> bool:
        outbox = self._store.tables.outbox
        conn.execute(update(outbox).where(outbox.c.id.in_(ids))
                     .values(published_at=self._clock.now()))
        return self._acquire(conn)

    async def backlog(self) -> Backlog:
        return await self._db.read(lambda conn: read_backlog(conn, self._store.tables))
