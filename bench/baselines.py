"""The baselines every figure is divided by, measured in the same run.

(a) a bare FastAPI POST committing one SQLite row per request, (b) the same POST with no database,
both under uvicorn with one worker and driven by wrk; (c) raw nats-py JetStream `publish_async`
and pull-consume-and-ack; (d) the PyPI `eventsourcing` library saving single-event aggregates."""
from __future__ import annotations

import asyncio
import time
from pathlib import Path

import nats
from nats.js.api import StreamConfig

from bench import wrk
from bench.baseline_app import BODY
from bench.procs import cpu_seconds, uvicorn_app
from bench.sizes import Sizes
from pmo_shared.devserver import NatsServer, free_port

# About the size of a serialized event envelope, so the relay and its baseline move equal bytes.
PAYLOAD = b'{"specversion":"1.0","data":' + b'"' + b"x" * 560 + b'"}'


def _http(factory: str, sizes: Sizes, env: dict[str, str] | None = None,
          ) -> tuple[wrk.WrkResult, float]:
    """wrk's figures and the server's CPU milliseconds per request (steadier than req/s when
    the machine is shared)."""
    port = free_port()
    with uvicorn_app(factory, port=port, env=env) as process:
        before = cpu_seconds(process.pid)
        result = wrk.post(f"http://127.0.0.1:{port}/items", body=BODY,
                          connections=sizes.wrk_connections, seconds=sizes.wrk_seconds)
        return result, (cpu_seconds(process.pid) - before) * 1000 / max(result.requests, 1)


def http_bare(sizes: Sizes) -> tuple[wrk.WrkResult, float]:
    return _http("bench.baseline_app:bare_app", sizes)


def http_sqlite(sizes: Sizes, scratch: Path) -> tuple[wrk.WrkResult, float]:
    return _http("bench.baseline_app:sqlite_app", sizes,
                 {"BENCH_SQLITE_PATH": str(scratch / "baseline-http.db")})


async def _nats_rates(url: str, count: int) -> tuple[float, float]:
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        await js.add_stream(StreamConfig(name="BASELINE", subjects=["baseline.>"]))
        started = time.perf_counter()
        for _ in range(count):
            await js.publish_async("baseline.event", PAYLOAD)
        await js.publish_async_completed()
        publish_rate = count / (time.perf_counter() - started)

        sub = await js.pull_subscribe("baseline.>", durable="baseline")
        started, seen = time.perf_counter(), 0
        while seen < count:
            for msg in await sub.fetch(500, timeout=5):
                await msg.ack()
                seen += 1
        consume_rate = count / (time.perf_counter() - started)
        return publish_rate, consume_rate
    finally:
        await nc.close()


def nats_rates(sizes: Sizes, scratch: Path) -> tuple[float, float]:
    """(publish_async msgs/s, pull-consume-and-ack msgs/s) against a fresh nats-server."""
    with NatsServer(scratch / "nats-baseline") as server:
        return asyncio.run(_nats_rates(server.url, sizes.nats_messages))


def eventsourcing_saves(sizes: Sizes, scratch: Path) -> float:
    """Single-event aggregates saved one call at a time; SQLite WAL with synchronous=FULL, the
    sqlite3 default the library keeps (checked below, so a changed default cannot flatter us)."""
    from eventsourcing.application import Application
    from eventsourcing.domain import Aggregate, event

    class Person(Aggregate):
        @event("Registered")
        def __init__(self, name: str) -> None:
            self.name = name

    app: Application = Application(env={
        "PERSISTENCE_MODULE": "eventsourcing.sqlite",
        "SQLITE_DBNAME": str(scratch / "eventsourcing.db"),
    })
    app.save(Person(name="warm-up"))
    recorder = app.recorder
    with recorder.datastore.transaction(commit=False) as cursor:  # type: ignore[attr-defined]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]
    if synchronous != 2:
        raise RuntimeError(f"eventsourcing's SQLite synchronous is {synchronous}, not FULL (2)")
    started = time.perf_counter()
    for index in range(sizes.peer_events):
        app.save(Person(name=f"person-{index}"))
    return sizes.peer_events / (time.perf_counter() - started)
