"""`pmo run` starts NATS with one user per service: the whole system works with those users, and
one service's credentials cannot publish another service's events."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import nats
import pytest
import pytest_asyncio
from nats.errors import TimeoutError as NatsTimeout
from nats.js.errors import APIError, NoStreamResponseError

from pmo_shared import devplan
from pmo_shared.devrun import create_stream
from pmo_shared.devserver import NatsServer
from tests.security.conftest import start_system
from tests.support.system import System
from tests.support.waiting import wait_until

pytestmark = pytest.mark.asyncio(loop_scope="module")
DENIED = (NatsTimeout, NoStreamResponseError, APIError, asyncio.TimeoutError, PermissionError)


@pytest.fixture(scope="module")
def run_nats(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[NatsServer, dict]]:
    """NATS configured exactly as `pmo run` configures it, from its data directory."""
    data_dir = tmp_path_factory.mktemp("var")
    passwords = devplan.nats_passwords(data_dir)
    config = devplan.nats_config(data_dir, passwords, stream="PMO")
    server = NatsServer(data_dir / "nats", config_file=config)
    server.start()
    yield server, passwords
    server.stop()


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def run_system(run_nats, tmp_path_factory) -> AsyncIterator[System]:
    server, passwords = run_nats
    await create_stream(server.url, name="PMO", duplicate_window_seconds=120, user="admin",
                        password=passwords["admin"])
    async with AsyncExitStack() as stack:
        yield await start_system(stack, "sqlite", server.url, tmp_path_factory.mktemp("sys"),
                                 nats_passwords=passwords)


async def test_passwords_are_generated_once_and_kept_private(tmp_path: Path) -> None:
    first = devplan.nats_passwords(tmp_path)
    assert devplan.nats_passwords(tmp_path) == first
    assert set(first) == {"admin", "projects", "governance", "resources", "reporting"}
    assert (tmp_path / "nats-passwords.json").stat().st_mode & 0o077 == 0


async def test_each_service_gets_its_own_nats_user_in_its_environment(tmp_path: Path) -> None:
    spec = devplan.ServiceSpec("governance", 8002, "sqlite:///g.db")
    env = devplan.service_env(spec, nats_url="nats://x", data_dir=tmp_path, base={},
                              nats_passwords={"governance": "secret"})
    assert (env["PMO_GOVERNANCE_NATS_USER"], env["PMO_GOVERNANCE_NATS_PASSWORD"]) == (
        "governance", "secret")


async def test_the_consumers_pmo_run_permits_are_the_ones_the_services_run(
        run_system: System) -> None:
    def consumers(name: str) -> dict:
        return getattr(run_system, name).app.state.write_side.consumers

    # Consumers register when their worker has connected; the subscribing services have one each.
    await wait_until(lambda: all(consumers(n) for n in devplan.WRITE_SERVICE_CONSUMERS))
    running = {name: tuple(sorted(c.name for c in
                                  getattr(run_system, name).app.state.write_side.consumers.values()))
               for name in ("projects", "governance", "resources")}
    expected = {name: tuple(sorted(devplan.WRITE_SERVICE_CONSUMERS.get(name, ())))
                for name in running}
    assert running == expected


async def test_events_flow_end_to_end_with_one_nats_user_per_service(run_system: System) -> None:
    admin = run_system.auth(roles=["pmo_admin"])
    project = await run_system.projects.post("/v1/projects", headers=admin, json={
        "code": "NATS-1", "name": "Permissions", "goals": ["g"],
        "sponsor_id": "0b6f1c1e-8a5e-4a8e-9d7e-2f1c3b4a5d6e",
        "manager_id": "6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d",
        "planned_start_on": "2027-01-04", "planned_finish_on": "2027-03-31",
        "budget": {"amount": "1000.00", "currency": "EUR"}, "project_type": "it"})
    assert project.status_code == 201, project.text
    summary = await run_system.reporting.get(
        f"/v1/projects/{project.json()['id']}", headers=admin,
        params={"wait_for": project.headers["PMO-Event-Ids"], "wait_seconds": 10})
    assert (summary.status_code, summary.json()["code"]) == (200, "NATS-1")


async def test_a_services_run_credentials_cannot_publish_another_services_events(run_nats) -> None:
    server, passwords = run_nats

    async def quiet(_exc: Exception) -> None:
        """The violation is expected; the assertion checks its effect."""

    connection = await nats.connect(server.url, user="resources", password=passwords["resources"],
                                    error_cb=quiet)
    try:
        with pytest.raises(DENIED):
            await connection.jetstream(timeout=1).publish("pmo.projects.project.chartered", b"{}")
        with pytest.raises(DENIED):
            await connection.jetstream(timeout=1).delete_stream("PMO")
    finally:
        await connection.close()
