"""The process rig of a fault scenario: nats-server, the proxy, and the services as OS processes.

The write services (resources, projects) reach NATS through the `FaultProxy`, so a scenario can
cut or reset their connections; reporting connects directly. Every process is real and killable."""
from __future__ import annotations

import asyncio
import uuid
from collections.abc import AsyncIterator
from contextlib import ExitStack, asynccontextmanager
from datetime import UTC, datetime
from pathlib import Path

import nats
from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy
from sqlalchemy import create_engine, func, select, update

from pmo_projects.tables import kernel as projects_kernel
from pmo_reporting.tables import kernel as reporting_kernel
from pmo_resources.tables import kernel as resources_kernel
from pmo_shared.devserver import NatsServer
from tests.support.apps import auth
from tests.support.databases import DatabaseKind, fresh_database_url
from tests.support.faults.proxy import FaultProxy
from tests.support.processes import ServiceProcess
from tests.support.waiting import wait_until

STREAM = "PMO"
WRITE_KERNELS = {"resources": resources_kernel, "projects": projects_kernel}
KERNELS = {**WRITE_KERNELS, "reporting": reporting_kernel}
LONG_AGO = datetime(2000, 1, 1, tzinfo=UTC)
# Short publish timeouts: an outage is noticed (and recovered from) in about a second.
BASE_ENV = {"PMO_RELAY_PUBLISH_TIMEOUT_SECONDS": "1", "PMO_LOG_JSON": "false"}


def scalar(url: str, query) -> int:  # type: ignore[no-untyped-def]
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(query).scalar_one() or 0)
    finally:
        engine.dispose()


class FaultRig:
    def __init__(self, root: Path, kind: DatabaseKind, *, env: dict[str, str] | None = None,
                 write_services: tuple[str, ...] = ("resources", "projects")) -> None:
        self.root = root
        root.mkdir(parents=True, exist_ok=True)
        self.kind = kind
        self.env = {**BASE_ENV, **(env or {})}
        self.keys_dir = root / "keys"
        self._stack = ExitStack()
        self.nats = NatsServer(root / "nats")
        self.proxy = FaultProxy(self.nats.port)
        self.writers = {name: self._service(name, self.proxy.url) for name in write_services}
        self.reporting = self._service("reporting", self.nats.url,
                                       PMO_REPORTING_CONSUMER_NAME="reporting")

    def _service(self, name: str, nats_url: str, **env: str) -> ServiceProcess:
        url = self._stack.enter_context(fresh_database_url(self.kind, self.root))
        return ServiceProcess(name, database_url=url, nats_url=nats_url, keys_dir=self.keys_dir,
                              log_file=self.root / f"{name}-{uuid.uuid4().hex[:6]}.log",
                              extra_env={**self.env, **env})

    @property
    def admin(self) -> dict[str, str]:
        return auth(self.keys_dir, roles=["pmo_admin"], subject="fault-driver")

    @property
    def base_urls(self) -> dict[str, str]:
        kinds = {"resources": "person", "projects": "project"}
        return {kinds[name]: process.base_url for name, process in self.writers.items()}

    async def start(self, *, reporting: bool = True) -> FaultRig:
        self.nats.start()
        self.proxy.start()
        await start_all([*self.writers.values(), *([self.reporting] if reporting else [])])
        return self

    def close(self) -> None:
        for process in (*self.writers.values(), self.reporting):
            process.kill()
        self.proxy.stop()
        self.nats.stop()
        self._stack.close()

    def crash(self, process: ServiceProcess, *, expire_leases: bool) -> None:
        """SIGKILL. With `expire_leases` the dead holder's leases (relay, projector) lapse at once
        instead of after their 10 s TTL: the process is reaped, so no holder is alive to clash."""
        process.kill()
        if expire_leases:
            leases = KERNELS[process.service].leases
            engine = create_engine(process.database_url)
            try:
                with engine.begin() as conn:
                    conn.execute(update(leases).values(expires_at=LONG_AGO))
            finally:
                engine.dispose()

    def clean_reporting(self) -> ServiceProcess:
        """A second reporting process on a fresh database, consuming the whole stream anew."""
        return self._service("reporting", self.nats.url,
                             PMO_REPORTING_CONSUMER_NAME=f"clean-{uuid.uuid4().hex[:8]}")

    def events_written(self) -> int:
        """Events in the write services' own stores: the source of truth."""
        return sum(scalar(process.database_url,
                          select(func.count()).select_from(WRITE_KERNELS[name].events))
                   for name, process in self.writers.items())

    def outbox_backlog(self) -> int:
        total = 0
        for name, process in self.writers.items():
            outbox = WRITE_KERNELS[name].outbox
            total += scalar(process.database_url, select(func.count()).select_from(outbox)
                            .where(outbox.c.published_at.is_(None)))
        return total

    async def stream_messages(self) -> int:
        """Messages the stream holds (duplicates included), asked of NATS directly."""
        async with self._jetstream() as js:
            info = await js.stream_info(STREAM)
            return int(info.state.messages)

    @asynccontextmanager
    async def watch_publishes(self) -> AsyncIterator[asyncio.Event]:
        """An event set as soon as any message is published on the domain subjects."""
        client = await nats.connect(self.nats.url, connect_timeout=2, allow_reconnect=False)
        seen = asyncio.Event()

        async def on_message(_message: object) -> None:
            seen.set()

        try:
            await client.subscribe("pmo.>", cb=on_message)
            await client.flush()
            yield seen
        finally:
            await client.close()

    async def limit_stream(self, max_msgs: int | None) -> None:
        """With a limit and discard-new, JetStream refuses every publish beyond `max_msgs`
        (the relay gets an error instead of a PubAck); None lifts the limit again."""
        async with self._jetstream() as js:
            config = (await js.stream_info(STREAM)).config
            config.max_msgs = -1 if max_msgs is None else max_msgs
            config.discard = DiscardPolicy.OLD if max_msgs is None else DiscardPolicy.NEW
            await js.update_stream(config)

    async def set_ack_wait(self, consumer: str, seconds: float) -> None:
        """Changes a durable consumer's ack wait: how soon messages fetched by a consumer that
        then died are delivered again (the service leaves an existing durable's config alone)."""
        async with self._jetstream() as js:
            config = (await js.consumer_info(STREAM, consumer)).config
            config.ack_wait = seconds
            await js.add_consumer(STREAM, config)

    @asynccontextmanager
    async def _jetstream(self) -> AsyncIterator[JetStreamContext]:
        client = await nats.connect(self.nats.url, connect_timeout=2, allow_reconnect=False)
        try:
            yield client.jetstream()
        finally:
            await client.close()


async def start(process: ServiceProcess) -> None:
    # Starting polls /readyz synchronously; a thread keeps the test's loop (the load) running.
    await asyncio.to_thread(process.start)


async def start_all(processes: list[ServiceProcess]) -> None:
    """Starts processes side by side (their imports overlap), but lets each one's migration finish
    before the next begins: alembic's global context is not thread-safe. A start spawns the
    process right after migrating, which is what the wait watches for."""
    starting = []
    for process in processes:
        previous = process._process
        starting.append(asyncio.create_task(start(process)))
        await wait_until(lambda: process._process is not previous or starting[-1].done(),  # noqa: B023
                         timeout=60, interval=0.01)
    await asyncio.gather(*starting)
