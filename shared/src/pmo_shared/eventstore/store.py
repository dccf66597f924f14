"""Loading aggregates (snapshot + tail) and the SQL that appends events, outbox rows and snapshots."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import Connection, Engine, Row, delete, insert, select

from pmo_shared.envelope import Envelope, cloudevent_type
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.catalogue import Catalogue
from pmo_shared.eventstore.aggregate import Aggregate, SnapshotAggregate
from pmo_shared.eventstore.tables import KernelTables
from pmo_shared.kernel.ids import new_id

A = TypeVar("A", bound=Aggregate)


@dataclass(frozen=True)
class EventContext:
    """Who and why: copied into every event envelope of one command."""

    actor: str
    correlation_id: str | None = None
    causation_id: str | None = None
    traceparent: str | None = None


def envelope_from_row(row: Row[Any], source: str) -> Envelope:
    return Envelope(
        id=UUID(row.event_id), source=source, type=cloudevent_type(row.event_type),
        subject=row.aggregate_id, time=row.recorded_at, aggregatetype=row.aggregate_type,
        aggregateid=row.aggregate_id, aggregateversion=row.version,
        eventversion=row.event_version, correlationid=row.correlation_id,
        causationid=row.causation_id, actor=row.actor, traceparent=row.traceparent,
        data=json.loads(row.data),
    )


class EventStore:
    def __init__(self, tables: KernelTables, catalogue: Catalogue, *, source: str) -> None:
        self.tables = tables
        self.catalogue = catalogue
        self.source = source
        # Built once: a statement built per call pays SQLAlchemy's construction and cache key
        # again on every command.
        self._insert_events = insert(tables.events)
        self._insert_outbox = insert(tables.outbox)

    # -- reading (runs on reader connections, in a worker thread) --

    def load(self, engine: Engine, cls: type[A], aggregate_id: UUID) -> A | None:
        """Latest snapshot (if the class takes them) plus the events after it. An id of another
        aggregate type is "not found", never a replay into the wrong class."""
        events, snaps = self.tables.events, self.tables.snapshots
        key = str(aggregate_id)
        with engine.connect() as conn:
            first_type = conn.execute(select(events.c.aggregate_type).where(
                events.c.aggregate_id == key, events.c.version == 1)).scalar()
            if first_type != cls.aggregate_type:
                return None
            base: A | None = None
            if issubclass(cls, SnapshotAggregate):
                snap = conn.execute(select(snaps.c.version, snaps.c.state)
                                    .where(snaps.c.aggregate_id == key)).first()
                if snap is not None:
                    base = cls.from_snapshot(aggregate_id, snap.version, json.loads(snap.state))
            rows = conn.execute(
                select(events.c.event_type, events.c.event_version, events.c.data)
                .where(events.c.aggregate_id == key,
                       events.c.version > (base.version if base else 0))
                .order_by(events.c.version)
            ).all()
        return cls.replay(aggregate_id, [self._parse(row) for row in rows], base=base)

    def _parse(self, row: Row[Any, Any, Any]) -> DomainEvent:
        return self.catalogue.parse(row.event_type, row.event_version, json.loads(row.data))

    # -- writing (runs inside the writer's transaction) --

    def append(self, conn: Connection, aggregate: Aggregate, context: EventContext,
               recorded_at: datetime) -> list[Envelope]:
        """Inserts the pending events at versions loaded+1..; a taken version raises
        IntegrityError from the primary key, which the unit of work turns into a conflict."""
        # model_construct: every value is built right here with its exact type; validating them
        # again cost a noticeable share of the writer thread.
        envelopes = [
            Envelope.model_construct(
                id=new_id(), source=self.source, type=cloudevent_type(event.event_type),
                subject=str(aggregate.id), time=recorded_at,
                aggregatetype=aggregate.aggregate_type, aggregateid=str(aggregate.id),
                aggregateversion=aggregate.version + offset, eventversion=event.event_version,
                correlationid=context.correlation_id, causationid=context.causation_id,
                actor=context.actor, traceparent=context.traceparent,
                data=event.model_dump(mode="json"),
            )
            for offset, event in enumerate(aggregate.pending_events, start=1)
        ]
        if not envelopes:
            return []
        conn.execute(self._insert_events, [self._event_row(e) for e in envelopes])
        conn.execute(self._insert_outbox, [
            {"aggregate_id": e.aggregateid, "version": e.aggregateversion} for e in envelopes
        ])
        self._maybe_snapshot(conn, aggregate)
        return envelopes

    @staticmethod
    def _event_row(e: Envelope) -> dict[str, Any]:
        return {
            "aggregate_id": e.aggregateid, "version": e.aggregateversion, "event_id": str(e.id),
            "aggregate_type": e.aggregatetype, "event_type": e.event_type,
            "event_version": e.eventversion, "recorded_at": e.time, "actor": e.actor,
            "correlation_id": e.correlationid, "causation_id": e.causationid,
            "traceparent": e.traceparent, "data": json.dumps(e.data, separators=(",", ":")),
        }

    def _maybe_snapshot(self, conn: Connection, aggregate: Aggregate) -> None:
        if not isinstance(aggregate, SnapshotAggregate):
            return
        every = aggregate.snapshot_every
        if aggregate.next_version // every == aggregate.version // every:
            return
        # The snapshot reflects the state after the pending events, already applied in memory.
        snaps = self.tables.snapshots
        conn.execute(delete(snaps).where(snaps.c.aggregate_id == str(aggregate.id)))
        conn.execute(insert(snaps).values(
            aggregate_id=str(aggregate.id), aggregate_type=aggregate.aggregate_type,
            version=aggregate.next_version,
            state=json.dumps(aggregate.snapshot_state(), separators=(",", ":"), default=str),
        ))
