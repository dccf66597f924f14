"""A tiny write service and read service built from the kernel alone (the sample counter), so the
ops tests exercise relay, lease and consumer exactly as the real services use them."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from uuid import uuid4

import nats
from nats.js.api import AckPolicy, ConsumerConfig
from sqlalchemy import Column, Connection, Integer, MetaData, String, Table, func, insert, select, update

from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.store import EventContext
from pmo_shared.eventstore.tables import KernelTables, kernel_tables, new_metadata
from pmo_shared.messaging.relay import read_backlog
from pmo_shared.messaging.tables import consumer_tables
from pmo_shared.readside import ReadSide
from pmo_shared.settings import ServiceSettings
from pmo_shared.writeside import WriteSide
from tests.support.sample import Counter, CounterIncremented, CounterStarted, sample_catalogue

write_metadata = new_metadata()
write_tables: KernelTables = kernel_tables(write_metadata)

read_metadata = new_metadata()
read_kernel = kernel_tables(read_metadata)
read_consumer = consumer_tables(read_metadata)
rm_counters = Table(
    "rm_counters", read_metadata,
    Column("counter_id", String(36), primary_key=True),
    Column("total", Integer, nullable=False),
    Column("events", Integer, nullable=False),
)


class CountersProjection:
    """Counts events and sums increments per counter: a double apply shows up as a wrong total."""

    name = "counters"

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case CounterStarted(counter_id=counter_id):
                conn.execute(insert(rm_counters).values(counter_id=str(counter_id), total=0,
                                                        events=1))
            case CounterIncremented(counter_id=counter_id, by=by):
                conn.execute(update(rm_counters).where(rm_counters.c.counter_id == str(counter_id))
                             .values(total=rm_counters.c.total + by,
                                     events=rm_counters.c.events + 1))


def settings(database_url: str, nats_url: str, *, stream: str, **overrides: object) -> ServiceSettings:
    values: dict[str, object] = {"log_json": False, **overrides}
    return ServiceSettings(service_name="sample", database_url=database_url, nats_url=nats_url,
                           stream_name=stream, **values)  # type: ignore[arg-type]


def create_schema(metadata: MetaData, database_url: str) -> None:
    database = Database(database_url)
    try:
        metadata.create_all(database.writer)
    finally:
        database.dispose()


@asynccontextmanager
async def write_side(config: ServiceSettings) -> AsyncIterator[WriteSide]:
    side = WriteSide(config, tables=write_tables, catalogue=sample_catalogue)
    await side.start()
    try:
        yield side
    finally:
        await side.stop()


def read_side(config: ServiceSettings) -> ReadSide:
    return ReadSide(config, consumer_name="counters", kernel=read_kernel, tables=read_consumer,
                    catalogue=sample_catalogue, projections=[CountersProjection()])


async def start_counter(side: WriteSide, increments: int = 0) -> Counter:
    """One command: a new counter and `increments` increments of 1, in one transaction."""
    uow = side.unit_of_work(EventContext(actor="tester"))
    counter = uow.save(Counter.start(uuid4(), "c"))
    for _ in range(increments):
        counter.increment()
    await uow.commit()
    return counter


async def backlog(side: WriteSide) -> int:
    """Unpublished outbox rows, read from the database whether or not the relay has started."""
    return await side.database.read(lambda conn: read_backlog(conn, write_tables).size)


async def event_count(database: Database) -> int:
    events = write_tables.events
    return await database.read(lambda conn: conn.execute(
        select(func.count()).select_from(events)).scalar_one())


async def read_model(side: ReadSide) -> dict[str, tuple[int, int]]:
    def query(conn: Connection) -> dict[str, tuple[int, int]]:
        rows = conn.execute(select(rm_counters.c.counter_id, rm_counters.c.total,
                                   rm_counters.c.events))
        return {row.counter_id: (row.total, row.events) for row in rows}

    return await side.database.read(query)


@dataclass(frozen=True)
class StreamContents:
    ids: list[str]
    versions: list[tuple[str, int]]

    @property
    def unique(self) -> set[str]:
        return set(self.ids)

    def out_of_order(self) -> list[tuple[str, int]]:
        """(aggregate, version) pairs that reached the stream before an earlier version."""
        latest: dict[str, int] = {}
        late = []
        for aggregate, version in self.versions:
            if version < latest.get(aggregate, 0):
                late.append((aggregate, version))
            latest[aggregate] = max(version, latest.get(aggregate, 0))
        return late


async def stream_contents(nats_url: str, stream: str) -> StreamContents:
    """Every message of the stream, read through an ephemeral ordered consumer."""
    nc = await nats.connect(servers=nats_url.split(","))
    try:
        js = nc.jetstream()
        total = (await js.stream_info(stream)).state.messages
        # No acks: an ack-explicit consumer would stop at its max_ack_pending (1,000 by default).
        sub = await js.pull_subscribe("pmo.>", stream=stream,
                                      config=ConsumerConfig(ack_policy=AckPolicy.NONE))
        envelopes: list[Envelope] = []
        while len(envelopes) < total:
            batch = await sub.fetch(min(500, total - len(envelopes)), timeout=5)
            envelopes += [Envelope.from_json(m.data) for m in batch]
        await sub.unsubscribe()
        return StreamContents([str(e.id) for e in envelopes],
                              [(e.aggregateid, e.aggregateversion) for e in envelopes])
    finally:
        await nc.close()
