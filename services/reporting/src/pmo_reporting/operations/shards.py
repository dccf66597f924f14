"""A bulk load split over processes, one per shard of the projections (projections.SHARDS).

One Python process applies about 13,000 events/s at best, parsing and SQLite included, because of
the GIL; the shards' projections read and write only tables of their own, so each shard replays the
whole stream in a process of its own, into a database of its own, through the same applier (the
same exactly-once markers and per-aggregate order). The first shard's database is the fresh one;
the others are sibling SQLite files whose read-model tables are then copied into it.

A shard that parks an event the others applied would leave that event half applied, where the
service process parks it whole: when the shards' dead letters differ, the caller is told to load
again in one process (`ShardsDisagree`)."""
from __future__ import annotations

import asyncio
import gc
import json
import os
import sys
from asyncio.subprocess import PIPE
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import nats
from sqlalchemy import Connection, make_url, select, text

from pmo_reporting.operations.replay import load_without_indexes
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


class ShardsDisagree(Exception):
    """The shards parked different events: the load must be redone in one process."""


@dataclass(frozen=True)
class NatsAccess:
    url: str
    user: str | None = None
    password: str | None = None


@dataclass(frozen=True)
class ShardLoad:
    """What one shard's process needs: it rebuilds its own projections and connections."""

    index: int
    nats: NatsAccess
    stream: str
    last: int
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


async def load_in_shards(access: NatsAccess, *, stream: str, consumer_name: str, url: str,
                         last: int, shards: Sequence[tuple[str, ...]],
                         on_progress: Progress | None = None) -> int:
    """Loads stream sequences [1, last] into the fresh SQLite database at `url` (migrated, empty)
    with one process per shard, and copies the other shards' read models into it. Its query-only
    indexes are left to the caller. Returns how many messages each shard read."""
    loads = [ShardLoad(index=index, nats=access, stream=stream, last=last,
                       url=shard_url(url, index), consumer_name=consumer_name, projections=names)
             for index, names in enumerate(shards)]
    for load in loads[1:]:
        await asyncio.to_thread(upgrade, "pmo_reporting", load.url)
    try:
        read = await _run_all(loads, on_progress)
        await asyncio.to_thread(_merge, url, [load.url for load in loads[1:]])
    finally:
        for load in loads[1:]:
            Path(make_url(load.url).database or "").unlink(missing_ok=True)
    return read


async def _run_all(loads: list[ShardLoad], on_progress: Progress | None) -> int:
    """Runs every shard's process to its end; the first failure kills the others and is raised."""
    progress = [(0, 0)] * len(loads)

    def advanced(index: int, read: int, position: int) -> None:
        progress[index] = (read, position)
        if on_progress is not None:
            on_progress(*min(progress))

    runs = [asyncio.ensure_future(_run_process(load, advanced)) for load in loads]
    try:
        for run in asyncio.as_completed(runs):
            await run
    finally:
        for run in runs:
            run.cancel()
        await asyncio.gather(*runs, return_exceptions=True)
    return runs[0].result()


async def _run_process(load: ShardLoad, advanced: Callable[[int, int, int], None]) -> int:
    # A fresh interpreter rather than multiprocessing: nothing of the service (threads, sockets,
    # its __main__) is copied or imported again. The job, password included, goes in on stdin.
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "pmo_reporting.operations.shards", stdin=PIPE, stdout=PIPE,
        stderr=PIPE)
    try:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(json.dumps(asdict(load)).encode())
        process.stdin.close()
        read = 0
        async for line in process.stdout:
            read, position = map(int, line.split())
            advanced(load.index, read, position)
        errors = await process.stderr.read() if process.stderr else b""
        if await process.wait() != 0:
            last_line = errors.decode(errors="replace").strip().splitlines()[-1:] or ["no output"]
            raise RuntimeError(f"rebuild shard {load.index} exited with {process.returncode}: "
                               f"{last_line[0]}")
        return read
    finally:
        if process.returncode is None:
            process.kill()
            await process.wait()


def run_shard(load: ShardLoad) -> None:
    """The shard process: prints `read position` after each commit, and exits 0 once loaded."""
    gc.disable()
    asyncio.run(_load_shard(load))


async def _load_shard(load: ShardLoad) -> int:
    wanted = set(load.projections)
    applier = BatchApplier(name=load.consumer_name, tables=consumer, catalogue=catalogue,
                           projections=[p for p in PROJECTIONS if p.name in wanted],
                           clock=SystemClock())
    collected_at = 0

    def progress(read: int, position: int) -> None:
        nonlocal collected_at
        print(read, position, flush=True)  # noqa: T201 (the parent reads it)
        if read - collected_at >= COLLECT_EVERY_EVENTS:
            collected_at = read
            gc.collect()

    nc = await nats.connect(load.nats.url, user=load.nats.user, password=load.nats.password,
                            name=f"pmo-reporting-rebuild-shard{load.index}",
                            max_reconnect_attempts=10)
    try:
        return await load_without_indexes(nc, stream=load.stream, applier=applier, url=load.url,
                                          last=load.last, on_batch=progress)
    finally:
        await nc.close()


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
                    _copy_table(conn, schema, table.name, [c.name for c in table.columns])
    finally:
        driver.execute(f"DETACH DATABASE {schema}")


def _copy_table(conn: Connection, schema: str, name: str, columns: list[str]) -> None:
    if not conn.exec_driver_sql(f"SELECT EXISTS (SELECT 1 FROM {schema}.{name})").scalar():
        return
    if conn.exec_driver_sql(f"SELECT EXISTS (SELECT 1 FROM main.{name})").scalar():
        raise RuntimeError(f"{name} was written by two shards: projections.SHARDS is wrong")
    listed = ", ".join(columns)
    conn.exec_driver_sql(f"INSERT INTO main.{name} ({listed}) SELECT {listed} FROM {schema}.{name}")


if __name__ == "__main__":
    job = json.load(sys.stdin)
    run_shard(ShardLoad(**{**job, "nats": NatsAccess(**job["nats"]),
                           "projections": tuple(job["projections"])}))
