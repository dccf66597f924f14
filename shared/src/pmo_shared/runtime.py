"""What a service runs besides HTTP: its database and single writer, NATS, and the background
task (the outbox relay for write services, the projection consumer for reporting)."""
from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Coroutine
from typing import Any

import structlog
from nats.aio.client import Client
from nats.js import JetStreamContext
from sqlalchemy import text

from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.writer import Writer
from pmo_shared.http.health import Check, CheckResult
from pmo_shared.kernel.clock import Clock, SystemClock
from pmo_shared.messaging.connection import connect_forever
from pmo_shared.messaging.stream import ensure_stream
from pmo_shared.settings import ServiceSettings
from pmo_shared.tracing import tracer_for

log = structlog.get_logger(__name__)
Worker = Callable[[JetStreamContext], Coroutine[Any, Any, None]]


class Runtime:
    """Starts the database first (writes work at once), then NATS and the worker in the background,
    so a service comes up and keeps accepting writes while NATS is away."""

    def __init__(self, settings: ServiceSettings, *, clock: Clock | None = None) -> None:
        self.settings = settings
        self.clock = clock or SystemClock()
        self.database = Database(settings.database_url,
                                 sqlite_synchronous=settings.sqlite_synchronous)
        self.writer = Writer(self.database.writer)
        self.tracer = tracer_for(settings)
        self.nc: Client | None = None
        self.js: JetStreamContext | None = None
        self._workers: list[Worker] = []
        self._tasks: list[asyncio.Task[None]] = []
        self.stream_ready = False

    def add_worker(self, worker: Worker) -> None:
        """A coroutine started with the JetStream context once NATS is reachable."""
        self._workers.append(worker)

    async def start(self) -> None:
        self.writer.start()
        self._tasks.append(asyncio.create_task(self._connect_and_work(), name="nats-workers"))

    async def _connect_and_work(self) -> None:
        s = self.settings
        self.nc = await connect_forever(s.nats_url, name=f"pmo-{s.service_name}",
                                        user=s.nats_user, password=s.nats_password)
        self.js = self.nc.jetstream()
        await self._ensure_stream(self.js)
        for worker in self._workers:
            self._tasks.append(asyncio.create_task(worker(self.js), name=worker.__name__))

    async def _ensure_stream(self, js: JetStreamContext) -> None:
        backoff = 0.1
        while True:
            try:
                await ensure_stream(js, name=self.settings.stream_name,
                                    replicas=self.settings.stream_replicas,
                                    duplicate_window_seconds=self.settings.stream_duplicate_window_seconds)
                self.stream_ready = True
                return
            except Exception as exc:  # a restricted NATS user may not manage streams: keep going
                log.warning("stream.ensure_failed", error=repr(exc), retry_in=backoff)
                if backoff >= 5.0:
                    return
                await asyncio.sleep(backoff)
                backoff *= 2

    async def stop(self) -> None:
        await cancel_all(self._tasks)
        self._tasks.clear()
        if self.nc is not None and not self.nc.is_closed:
            # close, not drain: unacked messages are redelivered and unmarked outbox rows resent,
            # so nothing is lost, and shutdown never waits on a draining pull subscription.
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self.nc.close(), timeout=5)
        self.writer.stop()
        self.database.dispose()

    @property
    def nats_connected(self) -> bool:
        return self.nc is not None and self.nc.is_connected

    def health_checks(self) -> dict[str, Check]:
        async def database() -> CheckResult:
            await self.database.read(lambda conn: conn.execute(text("SELECT 1")).scalar())
            return CheckResult(ok=True)

        async def nats() -> CheckResult:
            return CheckResult(ok=True, details={"connected": self.nats_connected,
                                                 "stream_ready": self.stream_ready})

        return {"database": database, "nats": nats}


async def cancel_all(tasks: list[asyncio.Task[None]], *, rounds: int = 3,
                     seconds: float = 5.0) -> None:
    """Cancels, and cancels again: on Python 3.11 `asyncio.wait_for` (inside nats-py's fetch, for
    one) can swallow a cancellation that lands as its inner call completes, and a loop that
    retries on errors would then run on and hang shutdown."""
    for _ in range(rounds):
        pending = [task for task in tasks if not task.done()]
        if not pending:
            break
        for task in pending:
            task.cancel()
        await asyncio.wait(pending, timeout=seconds)
    stuck = [task.get_name() for task in tasks if not task.done()]
    if stuck:
        log.error("runtime.tasks_did_not_stop", tasks=stuck)
    for task in tasks:
        if task.done() and not task.cancelled():
            with contextlib.suppress(BaseException):
                task.exception()
