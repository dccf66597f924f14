"""The `database_url` fixture: a fresh SQLite file, and a fresh PostgreSQL database when
PMO_TEST_DATABASE_URL names a server; `fresh_database_url` gives other fixtures the same."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit, urlunsplit

import psycopg
import pytest
from psycopg import sql

DatabaseKind = Literal["sqlite", "postgres"]
POSTGRES_SERVER_ENV = "PMO_TEST_DATABASE_URL"


def database_kinds() -> list[DatabaseKind]:
    # Without a server the postgres variant is absent rather than skipped: no noise in reports.
    return ["sqlite", "postgres"] if os.environ.get(POSTGRES_SERVER_ENV) else ["sqlite"]


def _with_database(url: str, name: str, *, scheme: str | None = None) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(scheme=scheme or parts.scheme, path=f"/{name}"))


def _admin_conninfo(server_url: str) -> str:
    # psycopg wants a libpq URL; SQLAlchemy's `postgresql+psycopg` scheme means nothing to it.
    maintenance = urlsplit(server_url).path.lstrip("/") or "postgres"
    return _with_database(server_url, maintenance, scheme="postgresql")


@contextmanager
def fresh_postgres_database(server_url: str) -> Iterator[str]:
    """Create `pmo_test_<random>` on the server, yield its SQLAlchemy URL, drop it afterwards."""
    name = f"pmo_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(_admin_conninfo(server_url), autocommit=True) as admin:
        admin.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    try:
        yield _with_database(server_url, name)
    finally:
        with psycopg.connect(_admin_conninfo(server_url), autocommit=True) as admin:
            drop = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)")
            admin.execute(drop.format(sql.Identifier(name)))


@contextmanager
def fresh_database_url(kind: DatabaseKind, tmp_path: Path) -> Iterator[str]:
    """A URL of an empty database of `kind`; each call gives a new one."""
    if kind == "sqlite":
        yield f"sqlite:///{tmp_path / f'pmo-{uuid.uuid4().hex[:12]}.db'}"
        return
    server_url = os.environ.get(POSTGRES_SERVER_ENV)
    if not server_url:
        pytest.skip(f"{POSTGRES_SERVER_ENV} is not set")
    with fresh_postgres_database(server_url) as url:
        yield url


def _kind_params() -> list[object]:
    return [
        pytest.param(kind, id=kind, marks=[pytest.mark.postgres] if kind == "postgres" else [])
        for kind in database_kinds()
    ]


@pytest.fixture(params=_kind_params())
def database_kind(request: pytest.FixtureRequest) -> DatabaseKind:
    kind: DatabaseKind = request.param
    return kind


@pytest.fixture
def database_url(database_kind: DatabaseKind, tmp_path: Path) -> Iterator[str]:
    with fresh_database_url(database_kind, tmp_path) as url:
        yield url
