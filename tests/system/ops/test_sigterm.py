"""A real `python -m pmo_projects serve` process: SIGTERM flushes the outbox before exiting,
and a restart on the same database comes back ready with nothing left to relay."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from uuid import uuid4

import httpx
import pytest

from pmo_projects.tables import kernel as projects_kernel
from pmo_shared.devserver import free_port
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.store import EventContext, EventStore
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.eventstore.writer import Writer
from pmo_shared.kernel.clock import SystemClock
from tests.integration.ops import samples
from tests.support.sample import Counter, sample_catalogue
from tests.support.waiting import wait_until

CLEAN_EXIT = (0, -signal.SIGTERM)


@pytest.fixture
def service_env(tmp_path: Path, nats_server) -> dict[str, str]:
    return {**os.environ, "PMO_PROJECTS_DATABASE_URL": f"sqlite:///{tmp_path / 'projects.db'}",
            "PMO_PROJECTS_PORT": str(free_port()), "PMO_NATS_URL": nats_server.url,
            "PMO_DEV_MODE": "true", "PMO_DEV_KEYS_DIR": str(tmp_path / "keys"),
            "PMO_STREAM_NAME": "PMO"}


def serve(env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen([sys.executable, "-m", "pmo_projects", "serve"], env=env,
                                stdout=out, stderr=subprocess.STDOUT)


async def ready(env: dict[str, str]) -> dict | None:
    try:
        async with httpx.AsyncClient(trust_env=False, timeout=1) as client:
            response = await client.get(f"http://127.0.0.1:{env['PMO_PROJECTS_PORT']}/readyz")
    except httpx.HTTPError:
        return None
    return response.json() if response.status_code == 200 else None


async def commit_behind_the_relays_back(database_url: str, count: int) -> None:
    """Events committed by another writer: the service's relay only finds them on its next poll."""
    database = Database(database_url)
    writer = Writer(database.writer)
    writer.start()
    try:
        uow = UnitOfWork(store=EventStore(projects_kernel, sample_catalogue, source="/pmo/projects"),
                         database=database, writer=writer, clock=SystemClock(),
                         context=EventContext(actor="tester"))
        for _ in range(count):
            uow.save(Counter.start(uuid4(), "c"))
        await uow.commit()
    finally:
        writer.stop()
        database.dispose()


async def test_sigterm_flushes_the_outbox_and_a_restart_resumes_cleanly(
        service_env, nats_server, tmp_path):
    log = tmp_path / "projects.log"
    subprocess.run([sys.executable, "-m", "pmo_projects", "migrate"], env=service_env, check=True)
    process = serve(service_env, log)
    try:
        await wait_until(lambda: _relaying(service_env), timeout=30,
                         message=f"projects never became ready:\n{log.read_text()}")
        await commit_behind_the_relays_back(service_env["PMO_PROJECTS_DATABASE_URL"], 400)
        process.send_signal(signal.SIGTERM)
        exit_code = process.wait(timeout=20)
    finally:
        process.kill()
    stream = await samples.stream_contents(nats_server.url, "PMO")

    # uvicorn re-raises the signal once its graceful shutdown is complete.
    assert exit_code in CLEAN_EXIT, log.read_text()
    assert "Application shutdown complete." in log.read_text()
    assert len(stream.unique) == 400

    restarted = serve(service_env, log)
    try:
        await wait_until(lambda: _relaying(service_env), timeout=30)
        status = await ready(service_env)
    finally:
        restarted.send_signal(signal.SIGTERM)
        restarted.wait(timeout=20)
    assert status["checks"]["relay"]["backlog"] == 0
    assert restarted.returncode in CLEAN_EXIT


async def _relaying(env: dict[str, str]) -> bool:
    status = await ready(env)
    return bool(status and status["checks"]["relay"].get("running"))
