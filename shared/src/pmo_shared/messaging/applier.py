"""Applies a batch of envelopes to projections inside the caller's transaction, exactly once.

The batch is first applied whole inside one savepoint (the fast path); if any event fails, that
savepoint is rolled back and the batch is replayed one savepoint per event, retrying a failing
event up to `max_attempts` times before parking it in the dead-letter table."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, runtime_checkable

import structlog
from sqlalchemy import Connection, delete, insert, select

from pmo_shared.envelope import Envelope, EnvelopeReader
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.catalogue import Catalogue
from pmo_shared.eventstore.prepared import KeyLookup, Prepared
from pmo_shared.kernel.clock import Clock
from pmo_shared.messaging.incoming import Incoming
from pmo_shared.messaging.ordering import in_version_order
from pmo_shared.messaging.tables import ConsumerTables

log = structlog.get_logger(__name__)


class Projection(Protocol):
    """A read model updater. It ignores event types it does not handle; a projection that names
    them in a class attribute `handles` (a tuple of event classes) is not even called for others:
    a replay then skips, per event, the projections with nothing to do, and an event that no
    projection of an applier handles is only marked processed, its data not even validated."""

    name: str

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None: ...


@runtime_checkable
class BatchAware(Protocol):
    """Optional: a projection that buffers work while events are applied. The applier calls
    `flush` inside the savepoint that applied them (before their processed markers), and
    `discard` when applying or flushing fails, so a rolled-back event leaves nothing behind."""

    def flush(self, conn: Connection) -> None: ...

    def discard(self, conn: Connection) -> None: ...


@dataclass(frozen=True)
class BatchResult:
    applied: int
    skipped: int
    parked: int
    last_sequence: int
    # Stream sequences held back until their aggregate's previous version is applied.
    held: frozenset[int] = frozenset()
    # Stream sequences applied, in the order they were applied.
    order: tuple[int, ...] = ()


class _Failed(Exception):
    def __init__(self, item: Incoming, cause: Exception) -> None:
        super().__init__(repr(cause))
        self.item = item
        self.cause = cause


class BatchApplier:
    def __init__(self, *, name: str, tables: ConsumerTables, catalogue: Catalogue,
                 projections: Sequence[Projection], clock: Clock, max_attempts: int = 3,
                 in_order: bool = True) -> None:
        self.name = name
        self.tables = tables
        self.catalogue = catalogue
        self.projections = tuple(projections)
        self.reader = EnvelopeReader(catalogue, wanted=lambda cls: bool(self._route(cls)))
        self.clock = clock
        self.max_attempts = max_attempts
        # Only a consumer that sees every subject sees every version of an aggregate.
        self.in_order = in_order
        self._insert_processed = Prepared(insert(tables.processed))
        self._processed_ids = KeyLookup(tables.processed.c.event_id)
        self._batch_aware = tuple(p for p in self.projections if isinstance(p, BatchAware))
        self._routes: dict[type[DomainEvent], tuple[Projection, ...]] = {}
        self._type_routes: dict[str, tuple[Projection, ...]] = {}  # by the envelope's `type`

    def apply(self, conn: Connection, batch: Sequence[Incoming]) -> BatchResult:
        fresh = self._unprocessed(conn, batch)
        held: list[Incoming] = []
        parked = 0
        if self.in_order:
            ordered = in_version_order(conn, self.tables.processed, fresh)
            fresh, held = ordered.ready, ordered.held
            for item in ordered.missing_predecessor:
                self._park(conn, item, "previous version of the aggregate never arrived", 0)
            parked = len(ordered.missing_predecessor)
        order = self._apply_batch(conn, fresh, marked=True)
        parked += len(fresh) - len(order)
        held_sequences = frozenset(item.sequence for item in held)
        done = [item for item in batch if item.sequence not in held_sequences]
        last = max((item.sequence for item in done), default=0)
        if done:
            self._checkpoint(conn, done[-1], last)
        skipped = len(done) - len(order) - parked
        return BatchResult(len(order), skipped, parked, last, held_sequences, order)

    def apply_admitted(self, conn: Connection, items: Sequence[Incoming]) -> BatchResult:
        """Applies events that another applier admitted (deduplicated, in aggregate order, and
        marked processed in its own database), in the order given: a rebuild shard that follows
        the first one. No markers and no checkpoint; an event that fails is parked."""
        order = self._apply_batch(conn, items, marked=False)
        last = max((item.sequence for item in items), default=0)
        return BatchResult(len(order), 0, len(items) - len(order), last, order=order)

    def _apply_batch(self, conn: Connection, items: Sequence[Incoming], *,
                     marked: bool) -> tuple[int, ...]:
        """Applies the items, all in one savepoint or else one by one, parking those that keep
        failing; returns the sequences applied, in order."""
        try:
            with conn.begin_nested():
                self._apply_all(conn, items)
                if marked:
                    now = self.clock.now()  # one executemany for the whole batch's markers
                    self._insert_processed.executemany(
                        conn, [self._marker(item, now) for item in items])
            return tuple(item.sequence for item in items)
        except _Failed:
            return tuple(item.sequence for item in items if self._apply_with_retries(conn, item))

    def _unprocessed(self, conn: Connection, batch: Sequence[Incoming]) -> list[Incoming]:
        seen = self._processed_ids.found(conn, [item.key for item in batch])
        fresh: list[Incoming] = []
        in_batch: set[str] = set()
        for item in batch:
            key = item.key
            if key not in seen and key not in in_batch:
                fresh.append(item)
                in_batch.add(key)
        return fresh

    def _apply_one(self, conn: Connection, item: Incoming) -> None:
        self._apply_all(conn, [item])
        self._mark_processed(conn, item)

    def _apply_all(self, conn: Connection, items: Sequence[Incoming]) -> None:
        try:
            for item in items:
                self._apply_event(conn, item)
            for projection in self._batch_aware:
                try:
                    projection.flush(conn)
                except Exception as exc:  # blamed on the last event: alone when applied one by one
                    raise _Failed(items[-1], exc) from exc
        except BaseException:
            for projection in self._batch_aware:
                projection.discard(conn)
            raise

    def _apply_event(self, conn: Connection, item: Incoming) -> None:
        try:
            envelope = item.envelope
            if envelope is None:
                raise ValueError(item.error or "unreadable envelope")
            route = self._type_routes.get(envelope.type)
            if route is None:  # an unknown type raises here, and the event is parked
                route = self._type_routes[envelope.type] = self._route(
                    self.catalogue.class_for(envelope.event_type))
            if not route:  # nothing here uses it: its data is not even validated
                return
            event = envelope.to_event(self.catalogue)
            for projection in route:
                projection.apply(conn, envelope, event)
        except Exception as exc:
            raise _Failed(item, exc) from exc

    def _route(self, event_class: type[DomainEvent]) -> tuple[Projection, ...]:
        route = self._routes.get(event_class)
        if route is None:
            route = self._routes[event_class] = tuple(
                projection for projection in self.projections
                if issubclass(event_class, getattr(projection, "handles", DomainEvent)))
        return route

    def _apply_with_retries(self, conn: Connection, item: Incoming) -> bool:
        error: Exception | None = None
        for _attempt in range(self.max_attempts):
            try:
                with conn.begin_nested():
                    self._apply_one(conn, item)
                return True
            except _Failed as failed:
                error = failed.cause
        self._park(conn, item, repr(error), self.max_attempts)
        return False

    def _mark_processed(self, conn: Connection, item: Incoming) -> None:
        self._insert_processed.executemany(conn, [self._marker(item, self.clock.now())])

    @staticmethod
    def _marker(item: Incoming, now: datetime) -> dict[str, Any]:
        envelope = item.envelope
        assert envelope is not None
        return {"event_id": item.key, "aggregate_id": envelope.aggregateid,
                "aggregate_version": envelope.aggregateversion, "stream_sequence": item.sequence,
                "processed_at": now}

    def _park(self, conn: Connection, item: Incoming, error: str, attempts: int) -> None:
        envelope = item.envelope
        event_id = item.key
        log.error("consumer.parked", consumer=self.name, event_id=event_id, error=error)
        conn.execute(insert(self.tables.dead_letters).values(
            event_id=event_id, event_type=envelope.type if envelope else "unreadable",
            stream_sequence=item.sequence, envelope=item.raw.decode("utf-8", "replace"),
            error=error[:4000], attempts=attempts, parked_at=self.clock.now(),
        ))
        conn.execute(insert(self.tables.processed).values(
            event_id=event_id, aggregate_id=envelope.aggregateid if envelope else event_id,
            aggregate_version=envelope.aggregateversion if envelope else 0,
            stream_sequence=item.sequence, processed_at=self.clock.now(),
        ))

    def _checkpoint(self, conn: Connection, last_item: Incoming, sequence: int) -> None:
        checkpoints = self.tables.checkpoints
        envelope = last_item.envelope
        conn.execute(delete(checkpoints).where(checkpoints.c.consumer == self.name))
        conn.execute(insert(checkpoints).values(
            consumer=self.name, stream_sequence=sequence,
            event_id=str(envelope.id) if envelope else None,
            event_recorded_at=envelope.time if envelope else None, updated_at=self.clock.now(),
        ))

    def all_processed(self, conn: Connection, event_ids: Sequence[str]) -> bool:
        processed = self.tables.processed
        found = conn.execute(
            select(processed.c.event_id).where(processed.c.event_id.in_(list(event_ids)))
        ).scalars().all()
        return len(set(found)) == len(set(event_ids))

    def redrive(self, conn: Connection, dead_letter_id: int) -> bool:
        """Re-applies a parked event after a fix; True if it now applies."""
        dead = self.tables.dead_letters
        row = conn.execute(select(dead).where(dead.c.id == dead_letter_id)).first()
        if row is None:
            return False
        envelope = Envelope.from_json(row.envelope)
        conn.execute(delete(self.tables.processed)
                     .where(self.tables.processed.c.event_id == row.event_id))
        item = Incoming(sequence=row.stream_sequence or 0, raw=row.envelope.encode(),
                        envelope=envelope)
        try:
            with conn.begin_nested():
                self._apply_one(conn, item)
        except _Failed as failed:
            self._mark_processed(conn, item)
            log.warning("consumer.redrive_failed", error=repr(failed.cause))
            return False
        conn.execute(delete(dead).where(dead.c.id == dead_letter_id))
        return True

    def dead_letters(self, conn: Connection, limit: int = 100) -> list[dict[str, Any]]:
        dead = self.tables.dead_letters
        rows = conn.execute(select(dead).order_by(dead.c.id).limit(limit)).mappings().all()
        return [dict(row) for row in rows]
