"""Replays a range of the stream into a database through the projections, one transaction per
batch with the processed markers (the same exactly-once path as the live consumer)."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, replace

from nats.aio.client import Client
from sqlalchemy import Connection, Index

from pmo_reporting.tables import metadata
from pmo_shared.envelope import EnvelopeReader
from pmo_shared.eventstore.database import BULK_LOAD_CACHE_KIB, Database
from pmo_shared.eventstore.writer import Writer
from pmo_shared.messaging.applier import BatchApplier, Incoming
from pmo_shared.messaging.ordering import MAX_HOLD_DELIVERIES
from pmo_shared.messaging.range_reader import RangeReader, stream_sequence

Progress = Callable[[int, int], None]
# A bulk load commits far less often: each commit writes out every page the batches dirtied, and
# the indexes' pages are dirtied again by the next batch (8.5 us an event at one batch a commit,
# 1.5 us at 20, on 200,000 events).
BULK_LOAD_BATCHES_PER_COMMIT = 16


# A message as a replay applies it: its stream sequence and its body.
Message = tuple[int, bytes]


@dataclass(frozen=True)
class Decision:
    """What applying one batch decided, for a rebuild shard that follows (shards.py): every
    message up to `through` is settled except the `held` ones; `order` was applied, in order."""

    through: int
    order: tuple[int, ...]
    held: frozenset[int]


Decided = Callable[[Decision], None]


@dataclass(frozen=True)
class Messages:
    """Consecutive messages of the stream, up to and including `last_sequence`."""

    messages: list[Message]
    last_sequence: int


def incoming(reader: EnvelopeReader, messages: list[Message]) -> list[Incoming]:
    return [_incoming(reader, sequence, body) for sequence, body in messages]


def _incoming(reader: EnvelopeReader, sequence: int, body: bytes) -> Incoming:
    try:
        return Incoming(sequence=sequence, raw=body, envelope=reader.read(body))
    except ValueError as exc:
        return Incoming(sequence=sequence, raw=body, envelope=None, error=repr(exc))


async def read_range(nc: Client, *, stream: str, first: int, last: int,
                     batch_size: int = 1000) -> AsyncIterator[Messages]:
    async for batch in RangeReader(nc, stream=stream, first=first, last=last,
                                   batch_size=batch_size).batches():
        yield Messages([(stream_sequence(msg), msg.data) for msg in batch.messages],
                       batch.last_sequence)


async def replay(nc: Client, *, stream: str, applier: BatchApplier, writer: Writer, first: int,
                 last: int, on_batch: Progress | None = None, batch_size: int = 1000,
                 batches_per_commit: int = 1) -> int:
    """Applies stream sequences [first, last]; returns how many messages were read."""
    return await apply_batches(
        read_range(nc, stream=stream, first=first, last=last, batch_size=batch_size),
        applier=applier, writer=writer, on_batch=on_batch, batches_per_commit=batches_per_commit)


async def apply_batches(batches: AsyncIterator[Messages], *, applier: BatchApplier,
                        writer: Writer, on_batch: Progress | None = None,
                        batches_per_commit: int = 1, on_decided: Decided | None = None,
                        admitted: bool = False) -> int:
    """Applies consecutive batches of the stream; returns how many messages there were.

    Each batch is applied in its own savepoint with its processed markers; `batches_per_commit`
    of them share a transaction. The next batches travel while the writer applies the previous
    ones; the writer applies them in submission order, and only one transaction's worth is ever
    in flight. Messages are parsed on the writer thread: parsing here, beside the writer's
    executemany, made each row it steps wait for the GIL. `on_decided` hears each batch's
    decision on the writer thread; `admitted` batches were decided by another applier already
    (BatchApplier.apply_admitted).

    An event stored before its aggregate's previous version is carried into the next batches
    until that version is applied; one still waiting at the end is parked, as the live consumer
    parks it after many deliveries (pmo_shared.messaging.ordering)."""
    step = applier.apply_admitted if admitted else applier.apply
    read, position = 0, 0
    applying: asyncio.Future[object] | None = None
    group: list[Messages] = []
    carried: list[Incoming] = []

    def apply(conn: Connection, fresh: list[Incoming], through: int) -> None:
        batch = carried + fresh
        result = step(conn, batch)
        carried[:] = [item for item in batch if item.sequence in result.held] if result.held else []
        if on_decided is not None:
            on_decided(Decision(through, result.order, result.held))

    def applying_group(group: list[Messages]) -> Callable[[Connection], None]:
        def apply_group(conn: Connection) -> None:
            for batch in group:
                apply(conn, incoming(applier.reader, batch.messages), batch.last_sequence)
        return apply_group

    async for batch in batches:
        group.append(batch)
        read, position = read + len(batch.messages), batch.last_sequence
        if len(group) == batches_per_commit:
            applying = await _submit(writer, applying_group(group), applying)
            applying.add_done_callback(_progress(on_batch, read, position))
            group = []
    if group:
        applying = await _submit(writer, applying_group(group), applying)
        applying.add_done_callback(_progress(on_batch, read, position))
    if applying is not None:
        await applying
    if carried:
        orphans = [replace(item, deliveries=MAX_HOLD_DELIVERIES) for item in carried]
        carried.clear()
        await writer.submit(lambda conn: apply(conn, orphans, position))
    return read


async def _submit(writer: Writer, apply_group: Callable[[Connection], None],
                  previous: asyncio.Future[object] | None) -> asyncio.Future[object]:
    if previous is not None:
        await previous
    return asyncio.ensure_future(writer.submit(apply_group))


async def bulk_load(nc: Client, *, stream: str, applier: BatchApplier, url: str, last: int,
                    on_batch: Progress | None = None) -> int:
    """Replays sequences [1, last] into the fresh database at `url`, which nothing reads yet;
    it is all on disk, indexes included, when this returns. Returns how many messages were read."""
    read = await load_without_indexes(read_range(nc, stream=stream, first=1, last=last),
                                      applier=applier, url=url, on_batch=on_batch)
    await finish_bulk_load(url)
    return read


async def load_without_indexes(batches: AsyncIterator[Messages], *, applier: BatchApplier,
                               url: str, on_batch: Progress | None = None,
                               cache_kib: int = BULK_LOAD_CACHE_KIB,
                               on_decided: Decided | None = None, admitted: bool = False) -> int:
    """The bulk load itself: commits that do not wait for the disk, and none of the indexes only
    queries use (`finish_bulk_load` builds them and syncs the database)."""
    database = Database(url, bulk_load=True, bulk_cache_kib=cache_kib)
    await asyncio.to_thread(_query_only_indexes, database, Index.drop)
    writer = Writer(database.writer)
    writer.start()
    try:
        return await apply_batches(batches, applier=applier, writer=writer, on_batch=on_batch,
                                   batches_per_commit=BULK_LOAD_BATCHES_PER_COMMIT,
                                   on_decided=on_decided, admitted=admitted)
    finally:
        await asyncio.to_thread(writer.stop)
        database.dispose()


async def finish_bulk_load(url: str) -> None:
    database = Database(url, bulk_load=True)
    try:
        await asyncio.to_thread(_query_only_indexes, database, Index.create)
    finally:
        database.dispose()
    await asyncio.to_thread(database.make_durable)


def _query_only_indexes(database: Database, action: Callable[[Index, Connection], None]) -> None:
    with database.writer.begin() as conn:
        for table in metadata.sorted_tables:
            for index in sorted(table.indexes, key=lambda index: str(index.name)):
                if index.info.get("query_only"):
                    action(index, conn)


def _progress(on_batch: Progress | None, read: int, position: int) -> Callable[[object], None]:
    def done(applied: asyncio.Future[object]) -> None:
        if on_batch is not None and not applied.cancelled() and applied.exception() is None:
            on_batch(read, position)
    return done
