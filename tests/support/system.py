"""All four services in-process on one real NATS server, each on its own database."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from pmo_governance.app import create_app as governance_app
from pmo_governance.settings import GovernanceSettings
from pmo_projects.app import create_app as projects_app
from pmo_projects.settings import ProjectsSettings
from pmo_reporting.app import create_app as reporting_app
from pmo_reporting.settings import ReportingSettings
from pmo_resources.app import create_app as resources_app
from pmo_resources.settings import ResourcesSettings
from pmo_shared.devserver import NatsServer

from tests.support.apps import auth, dev_settings, running
from tests.support.databases import fresh_database_url

SERVICES = {
    "projects": (ProjectsSettings, projects_app),
    "governance": (GovernanceSettings, governance_app),
    "resources": (ResourcesSettings, resources_app),
    "reporting": (ReportingSettings, reporting_app),
}


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
        for name, (settings_cls, create_app) in SERVICES.items():
            url = stack.enter_context(fresh_database_url(database_kind, tmp_path))
            settings = dev_settings(settings_cls, database_url=url, nats_url=nats_server.url,
                                    keys_dir=keys)
            clients[name] = await stack.enter_async_context(
                running(f"pmo_{name}", create_app, settings))
        yield System(**clients, keys_dir=keys)
