"""Kernel benchmarks at library level: event store append (group commit) and the outbox relay."""
from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID

import nats

from bench.report import percentile
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.catalogue import Catalogue
from pmo_shared.eventstore.aggregate import Aggregate
from pmo_shared.eventstore.database import Database, migration_engine
from pmo_shared.eventstore.store import EventContext, EventStore
from pmo_shared.eventstore.tables import kernel_tables, new_metadata
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.eventstore.writer import Writer
from pmo_shared.kernel.clock import SystemClock
from pmo_shared.kernel.ids import new_id
from pmo_shared.messaging.relay import OutboxRelay
from pmo_shared.messaging.stream import ensure_stream

# A private catalogue: the benchmark's event must not leak into the real one.
catalogue = Catalogue()


@catalogue.register
class ItemRegistered(DomainEvent):
    event_type = "bench.item.registered"
    name: str


class Item(Aggregate):
    aggregate_type = "item"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.name = ""

    @classmethod
    def register(cls, name: str) -> Item:
        item = cls(new_id())
        item._record(ItemRegistered(name=name))
        return item

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case ItemRegistered(name=name):
                self.name = name
            case _:
                super()._apply(event)


@dataclass
class Kernel:
    database: Database
    writer: Writer
    store: EventStore
    clock: SystemClock

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(store=self.store, database=self.database, writer=self.writer,
                          clock=self.clock, context=EventContext(actor="bench"))


@contextmanager
def kernel(path: Path) -> Iterator[Kernel]:
    """A fresh SQLite event store (WAL, synchronous=FULL, as the services run) and its writer."""
    url = f"sqlite:///{path}"
    metadata = new_metadata()
    tables = kernel_tables(metadata)
    metadata.create_all(migration_engine(url))
    database = Database(url, sqlite_synchronous="FULL")
    writer = Writer(database.writer)
    writer.start()
    try:
        yield Kernel(database, writer, EventStore(tables, catalogue, source="/pmo/bench"),
                     SystemClock())
    finally:
        writer.stop()
        database.dispose()


@dataclass(frozen=True)
class AppendResult:
    events_per_s: float
    p50_ms: float
    p99_ms: float


async def _append(k: Kernel, *, events: int, submitters: int) -> AppendResult:
    latencies: list[float] = []

    async def submitter(count: int) -> None:
        for index in range(count):
            uow = k.unit_of_work()
            uow.save(Item.register(f"item-{index}"))
            began = time.perf_counter()
            await uow.commit()
            latencies.append((time.perf_counter() - began) * 1000)

    share = events // submitters
    started = time.perf_counter()
    await asyncio.gather(*(submitter(share) for _ in range(submitters)))
    elapsed = time.perf_counter() - started
    return AppendResult(share * submitters / elapsed, percentile(latencies, 50),
                        percentile(latencies, 99))


def store_append(path: Path, *, events: int, submitters: int) -> AppendResult:
    """Single-event aggregates, each its own unit of work, from `submitters` concurrent tasks."""
    with kernel(path) as k:
        return asyncio.run(_append(k, events=events, submitters=submitters))


def _fill_outbox(k: Kernel, events: int, batch: int = 1000) -> None:
    recorded_at = k.clock.now()
    context = EventContext(actor="bench")

    def work(conn: object) -> None:
        for index in range(batch):
            k.store.append(conn, Item.register(f"item-{index}"), context,  # type: ignore[arg-type]
                           recorded_at)

    async def fill() -> None:
        for _ in range(events // batch):
            await k.writer.submit(work)

    asyncio.run(fill())


async def _drain(k: Kernel, url: str, events: int) -> float:
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        await ensure_stream(js, name="PMO")
        relay = OutboxRelay(database=k.database, writer=k.writer, store=k.store, js=js,
                            clock=k.clock)
        started = time.perf_counter()
        while relay.published_total < events:
            await relay.relay_once()
        return relay.published_total / (time.perf_counter() - started)
    finally:
        await nc.close()


def relay_drain(path: Path, nats_url: str, *, events: int) -> float:
    """Events/s the outbox relay publishes (PubAck awaited, rows marked) from a full outbox."""
    with kernel(path) as k:
        _fill_outbox(k, events)
        return asyncio.run(_drain(k, nats_url, events))
