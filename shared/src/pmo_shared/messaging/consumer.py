"""Durable pull consumer feeding projections exactly once.

For each fetched batch, ONE transaction applies the events to the read models and records them as
processed (keyed by event id, and by aggregate id + version, which survive republishing beyond the
duplicate window); only then are the messages acked, so a redelivery is a no-op. An event whose
projection keeps failing is parked in the dead-letter table and the consumer moves on."""
from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import structlog
from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from opentelemetry.trace import Tracer

from pmo_shared.envelope import Envelope
from pmo_shared.events.catalogue import Catalogue
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.lease import release, try_acquire
from pmo_shared.eventstore.tables import KernelTables
from pmo_shared.eventstore.writer import Writer
from pmo_shared.kernel.clock import Clock
from pmo_shared.messaging.applier import BatchApplier, Projection
from pmo_shared.messaging.incoming import Incoming
from pmo_shared.messaging.stream import ALL_SUBJECTS
from pmo_shared.messaging.tables import ConsumerTables
from pmo_shared.tracing import start_consumer_spans

log = structlog.get_logger(__name__)
LEASE_TTL = timedelta(seconds=10)
HOLD_BACK_SECONDS = 0.5
ACK_WAIT_SECONDS = 10


@dataclass
class ConsumerStats:
    applied_total: int = 0
    skipped_total: int = 0
    parked_total: int = 0
    last_sequence: int = 0
    pending: int | None = None
    extra: dict[str, Any] = field(default_factory=dict)


class ProjectionConsumer:
    def __init__(self, *, name: str, js: JetStreamContext, stream: str, database: Database,
                 writer: Writer, kernel: KernelTables, tables: ConsumerTables,
                 catalogue: Catalogue, projections: Sequence[Projection], clock: Clock,
                 batch_size: int = 500, max_attempts: int = 3,
                 filter_subject: str = ALL_SUBJECTS, tracer: Tracer | None = None) -> None:
        self.name = name
        self._js = js
        self._stream = stream
        self._db = database
        self._writer = writer
        self._leases = kernel.leases
        self._clock = clock
        self._batch_size = batch_size
        self._filter = filter_subject
        self._tracer = tracer
        self._holder = f"{socket.gethostname()}-{id(self):x}"
        self.applier = BatchApplier(name=name, tables=tables, catalogue=catalogue,
                                    projections=projections, clock=clock,
                                    max_attempts=max_attempts,
                                    in_order=filter_subject == ALL_SUBJECTS)
        self.stats = ConsumerStats()
        self._progress = asyncio.Condition()

    async def run(self) -> None:
        try:
            await self._run()
        finally:
            # A clean stop hands the lease to the standby at once; a crash leaves it to expire.
            with contextlib.suppress(Exception):
                await self._writer.submit(self._release)

    async def _run(self) -> None:
        backoff = 0.1
        subscription = None
        while True:
            try:
                if not await self._writer.submit(self._acquire):
                    await asyncio.sleep(LEASE_TTL.total_seconds() / 5)
                    continue
                if subscription is None:
                    subscription = await self._subscribe()
                await self.consume_once(subscription)
                backoff = 0.1
            except Exception as exc:  # NATS or the database unavailable: retry, never give up
                log.warning("consumer.failed", consumer=self.name, error=repr(exc),
                            retry_in=backoff)
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, 5.0)

    async def _subscribe(self) -> JetStreamContext.PullSubscription:
        config = ConsumerConfig(
            durable_name=self.name, ack_policy=AckPolicy.EXPLICIT,
            # One batch in flight: after a crash the unacked batch is redelivered, in order,
            # before anything newer (JetStream would otherwise hand out later events first).
            deliver_policy=DeliverPolicy.ALL, ack_wait=ACK_WAIT_SECONDS,
            max_ack_pending=self._batch_size,
            filter_subject=self._filter,
        )
        return await self._js.pull_subscribe(self._filter, durable=self.name,
                                             stream=self._stream, config=config)

    async def consume_once(self, subscription: JetStreamContext.PullSubscription) -> int:
        try:
            messages = await subscription.fetch(self._batch_size, timeout=1.0)
        except TimeoutError:
            return 0
        if not messages:  # a fetch cut short (e.g. by a consumer leader change) returns none
            return 0
        incoming = [self._incoming(msg) for msg in messages]
        spans = start_consumer_spans(self._tracer, self.name, [i.envelope for i in incoming])
        try:
            result = await self._writer.submit(lambda conn: self.applier.apply(conn, incoming))
        finally:
            for span in spans:
                span.end()
        # Acks only after the read models and processed markers are committed; held-back
        # events come again shortly, once their predecessor had a chance to arrive.
        for msg in messages:
            if msg.metadata.sequence.stream in result.held:
                await msg.nak(delay=HOLD_BACK_SECONDS)
            else:
                await msg.ack()
        self.stats.applied_total += result.applied
        self.stats.skipped_total += result.skipped
        self.stats.parked_total += result.parked
        self.stats.last_sequence = max(self.stats.last_sequence, result.last_sequence)
        self.stats.pending = messages[-1].metadata.num_pending
        async with self._progress:
            self._progress.notify_all()
        return len(messages)

    def _incoming(self, msg: Msg) -> Incoming:
        sequence = msg.metadata.sequence.stream
        try:
            envelope: Envelope | None = self.applier.reader.read(msg.data)
            error = None
        except ValueError as exc:
            envelope, error = None, repr(exc)
        return Incoming(sequence=sequence, raw=msg.data, envelope=envelope, error=error,
                        deliveries=msg.metadata.num_delivered or 1)

    def _acquire(self, conn: Any) -> bool:
        return try_acquire(conn, self._leases, name=f"projector-{self.name}",
                           holder=self._holder, now=self._clock.now(), ttl=LEASE_TTL)

    def _release(self, conn: Any) -> None:
        release(conn, self._leases, name=f"projector-{self.name}", holder=self._holder)

    def use_database(self, database: Database, writer: Writer) -> None:
        """Applies the next batches to another database (a rebuilt read model being swapped in);
        a batch already submitted finishes on the old one, so the swapper replays past it."""
        self._db = database
        self._writer = writer

    async def wait_until_processed(self, event_ids: Sequence[str], timeout: float) -> bool:
        """Read-your-writes: True once every id is applied (or parked), False after `timeout`."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            if await self._db.read(lambda conn: self.applier.all_processed(conn, event_ids)):
                return True
            remaining = deadline - loop.time()
            if remaining <= 0:
                return False
            async with self._progress:
                try:
                    await asyncio.wait_for(self._progress.wait(), timeout=min(remaining, 0.5))
                except TimeoutError:
                    pass
