"""All four services in-process on one real NATS server, each on its own database."""
from __future__ import annotations

import importlib
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from pmo_shared.devserver import NatsServer
from tests.support.apps import auth, dev_settings, running
from tests.support.databases import fresh_database_url

SERVICES = ("projects", "governance", "resources", "reporting")


def service_factories(name: str) -> tuple[Any, Any]:
    """Imported when used, so one service's import error fails only tests that start it."""
    app = importlib.import_module(f"pmo_{name}.app")
    settings = importlib.import_module(f"pmo_{name}.settings")
    return getattr(settings, f"{name.capitalize()}Settings"), app.create_app


@dataclass
class System:
    projects: httpx.AsyncClient
    governance: httpx.AsyncClient
    resources: httpx.AsyncClient
    reporting: httpx.AsyncClient
    keys_dir: Path

    def auth(self, **claims: object) -> dict[str, str]:
        return auth(self.keys_dir, **claims)  # type: ignore[arg-type]


@pytest.fixture
async def system(database_kind, nats_server: NatsServer, tmp_path: Path) -> AsyncIterator[System]:
    keys = tmp_path / "keys"
    async with AsyncExitStack() as stack:
        clients = {}
        for name in SERVICES:
            settings_cls, create_app = service_factories(name)
            url = stack.enter_context(fresh_database_url(database_kind, tmp_path))
            settings = dev_settings(settings_cls, database_url=url, nats_url=nats_server.url,
                                    keys_dir=keys)
            clients[name] = await stack.enter_async_context(
                running(f"pmo_{name}", create_app, settings))
        yield System(**clients, keys_dir=keys)
