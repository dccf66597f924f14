"""What `pmo run` starts: one spec per service, its database URL and its environment."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

SERVICES = ("projects", "governance", "resources", "reporting")


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
    spec: ServiceSpec, *, nats_url: str, data_dir: Path, base: Mapping[str, str]
) -> dict[str, str]:
    prefix = f"PMO_{spec.name.upper()}_"
    return {
        **base,
        f"{prefix}DATABASE_URL": spec.database_url,
        f"{prefix}PORT": str(spec.port),
        "PMO_NATS_URL": nats_url,
        "PMO_DEV_MODE": "true",
        "PMO_DEV_KEYS_DIR": str(data_dir.resolve() / "dev-keys"),
    }


def module_command(service: str, action: str) -> list[str]:
    return [sys.executable, "-m", f"pmo_{service}", action]


def summary_lines(specs: Iterable[ServiceSpec], *, nats_url: str) -> list[str]:
    rows = [(spec.name, spec.url) for spec in specs] + [("nats", nats_url)]
    width = max(len(name) for name, _ in rows) + 2
    return [f"{name:<{width}}{url}" for name, url in rows]
