"""The `pmo run` supervisor, driven with stand-in service processes and a real nats-server."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from uuid import uuid4

import nats
import psycopg
import pytest
from psycopg import sql

from pmo_shared.devplan import (
    ServiceSpec,
    ensure_postgres_databases,
    plan_services,
    postgres_urls,
    sqlite_urls,
)
from pmo_shared.devrun import Runner, RunnerError, run_until_stopped
from pmo_shared.devserver import NatsServer, free_ports

# A process that answers /readyz like a service would, on the port the runner gives it.
STAND_IN = """
import http.server, os, sys
port = int(os.environ[f"PMO_{sys.argv[1].upper()}_PORT"])
status = int(sys.argv[2])
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(status if self.path == "/readyz" else 404)
        self.end_headers()
print("stand-in", sys.argv[1], "listening", flush=True)
http.server.HTTPServer(("127.0.0.1", port), Handler).serve_forever()
"""


def stand_in(
    *, ready_status: int = 200, failing_migration: str = ""
) -> Callable[[str, str], list[str]]:
    def command(service: str, action: str) -> list[str]:
        if action == "migrate":
            code = 4 if service == failing_migration else 0
            return [sys.executable, "-c", f"print('migrating {service}'); raise SystemExit({code})"]
        return [sys.executable, "-c", STAND_IN, service, str(ready_status)]

    return command


def make_runner(tmp_path: Path, lines: list[str], **command_options: int | str) -> Runner:
    planned = plan_services(base_port=0, database_urls=sqlite_urls(tmp_path))
    specs = [
        ServiceSpec(spec.name, port, spec.database_url)
        for spec, port in zip(planned, free_ports(len(planned)), strict=True)
    ]
    return Runner(
        specs=specs, data_dir=tmp_path, nats=NatsServer(tmp_path / "nats"), stream_name="PMO",
        duplicate_window_seconds=120.0, echo=lines.append, command=stand_in(**command_options),
        base_env=os.environ, ready_timeout=5.0,
    )


async def stream_names(url: str) -> list[str]:
    nc = await nats.connect(url)
    try:
        return [info.config.name or "" for info in await nc.jetstream().streams_info()]
    finally:
        await nc.close()


def test_the_runner_starts_nats_with_the_stream_and_every_service_then_stops_them(
    tmp_path: Path,
) -> None:
    runner = make_runner(tmp_path, [])

    assert runner.start() is True
    assert asyncio.run(stream_names(runner.nats.url)) == ["PMO"]
    assert [p.poll() for p in runner.processes.values()] == [None] * 4
    runner.stop()

    assert all(p.poll() is not None for p in runner.processes.values())
    assert runner.nats.running is False


def test_a_failing_migration_stops_startup_with_its_output(tmp_path: Path) -> None:
    runner = make_runner(tmp_path, [], failing_migration="governance")
    try:
        with pytest.raises(RunnerError, match="governance: migrate exited with code 4"):
            runner.start()
    finally:
        runner.stop()

    assert list(runner.processes) == ["projects"]


def test_a_service_never_ready_is_named_when_the_wait_times_out(tmp_path: Path) -> None:
    runner = make_runner(tmp_path, [], ready_status=503)
    runner.ready_timeout = 0.5
    try:
        with pytest.raises(RunnerError, match="not ready after .*projects, governance"):
            runner.start()
    finally:
        runner.stop()


def test_a_service_that_dies_ends_supervision_with_its_last_output(tmp_path: Path) -> None:
    lines: list[str] = []
    runner = make_runner(tmp_path, lines)
    try:
        runner.start()
        runner.processes["resources"].kill()
        assert runner.supervise() == 1
    finally:
        runner.stop()

    assert "resources exited with code -9" in lines[0]
    assert "stand-in resources listening" in lines[0]


def test_sigterm_stops_everything_cleanly_with_exit_code_zero(tmp_path: Path) -> None:
    runner = make_runner(tmp_path, [])

    exit_code = run_until_stopped(runner, on_ready=lambda: os.kill(os.getpid(), signal.SIGTERM))

    assert exit_code == 0
    assert all(p.poll() is not None for p in runner.processes.values())
    assert runner.nats.running is False



@pytest.mark.postgres
@pytest.mark.skipif(not os.environ.get("PMO_TEST_DATABASE_URL"), reason="needs PostgreSQL")
def test_postgres_databases_are_created_when_missing_and_kept_when_present() -> None:
    server_url = os.environ["PMO_TEST_DATABASE_URL"]
    name = f"pmo_test_{uuid4().hex[:12]}"
    url = postgres_urls(server_url)["projects"].replace("/pmo_projects", f"/{name}")
    libpq_url = url.replace("postgresql+psycopg://", "postgresql://")
    try:
        ensure_postgres_databases([url])
        with psycopg.connect(libpq_url, autocommit=True) as conn:
            conn.execute("CREATE TABLE kept (id int)")

        ensure_postgres_databases([url])

        with psycopg.connect(libpq_url) as conn:
            assert conn.execute("SELECT to_regclass('kept') IS NOT NULL").fetchone() == (True,)
    finally:
        admin_url = libpq_url.replace(f"/{name}", "/postgres")
        with psycopg.connect(admin_url, autocommit=True) as conn:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            conn.execute(drop.format(sql.Identifier(name)))
