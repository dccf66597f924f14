"""The four services as real subprocesses (`python -m pmo_<svc> serve`, SQLite, dev tokens) on one
nats-server, and what the benchmarks need from them: a token, URLs and database files."""
from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

from bench.procs import rss_mb
from pmo_shared.devplan import SERVICES, ServiceSpec, sqlite_urls
from pmo_shared.devrun import Runner, RunnerError
from pmo_shared.devserver import NatsServer, free_ports
from pmo_shared.http.devkeys import DevKeys, issue_token


@dataclass
class System:
    runner: Runner
    data_dir: Path
    token: str
    not_started: dict[str, str]

    def url(self, service: str) -> str:
        return next(s.url for s in self.runner.specs if s.name == service)

    def database(self, service: str) -> Path:
        return self.data_dir / f"{service}.db"

    def pid(self, service: str) -> int:
        return self.runner.processes[service].pid

    def rss_mb(self) -> dict[str, float]:
        return {name: rss_mb(self.pid(name)) for name in self.runner.processes}

    def count(self, service: str, table: str) -> int:
        return count_rows(self.database(service), table)

    def wait_caught_up(self, *, timeout: float = 300.0) -> float:
        """Until reporting has processed every event resources wrote; returns the seconds waited."""
        started = time.monotonic()
        while self.count("reporting", "processed_events") < self.count("resources", "events"):
            if time.monotonic() - started > timeout:
                raise RuntimeError(f"reporting did not catch up within {timeout} s")
            time.sleep(0.1)
        return time.monotonic() - started


def count_rows(path: Path, table: str) -> int:
    # Read-only, so the benchmark never takes a write lock on a service's database.
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)) as conn:
        return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


CORE = ("resources", "reporting")


def _runner(data_dir: Path, services: tuple[str, ...]) -> Runner:
    urls = sqlite_urls(data_dir)
    ports = free_ports(len(services))
    specs = [ServiceSpec(name, port, urls[name]) for name, port in zip(services, ports, strict=True)]
    return Runner(specs=specs, data_dir=data_dir, nats=NatsServer(data_dir / "nats"),
                  stream_name="PMO", duplicate_window_seconds=120.0, echo=print,
                  base_env={**os.environ, "PMO_LOG_LEVEL": "WARNING"})


def _start(data_dir: Path) -> tuple[Runner, dict[str, str]]:
    """All four services; if one does not start, the two the load needs, noting why."""
    runner = _runner(data_dir, SERVICES)
    try:
        runner.start()
        return runner, {}
    except RunnerError as exc:
        runner.stop()
        print(f"  not every service started, going on with {', '.join(CORE)}: {exc}"[:600])
        broken = [name for name in SERVICES if name not in CORE]
        runner = _runner(data_dir, CORE)
        runner.start()
        return runner, {name: str(exc).splitlines()[0][:120] for name in broken}


@contextmanager
def running_system(data_dir: Path) -> Iterator[System]:
    """The services as subprocesses on SQLite files under `data_dir`, stopped on exit."""
    data_dir.mkdir(parents=True, exist_ok=True)
    runner, not_started = _start(data_dir)
    try:
        keys = DevKeys.load_or_create(data_dir / "dev-keys")
        token = issue_token(keys.private_pem, subject="bench", roles=["pmo_admin"],
                            issuer="pmo-dev", audience="pmo", ttl_seconds=7200)
        yield System(runner=runner, data_dir=data_dir, token=token, not_started=not_started)
    finally:
        runner.stop()
