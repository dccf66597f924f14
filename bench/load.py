"""Load on the running services: command throughput with wrk, and command -> visible-in-reporting
lag at a steady rate, measured from each POST's response to the moment reporting's
`processed_events` row for that event id is readable (polled every `POLL_SECONDS`)."""
from __future__ import annotations

import asyncio
import sqlite3
import time
from contextlib import closing
from dataclasses import dataclass

from bench import wrk
from bench.baseline_app import BODY
from bench.http_driver import Driver
from bench.report import percentile
from bench.services import System

POLL_SECONDS = 0.002
MAX_IN_FLIGHT = 64


def command_throughput(system: System, *, connections: int, seconds: int) -> wrk.WrkResult:
    result = wrk.post(f"{system.url('resources')}/v1/people", body=BODY, token=system.token,
                      connections=connections, seconds=seconds)
    if result.non_2xx or result.socket_errors:
        raise RuntimeError(f"POST /v1/people failed under load: {result}")
    return result


@dataclass(frozen=True)
class LagResult:
    commands: int
    failed: int
    achieved_rate: float
    lag_p50_ms: float
    lag_p99_ms: float
    post_p50_ms: float
    post_p99_ms: float


class _Visibility:
    """Polls reporting's database for the event ids still awaited and records when each appears."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.awaited: dict[str, float] = {}
        self.lags_ms: list[float] = []

    def poll(self) -> None:
        ids = list(self.awaited)[:500]
        if not ids:
            return
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            f"SELECT event_id FROM processed_events WHERE event_id IN ({marks})", ids).fetchall()
        seen = time.perf_counter()
        for (event_id,) in rows:
            self.lags_ms.append((seen - self.awaited.pop(event_id)) * 1000)


async def _steady(system: System, visibility: _Visibility, *, rate: int,
                  seconds: int) -> tuple[int, float, list[float], list[str]]:
    posts_ms: list[float] = []
    failures: list[str] = []
    headers = [("Authorization", f"Bearer {system.token}"), ("Content-Type", "application/json")]
    # Bounded in flight: past this the service is overloaded anyway.
    async with Driver(system.url("resources"), connections=MAX_IN_FLIGHT,
                      headers=headers) as driver:

        async def send() -> None:
            began = time.perf_counter()
            try:
                response = await driver.post("/v1/people", BODY.encode())
            except OSError as exc:  # counted and reported, never silently dropped
                failures.append(repr(exc))
                return
            if response.status >= 300:
                failures.append(f"{response.status}: {response.body[:200]!r}")
                return
            answered = time.perf_counter()
            posts_ms.append((answered - began) * 1000)
            for event_id in response.headers["pmo-event-ids"].split(","):
                visibility.awaited[event_id] = answered

        total = rate * seconds
        loop = asyncio.get_running_loop()
        start = loop.time()
        tasks = []
        for index in range(total):
            # A fixed schedule, not "send after the last answer": slow answers must not slow the rate.
            delay = start + index / rate - loop.time()
            if delay > 0:
                await asyncio.sleep(delay)
            tasks.append(asyncio.create_task(send()))
        await asyncio.gather(*tasks)
        achieved = total / (loop.time() - start)
    return total, achieved, posts_ms, failures


async def _measure(system: System, *, rate: int, seconds: int) -> LagResult:
    path = system.database("reporting")
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as conn:
        visibility = _Visibility(conn)
        done = asyncio.Event()

        async def poller() -> None:
            while not done.is_set() or visibility.awaited:
                visibility.poll()
                await asyncio.sleep(POLL_SECONDS)

        polling = asyncio.create_task(poller())
        total, achieved, posts_ms, failures = await _steady(system, visibility, rate=rate, seconds=seconds)
        done.set()
        await asyncio.wait_for(polling, timeout=60)
    lags = visibility.lags_ms
    if not lags:
        raise RuntimeError(f"no command succeeded: {failures[:3]}")
    return LagResult(total, len(failures), achieved, percentile(lags, 50), percentile(lags, 99),
                     percentile(posts_ms, 50), percentile(posts_ms, 99))


def visibility_lag(system: System, *, rate: int, seconds: int) -> LagResult:
    return asyncio.run(_measure(system, rate=rate, seconds=seconds))
