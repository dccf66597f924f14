"""A bulk load split over processes, one per shard of the projections (projections.SHARDS).

One Python process applies about 13,000 events/s at best, parsing and SQLite included, because of
the GIL; the shards' projections read and write only tables of their own, so each shard applies
the stream in a process of its own, into a database of its own. The service reads the stream once
and pipes it to every shard's stdin in frames; the shards do not talk to NATS.

The first shard decides: it runs the full applier (exactly-once markers, per-aggregate order,
checkpoint, dead letters) into the fresh database, and reports after each batch which messages
it applied, in which order. The service forwards those decisions to the other shards, which
apply just those messages in that order (BatchApplier.apply_admitted), with no bookkeeping of
their own, into sibling SQLite files whose read-model tables are then copied into the fresh one.
An event the first shard parks is thus applied by none, as in one process.

A following shard that parks an event would leave it half applied, where the service process
parks it whole: the caller is then told to load again in one process (`ShardsDisagree`)."""
from __future__ import annotations

import asyncio
import gc
import json
import os
import struct
import sys
import threading
from asyncio.subprocess import PIPE, Process
from collections import deque
from collections.abc import AsyncIterator, Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from itertools import takewhile
from pathlib import Path

from nats.aio.client import Client
from sqlalchemy import Connection, Table, make_url

from pmo_reporting.operations.replay import (
    Decision,
    Message,
    Messages,
    load_without_indexes,
    read_range,
)
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
# Frames a shard reads ahead of what it applies (about 0.75 MB each): the service writes every
# frame to all shards, so a shard busy committing must not stop the others' input.
READ_AHEAD_FRAMES = 64
# A frame: its kind, message count, last stream sequence, payload size. A messages frame's payload
# is, per message, its sequence, body size and body; a decision frame's is the first shard's
# decision line, which says everything (count and sequence are 0).
_FRAME = struct.Struct("<BIQI")
_MESSAGES, _DECISION = 0, 1
_MESSAGE = struct.Struct("<QI")


class ShardsDisagree(Exception):
    """A following shard parked an event the first one applied: the load must be redone in one
    process."""


@dataclass(frozen=True)
class ShardLoad:
    """What one shard's process needs besides the stream; it builds its own projections. Shard 0
    decides, the others follow."""

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
                         shards: Sequence[tuple[str, ...]], on_progress: Progress | None = None,
                         batch_size: int = 1000) -> int:
    """Loads stream sequences [1, last] into the fresh SQLite database at `url` (migrated, empty)
    with one process per shard, and copies the other shards' read models into it. Its query-only
    indexes are left to the caller. Returns how many messages were read."""
    loads = [ShardLoad(index=index, url=shard_url(url, index), consumer_name=consumer_name,
                       projections=names) for index, names in enumerate(shards)]
    for load in loads[1:]:
        await asyncio.to_thread(upgrade, "pmo_reporting", load.url)
    try:
        batches = read_range(nc, stream=stream, first=1, last=last, batch_size=batch_size)
        read = await _run_all(loads, batches, on_progress)
        await asyncio.to_thread(_merge, url, [load.url for load in loads[1:]])
    finally:
        for load in loads[1:]:
            Path(make_url(load.url).database or "").unlink(missing_ok=True)
    return read


async def _run_all(loads: list[ShardLoad], batches: AsyncIterator[Messages],
                   on_progress: Progress | None) -> int:
    """Feeds every shard's process the stream, and the others the first one's decisions, and
    waits for all; the first failure kills the others and is raised."""
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
        followers = processes[1:]
        runs = [asyncio.ensure_future(_outcome(load, process, advanced,
                                               followers if load.index == 0 else []))
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
    *settled, fed = [run.result() for run in runs]
    short = [f"shard {index}: {count} of {fed}" for index, count in enumerate(settled)
             if count != fed]
    if short:
        raise RuntimeError(f"rebuild shards settled fewer messages than read: {short}")
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
    waits for its pipe to drain). Closes the first shard's stdin at the end: the others' is
    closed once its last decision is forwarded. Returns how many messages were fed."""
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
    assert processes[0].stdin is not None
    processes[0].stdin.close()
    return fed


def _encode(batch: Messages) -> bytes:
    parts = []
    for sequence, body in batch.messages:
        parts.append(_MESSAGE.pack(sequence, len(body)))
        parts.append(body)
    payload = b"".join(parts)
    return _FRAME.pack(_MESSAGES, len(batch.messages), batch.last_sequence, len(payload)) + payload


def _decision_frame(line: bytes) -> bytes:
    return _FRAME.pack(_DECISION, 0, 0, len(line)) + line


async def _frames(reader: asyncio.StreamReader) -> AsyncIterator[Messages | Decision]:
    while header := await _exactly(reader, _FRAME.size):
        kind, count, last_sequence, size = _FRAME.unpack(header)
        payload = await reader.readexactly(size)
        if kind == _DECISION:
            yield decision_from_line(payload)
            continue
        messages: list[Message] = []
        offset = 0
        for _ in range(count):
            sequence, length = _MESSAGE.unpack_from(payload, offset)
            offset += _MESSAGE.size
            messages.append((sequence, payload[offset:offset + length]))
            offset += length
        yield Messages(messages, last_sequence)


async def _read_ahead(frames: AsyncIterator[Messages | Decision], depth: int = READ_AHEAD_FRAMES
                      ) -> AsyncIterator[Messages | Decision]:
    """The same frames, read by a task of their own up to `depth` ahead of the consumer."""
    queue: asyncio.Queue[Messages | Decision | None] = asyncio.Queue(depth)

    async def read() -> None:
        async for frame in frames:
            await queue.put(frame)
        await queue.put(None)

    reading = asyncio.ensure_future(read())
    try:
        while (frame := await queue.get()) is not None:
            yield frame
        await reading  # its failure, if any
    finally:
        reading.cancel()


async def _exactly(reader: asyncio.StreamReader, size: int) -> bytes:
    """`size` bytes, or b"" at the end of the stream."""
    try:
        return await reader.readexactly(size)
    except asyncio.IncompleteReadError as exc:
        if exc.partial:
            raise
        return b""


def decision_line(decision: Decision) -> str:
    """`D <through> <held> <order>`, sequences written as runs: `1-998,1000,999` for 1..998,
    1000, 999, and `-` for none."""
    return f"D {decision.through} {_runs(sorted(decision.held))} {_runs(decision.order)}\n"


def decision_from_line(line: bytes) -> Decision:
    _, through, held, order = line.split()
    return Decision(int(through), tuple(_sequences(order)), frozenset(_sequences(held)))


def _runs(sequences: Iterable[int]) -> str:
    runs: list[str] = []
    first = previous = -1
    for sequence in sequences:
        if sequence == previous + 1 and first >= 0:
            previous = sequence
            continue
        if first >= 0:
            runs.append(f"{first}-{previous}" if previous != first else str(first))
        first = previous = sequence
    if first >= 0:
        runs.append(f"{first}-{previous}" if previous != first else str(first))
    return ",".join(runs) or "-"


def _sequences(runs: bytes) -> list[int]:
    if runs == b"-":
        return []
    sequences: list[int] = []
    for run in runs.split(b","):
        first, _, last = run.partition(b"-")
        sequences.extend(range(int(first), int(last or first) + 1))
    return sequences


class Following:
    """Turns the stream's frames and the first shard's decisions into what a following shard
    applies: per decision, the messages the first shard applied, in its order. A message waits
    here until a decision settles it; `settled` counts those settled so far."""

    def __init__(self) -> None:
        self.pending: dict[int, bytes] = {}  # in stream order
        self.settled = 0
        self._settled_through: deque[tuple[int, int]] = deque()

    async def batches(self, frames: AsyncIterator[Messages | Decision]
                      ) -> AsyncIterator[Messages]:
        async for frame in frames:
            if isinstance(frame, Messages):
                self.pending.update(frame.messages)
                continue
            admitted = [(sequence, self.pending.pop(sequence)) for sequence in frame.order]
            # The rest up to `through` was skipped (a duplicate) or parked by the first shard.
            dropped = [sequence for sequence in takewhile(frame.through.__ge__, self.pending)
                       if sequence not in frame.held]
            for sequence in dropped:
                del self.pending[sequence]
            self.settled += len(admitted) + len(dropped)
            self._settled_through.append((frame.through, self.settled))
            yield Messages(admitted, frame.through)

    def settled_through(self, position: int) -> int:
        """How many messages were settled by the decisions up to `position`."""
        settled = 0
        while self._settled_through and self._settled_through[0][0] <= position:
            settled = self._settled_through.popleft()[1]
        return settled


async def _outcome(load: ShardLoad, process: Process, advanced: Callable[[int, int, int], None],
                   followers: list[Process]) -> int:
    """Follows one shard's lines to its exit, forwarding decisions to the followers; returns how
    many messages it settled."""
    assert process.stdout is not None and process.stderr is not None
    # Read beside the progress lines: a shard that logs much would otherwise fill its pipe and stop.
    tail = asyncio.ensure_future(_tail(process.stderr))
    settled = 0
    async for line in process.stdout:
        if line.startswith(b"D "):
            frame = _decision_frame(line)
            for follower in followers:
                assert follower.stdin is not None
                follower.stdin.write(frame)
            continue
        settled, position = map(int, line.split())
        advanced(load.index, settled, position)
    for follower in followers:
        assert follower.stdin is not None
        follower.stdin.close()
    errors = await tail
    if await process.wait() != 0:
        last_line = errors.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
        raise RuntimeError(f"rebuild shard {load.index} exited with {process.returncode}: "
                           f"{last_line[0]}")
    return settled


async def _tail(stream: asyncio.StreamReader, keep: int = 8192) -> bytes:
    """The last `keep` bytes of a stream, read to its end."""
    kept = b""
    while chunk := await stream.read(65536):
        kept = (kept + chunk)[-keep:]
    return kept


async def _run_shard() -> int:
    """The shard process: reads its job and then the frames on stdin, prints `settled position`
    after each commit (and, as shard 0, a decision line after each batch), and exits 0 once all
    is applied."""
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
    # Lines alone go to the parent's pipe, from the loop and from the writer thread; logs and
    # anything else printed go to stderr.
    lines = os.fdopen(os.dup(sys.stdout.fileno()), "w", buffering=1)
    os.dup2(sys.stderr.fileno(), sys.stdout.fileno())
    writing = threading.Lock()
    following = Following() if load.index else None

    def progress(read: int, position: int) -> None:
        nonlocal collected_at
        settled = following.settled_through(position) if following else read
        with writing:
            lines.write(f"{settled} {position}\n")
        if read - collected_at >= COLLECT_EVERY_EVENTS:
            collected_at = read
            gc.collect()

    def decided(decision: Decision) -> None:
        with writing:
            lines.write(decision_line(decision))

    if following is None:
        return await load_without_indexes(_only_messages(_read_ahead(_frames(stdin))),
                                          applier=applier,
                                          url=load.url, on_batch=progress,
                                          cache_kib=SHARD_CACHE_KIB, on_decided=decided)
    return await load_without_indexes(following.batches(_read_ahead(_frames(stdin))),
                                      applier=applier,
                                      url=load.url, on_batch=progress, cache_kib=SHARD_CACHE_KIB,
                                      admitted=True)


async def _only_messages(frames: AsyncIterator[Messages | Decision]) -> AsyncIterator[Messages]:
    async for frame in frames:
        if not isinstance(frame, Messages):
            raise ValueError("the first shard was sent a decision")
        yield frame


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
            parked = conn.exec_driver_sql(f"SELECT count(*) FROM {schema}.dead_letters").scalar()
            if parked:
                raise ShardsDisagree(f"{schema} parked {parked} events that shard0 applied")
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
