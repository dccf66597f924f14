"""What `pmo run` starts: one spec per service, its database URL and its environment."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SERVICES = ("projects", "governance", "resources", "reporting")
# The durable consumers each write service runs (`<service>-<subscription>`): its NATS user may
# drive only these. tests/security/test_nats_run.py checks this against the running apps.
WRITE_SERVICE_CONSUMERS: dict[str, tuple[str, ...]] = {
    "projects": ("projects-gates",), "governance": ("governance-projects",)}


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    port: int
    database_url: str

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def plan_services(*, base_port: int, database_urls: Mapping[str, str]) -> list[ServiceSpec]:
    return [
        ServiceSpec(name, base_port + offset, database_urls[name])
        for offset, name in enumerate(SERVICES)
    ]


def sqlite_urls(data_dir: Path) -> dict[str, str]:
    root = data_dir.resolve()
    return {name: f"sqlite:///{root / name}.db" for name in SERVICES}


def postgres_urls(server_url: str) -> dict[str, str]:
    parts = urlsplit(server_url)
    return {name: urlunsplit(parts._replace(path=f"/pmo_{name}")) for name in SERVICES}


def ensure_postgres_databases(urls: Iterable[str]) -> None:
    """Create each URL's database unless it exists; data from earlier runs is kept."""
    import psycopg
    from psycopg import sql

    for url in urls:
        parts = urlsplit(url)
        # psycopg wants a libpq URL; connect to the maintenance database to create the others.
        admin = urlunsplit(parts._replace(scheme="postgresql", path="/postgres"))
        name = parts.path.lstrip("/")
        with psycopg.connect(admin, autocommit=True) as conn:
            found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
            if found.fetchone() is None:
                conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def service_env(
    spec: ServiceSpec, *, nats_url: str, data_dir: Path, base: Mapping[str, str],
    nats_passwords: Mapping[str, str] | None = None,
) -> dict[str, str]:
    prefix = f"PMO_{spec.name.upper()}_"
    credentials = {f"{prefix}NATS_USER": spec.name,
                   f"{prefix}NATS_PASSWORD": nats_passwords[spec.name]} if nats_passwords else {}
    return {
        **base,
        f"{prefix}DATABASE_URL": spec.database_url,
        f"{prefix}PORT": str(spec.port),
        "PMO_NATS_URL": nats_url,
        "PMO_DEV_MODE": "true",
        "PMO_DEV_KEYS_DIR": str(data_dir.resolve() / "dev-keys"),
        **credentials,
    }


def nats_passwords(data_dir: Path) -> dict[str, str]:
    """One password per NATS user, generated on the first run and kept (0600) for the next."""
    from pmo_shared.messaging.permissions import generate_passwords

    path = data_dir / "nats-passwords.json"
    if path.exists():
        loaded: dict[str, str] = json.loads(path.read_text())
        return loaded
    path.parent.mkdir(parents=True, exist_ok=True)
    passwords = generate_passwords()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(passwords, handle)
    return passwords


def nats_config(data_dir: Path, passwords: Mapping[str, str], *, stream: str) -> Path:
    """The nats-server configuration with one user per service (see messaging.permissions)."""
    from pmo_shared.messaging.permissions import server_config

    path = data_dir / "nats.conf"
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        handle.write(server_config(passwords, stream=stream,
                                   subscriptions=WRITE_SERVICE_CONSUMERS))
    return path


def module_command(service: str, action: str) -> list[str]:
    return [sys.executable, "-m", f"pmo_{service}", action]


def summary_lines(specs: Iterable[ServiceSpec], *, nats_url: str) -> list[str]:
    rows = [(spec.name, spec.url) for spec in specs] + [("nats", nats_url)]
    width = max(len(name) for name, _ in rows) + 2
    return [f"{name:<{width}}{url}" for name, url in rows]
