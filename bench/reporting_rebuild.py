"""Read-model rebuild throughput: events/s replayed from JetStream through every projection into a
fresh database, beside the raw nats-py pull-consume-and-ack rate of the same stream, same run.

The events are generated project histories (charters, tasks, baselines, progress and timesheet
lines), published once; the rebuild is the code behind POST /v1/admin/rebuilds (one transaction
per batch with the processed markers). Target: rebuild >= 0.5x raw consume. The rebuild reads
through its own RangeReader, whose bare read rate is printed too.

    .venv/bin/python -m bench.reporting_rebuild [--events 1000000] [--database-url URL]
"""
from __future__ import annotations

import argparse
import asyncio
import gc
import itertools
import random
import tempfile
import time
from pathlib import Path
from uuid import uuid4

import nats
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

from bench.reporting_evm import _envelope, _project
from pmo_reporting.operations.replay import bulk_load, finish_bulk_load
from pmo_reporting.operations.shards import load_in_shards
from pmo_reporting.projections import PROJECTIONS, SHARDS
from pmo_reporting.tables import consumer
from pmo_shared.devserver import NatsServer
from pmo_shared.events import catalogue
from pmo_shared.kernel.clock import SystemClock
from pmo_shared.messaging.applier import BatchApplier
from pmo_shared.messaging.range_reader import RangeReader
from pmo_shared.messaging.stream import ALL_SUBJECTS, ensure_stream, subject_for
from pmo_shared.migrate import upgrade


def _envelopes(count: int):  # type: ignore[no-untyped-def]
    rng = random.Random(11)
    portfolio = uuid4()
    events = itertools.chain.from_iterable(_project(rng, portfolio) for _ in itertools.count())
    for sequence, (event, recorded_at) in enumerate(itertools.islice(events, count), start=1):
        yield event.event_type, _envelope(event, recorded_at, sequence).envelope


async def publish(js, count: int) -> float:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    pending = []
    for event_type, envelope in _envelopes(count):
        pending.append(await js.publish_async(subject_for(event_type), envelope.to_json()))
        if len(pending) >= 2000:
            await asyncio.wait_for(asyncio.gather(*pending), timeout=60)
            pending = []
    await asyncio.wait_for(asyncio.gather(*pending), timeout=60)
    return time.perf_counter() - started


async def raw_consume(js, count: int) -> float:  # type: ignore[no-untyped-def]
    config = ConsumerConfig(deliver_policy=DeliverPolicy.ALL, ack_policy=AckPolicy.EXPLICIT,
                            max_ack_pending=20_000, inactive_threshold=30.0)
    subscription = await js.pull_subscribe(ALL_SUBJECTS, stream="PMO", config=config)
    started, seen = time.perf_counter(), 0
    while seen < count:
        messages = await subscription.fetch(min(500, count - seen), timeout=5)
        for message in messages:
            await message.ack()
        seen += len(messages)
    elapsed = time.perf_counter() - started
    await subscription.unsubscribe()
    return elapsed


async def range_read(nc, count: int) -> float:  # type: ignore[no-untyped-def]
    """The rebuild's own reader with nothing done per message: what is left of the raw consume
    once nats-py's per-message task and uuid4 are gone (pmo_shared.messaging.range_reader)."""
    started = time.perf_counter()
    async for _batch in RangeReader(nc, stream="PMO", first=1, last=count).batches():
        pass
    return time.perf_counter() - started


async def rebuild(nc, count: int, url: str) -> float:  # type: ignore[no-untyped-def]
    """Step 2 of POST /v1/admin/rebuilds in one process (PostgreSQL, or rebuild_processes=1)."""
    upgrade("pmo_reporting", url)
    applier = BatchApplier(name="reporting", tables=consumer, catalogue=catalogue,
                           projections=PROJECTIONS, clock=SystemClock())
    gc.freeze()  # as a service process does once started (pmo_shared.main)
    started = time.perf_counter()
    await bulk_load(nc, stream="PMO", applier=applier, url=url, last=count)
    return time.perf_counter() - started


async def rebuild_in_shards(nc, count: int, url: str) -> float:  # type: ignore[no-untyped-def]
    """Step 2 as the service runs it on SQLite: one process per shard of the projections."""
    upgrade("pmo_reporting", url)
    started = time.perf_counter()
    await load_in_shards(nc, stream="PMO", consumer_name="reporting", url=url, last=count,
                         shards=SHARDS)
    await finish_bulk_load(url)
    return time.perf_counter() - started


async def main(events: int, url: str | None) -> None:
    scratch = tempfile.TemporaryDirectory(prefix="pmo-bench-rebuild-")
    workdir = Path(scratch.name)
    server = NatsServer(workdir / "nats")
    server.start()
    try:
        nc = await nats.connect(server.url)
        js = nc.jetstream(timeout=30)
        await ensure_stream(js, name="PMO")
        published = await publish(js, events)
        raw = await raw_consume(js, events)
        read = await range_read(nc, events)
        sharded = None if url else await rebuild_in_shards(nc, events,
                                                             f"sqlite:///{workdir}/shards.db")
        built = await rebuild(nc, events, url or f"sqlite:///{workdir}/rebuild.db")
        await nc.close()
    finally:
        server.stop()
        scratch.cleanup()  # two databases of about 1 GB each at a million events
    print(f"{events} events published in {published:.1f} s")  # noqa: T201
    print(f"{'measure':48} {'seconds':>8} {'events/s':>10}")  # noqa: T201
    print(f"{'raw nats-py pull consume + ack (fetch 500)':48} {raw:8.1f} {events / raw:10.0f}")  # noqa: T201
    print(f"{'range reader, nothing applied (batch 1000)':48} {read:8.1f} {events / read:10.0f}")  # noqa: T201
    print(f"{'rebuild, one process':48} {built:8.1f} {events / built:10.0f}")  # noqa: T201
    if sharded is not None:
        print(f"{f'rebuild, {len(SHARDS)} shard processes (SQLite default)':48} "  # noqa: T201
              f"{sharded:8.1f} {events / sharded:10.0f}")
    service = sharded or built
    print(f"ratio rebuild / raw: {raw / service:.2f}x (target >= 0.5x)")  # noqa: T201
    print(f"ratio rebuild / range reader: {read / service:.2f}x")  # noqa: T201
    print(f"ratio shards / one process: {built / service:.2f}x")  # noqa: T201


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--database-url")
    args = parser.parse_args()
    asyncio.run(main(args.events, args.database_url))
