"""One system per test module: all four services in-process on one real NATS, started once."""
from __future__ import annotations

import asyncio
import io
import time
import warnings
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack, asynccontextmanager
from pathlib import Path

import pytest
import pytest_asyncio

from pmo_shared.devserver import NatsServer
from tests.support.apps import dev_settings, running
from tests.support.databases import DatabaseKind, database_kinds, fresh_database_url
from tests.support.system import SERVICES, System, service_factories

STOP_SECONDS = 60
SLOW_STOP_SECONDS = 10


@asynccontextmanager
async def bounded_stop() -> AsyncIterator[AsyncExitStack]:
    """Stops the services within STOP_SECONDS, else fails naming the tasks that would not end
    (a hung shutdown was seen twice under heavy CPU load; this turns it into a diagnosis)."""
    stack = AsyncExitStack()
    try:
        yield stack
    finally:
        started = time.monotonic()
        try:
            await asyncio.wait_for(stack.aclose(), STOP_SECONDS)
            if time.monotonic() - started > SLOW_STOP_SECONDS:
                warnings.warn(f"services took {time.monotonic() - started:.1f} s to stop",
                              stacklevel=1)
        except TimeoutError:
            stuck = io.StringIO()
            for task in asyncio.all_tasks():
                task.print_stack(file=stuck)
            raise AssertionError(f"services did not stop in {STOP_SECONDS} s:\n"
                                 f"{stuck.getvalue()}") from None


@pytest.fixture(scope="module")
def module_nats(tmp_path_factory: pytest.TempPathFactory) -> Iterator[NatsServer]:
    server = NatsServer(tmp_path_factory.mktemp("nats"))
    server.start()
    yield server
    server.stop()


async def start_system(stack: AsyncExitStack, kind: DatabaseKind, nats_url: str, root: Path,
                       nats_passwords: dict[str, str] | None = None) -> System:
    """The four services; with `nats_passwords` each connects as its own NATS user."""
    keys = root / "keys"
    clients = {}
    for name in SERVICES:
        settings_cls, create_app = service_factories(name)
        url = stack.enter_context(fresh_database_url(kind, root))
        credentials = {"nats_user": name, "nats_password": nats_passwords[name]} \
            if nats_passwords else {}
        settings = dev_settings(settings_cls, database_url=url, nats_url=nats_url, keys_dir=keys,
                                **credentials)
        clients[name] = await stack.enter_async_context(
            running(f"pmo_{name}", create_app, settings))
    return System(**clients, keys_dir=keys)


def _kinds() -> list[object]:
    return [pytest.param(kind, id=kind, marks=[pytest.mark.postgres] if kind == "postgres" else [])
            for kind in database_kinds()]


@pytest_asyncio.fixture(scope="module", loop_scope="module", params=_kinds())
async def module_system(request: pytest.FixtureRequest, module_nats: NatsServer,
                        tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    """Started once per module (and database kind); tests share it and its objects."""
    async with bounded_stop() as stack:
        yield await start_system(stack, request.param, module_nats.url,
                                 tmp_path_factory.mktemp("system"))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def sqlite_system(module_nats: NatsServer,
                        tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[System]:
    """For checks that stop before any database work (tokens, body parsing): SQLite only."""
    async with bounded_stop() as stack:
        yield await start_system(stack, "sqlite", module_nats.url,
                                 tmp_path_factory.mktemp("system"))
