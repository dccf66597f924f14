"""A bulk load split over processes, one per shard of the projections (projections.SHARDS).

One Python process applies about 13,000 events/s at best, parsing and SQLite included, because of
the GIL; the shards' projections read and write only tables of their own, so each shard applies
the whole stream in a process of its own, into a database of its own, through the same applier
(the same exactly-once markers and per-aggregate order). The service reads the stream once and
pipes it to every shard's stdin in frames; the shards do not talk to NATS. The first shard's
database is the fresh one; the others are sibling SQLite files whose read-model tables are then
copied into it.

A shard that parks an event the others applied would leave that event half applied, where the
service process parks it whole: when the shards' dead letters differ, the caller is told to load
again in one process (`ShardsDisagree`)."""
from __future__ import annotations

import asyncio
import gc
import json
import os
import struct
import sys
from asyncio.subprocess import PIPE, Process
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from nats.aio.client import Client
from sqlalchemy import Connection, Table, make_url, select, text

from pmo_reporting.operations.replay import Message, Messages, load_without_indexes, read_range
from pmo_reporting.projections import PROJECTIONS
from pmo_reporting.tables import consumer, metadata
from pmo_shared.events import catalogue
from pmo_shared.eventstore.database import Database
from pmo_shared.kernel.clock import SystemClock
from pmo_shared.messaging.applier import BatchApplier
from pmo_shared.migrate import upgrade

Progress = Callable[[int, int], None]
# Cyclic garbage is rare while loading (about 10 objects per 1,000 events), but each automatic
# full collection walks every live object: a shard collects by hand, this often.
COLLECT_EVERY_EVENTS = 200_000
# A shard process has nothing else to keep in memory: its page cache holds more of the random-key
# indexes (the markers', the facts' keys), whose misses made a million events 10% slower at 64 MB.
SHARD_CACHE_KIB = 256 * 1024
# A frame: message count, last stream sequence, payload size; then per message its sequence,
# body size and body.
_FRAME = struct.Struct("<IQI")
_MESSAGE = struct.Struct("<QI")


class ShardsDisagree(Exception):
    """The shards parked different events: the load must be redone in one process."""


@dataclass(frozen=True)
class ShardLoad:
    """What one shard's process needs besides the stream; it builds its own projections."""

    index: int
    url: str
    consumer_name: str
    projections: tuple[str, ...]


def shard_url(url: str, index: int) -> str:
    """Shard 0 loads into the fresh database itself, shard k into `<file>-shard<k>.db` beside it."""
    if index == 0:
        return url
    parsed = make_url(url)
    path = Path(parsed.database or "")
    return parsed.set(database=str(path.with_name(f"{path.stem}-shard{index}{path.suffix}"))
                      ).render_as_string(hide_password=False)


async def load_in_shards(nc: Client, *, stream: str, consumer_name: str, url: str, last: int,
                         shards: Sequence[tuple[str, ...]],
                         on_progress: Progress | None = None) -> int:
    """Loads stream sequences [1, last] into the fresh SQLite database at `url` (migrated, empty)
    with one process per shard, and copies the other shards' read models into it. Its query-only
    indexes are left to the caller. Returns how many messages were read."""
    loads = [ShardLoad(index=index, url=shard_url(url, index), consumer_name=consumer_name,
                       projections=names) for index, names in enumerate(shards)]
    for load in loads[1:]:
        await asyncio.to_thread(upgrade, "pmo_reporting", load.url)
    try:
        read = await _run_all(loads, read_range(nc, stream=stream, first=1, last=last),
                              on_progress)
        await asyncio.to_thread(_merge, url, [load.url for load in loads[1:]])
    finally:
        for load in loads[1:]:
            Path(make_url(load.url).database or "").unlink(missing_ok=True)
    return read


async def _run_all(loads: list[ShardLoad], batches: AsyncIterator[Messages],
                   on_progress: Progress | None) -> int:
    """Feeds every shard's process the stream and waits for all; the first failure kills the
    others and is raised."""
    progress = [(0, 0)] * len(loads)

    def advanced(index: int, read: int, position: int) -> None:
        progress[index] = (read, position)
        if on_progress is not None:
            on_progress(*min(progress))

    processes: list[Process] = []
    runs: list[asyncio.Future[int]] = []
    try:
        for load in loads:
            processes.append(await _start(load))
        runs = [asyncio.ensure_future(_outcome(load, process, advanced))
                for load, process in zip(loads, processes, strict=True)]
        runs.append(asyncio.ensure_future(_feed(batches, processes)))
        for run in asyncio.as_completed(runs):
            await run
    finally:
        for task in runs:
            task.cancel()
        await asyncio.gather(*runs, return_exceptions=True)
        for process in processes:
            if process.returncode is None:
                process.kill()
                await process.wait()
    *applied, fed = [run.result() for run in runs]
    short = [f"shard {index}: {count} of {fed}" for index, count in enumerate(applied)
             if count != fed]
    if short:
        raise RuntimeError(f"rebuild shards applied fewer messages than read: {short}")
    return fed


async def _start(load: ShardLoad) -> Process:
    # A fresh interpreter rather than multiprocessing: nothing of the service (threads, sockets,
    # its __main__) is copied or imported again.
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "pmo_reporting.operations.shards", stdin=PIPE, stdout=PIPE,
        stderr=PIPE, limit=1 << 20)
    assert process.stdin is not None
    process.stdin.write(json.dumps(asdict(load)).encode() + b"\n")
    return process


async def _feed(batches: AsyncIterator[Messages], processes: list[Process]) -> int:
    """Writes each batch to every shard as one frame; a slow shard slows the reading (each write
    waits for its pipe to drain). Returns how many messages were fed."""
    fed = 0
    try:
        async for batch in batches:
            frame = _encode(batch)
            for process in processes:
                assert process.stdin is not None
                process.stdin.write(frame)
            for process in processes:
                assert process.stdin is not None
                await process.stdin.drain()
            fed += len(batch.messages)
    except (BrokenPipeError, ConnectionResetError):
        pass  # a shard died: its own outcome says why
    for process in processes:
        assert process.stdin is not None
        process.stdin.close()
    return fed


def _encode(batch: Messages) -> bytes:
    parts = []
    for sequence, body in batch.messages:
        parts.append(_MESSAGE.pack(sequence, len(body)))
        parts.append(body)
    payload = b"".join(parts)
    return _FRAME.pack(len(batch.messages), batch.last_sequence, len(payload)) + payload


async def _decode(reader: asyncio.StreamReader) -> AsyncIterator[Messages]:
    while header := await _exactly(reader, _FRAME.size):
        count, last_sequence, size = _FRAME.unpack(header)
        payload = await reader.readexactly(size)
        messages: list[Message] = []
        offset = 0
        for _ in range(count):
            sequence, length = _MESSAGE.unpack_from(payload, offset)
            offset += _MESSAGE.size
            messages.append((sequence, payload[offset:offset + length]))
            offset += length
        yield Messages(messages, last_sequence)


async def _exactly(reader: asyncio.StreamReader, size: int) -> bytes:
    """`size` bytes, or b"" at the end of the stream."""
    try:
        return await reader.readexactly(size)
    except asyncio.IncompleteReadError as exc:
        if exc.partial:
            raise
        return b""


async def _outcome(load: ShardLoad, process: Process,
                   advanced: Callable[[int, int, int], None]) -> int:
    """Follows one shard's progress lines to its exit; returns how many messages it applied."""
    assert process.stdout is not None and process.stderr is not None
    # Read beside the progress lines: a shard that logs much would otherwise fill its pipe and stop.
    tail = asyncio.ensure_future(_tail(process.stderr))
    read = 0
    async for line in process.stdout:
        read, position = map(int, line.split())
        advanced(load.index, read, position)
    errors = await tail
    if await process.wait() != 0:
        last_line = errors.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"rebuild shard {load.index} exited with {process.returncode}: "
                           f"{last_line[0]}")
    return read


async def _tail(stream: asyncio.StreamReader, keep: int = 8192) -> bytes:
    """The last `keep` bytes of a stream, read to its end."""
    kept = b""
    while chunk := await stream.read(65536):
        kept = (kept + chunk)[-keep:]
    return kept


async def _run_shard() -> int:
    """The shard process: reads its job and then the stream's frames on stdin, prints
    `read position` after each commit, and exits 0 once all is applied."""
    loop = asyncio.get_running_loop()
    stdin = asyncio.StreamReader(limit=1 << 20)
    await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(stdin), sys.stdin.buffer)
    job = json.loads(await stdin.readline())
    load = ShardLoad(**{**job, "projections": tuple(job["projections"])})
    wanted = set(load.projections)
    applier = BatchApplier(name=load.consumer_name, tables=consumer, catalogue=catalogue,
                           projections=[p for p in PROJECTIONS if p.name in wanted],
                           clock=SystemClock())
    collected_at = 0
    # Progress lines alone go to the parent's pipe; logs and anything else printed go to stderr.
    lines = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())

    def progress(read: int, position: int) -> None:
        nonlocal collected_at
        lines.write(f"{read} {position}\n")
        if read - collected_at >= COLLECT_EVERY_EVENTS:
            collected_at = read
            gc.collect()

    return await load_without_indexes(_decode(stdin), applier=applier, url=load.url,
                                      on_batch=progress, cache_kib=SHARD_CACHE_KIB)


def _merge(url: str, shard_urls: list[str]) -> None:
    """Copies each shard's read-model tables into the database at `url`, in one transaction."""
    database = Database(url, bulk_load=True)
    try:
        with database.writer.connect() as conn:
            for index, shard in enumerate(shard_urls, start=1):
                _copy_shard(conn, f"shard{index}", make_url(shard).database or "")
    finally:
        database.dispose()


def _copy_shard(conn: Connection, schema: str, path: str) -> None:
    # Straight on the driver: SQLite attaches outside a transaction, and any statement through
    # `conn` would begin one.
    driver = conn.connection.dbapi_connection
    assert driver is not None
    driver.execute(f"ATTACH DATABASE ? AS {schema}", (os.fspath(path),))
    try:
        with conn.begin():
            parked = consumer.dead_letters.c.event_id
            here = set(conn.execute(select(parked)).scalars())
            there = set(conn.execute(text(f"SELECT event_id FROM {schema}.dead_letters")).scalars())
            if here != there:
                raise ShardsDisagree(f"{schema} parked {len(there)} events, shard0 {len(here)}")
            for table in metadata.sorted_tables:
                if table.name.startswith("rm_"):
                    _copy_table(conn, schema, table)
    finally:
        driver.execute(f"DETACH DATABASE {schema}")


def _copy_table(conn: Connection, schema: str, table: Table) -> None:
    name = table.name
    if not conn.exec_driver_sql(f"SELECT EXISTS (SELECT 1 FROM {schema}.{name})").scalar():
        return
    if conn.exec_driver_sql(f"SELECT EXISTS (SELECT 1 FROM main.{name})").scalar():
        raise RuntimeError(f"{name} was written by two shards: projections.SHARDS is wrong")
    # Built once the rows are in (a sort) rather than row by row (random-key B-tree inserts); the
    # query-only ones are built later with the rest (replay.finish_bulk_load).
    rebuilt = [index for index in table.indexes
               if not index.unique and not index.info.get("query_only")]
    for index in rebuilt:
        index.drop(conn)
    listed = ", ".join(column.name for column in table.columns)
    conn.exec_driver_sql(f"INSERT INTO main.{name} ({listed}) SELECT {listed} FROM {schema}.{name}")
    for index in rebuilt:
        index.create(conn)

if __name__ == "__main__":
    gc.disable()
    asyncio.run(_run_shard())
