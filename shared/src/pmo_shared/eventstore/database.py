"""Engines for one service database: a single writer connection and a pool of readers.

SQLite is single-writer: WAL lets readers run beside the writer, the busy timeout absorbs short
waits, and the writer starts transactions with BEGIN IMMEDIATE so it never deadlocks upgrading a
read lock. The driver's own transaction handling is switched off so SQLAlchemy's BEGIN is ours."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.pool import NullPool, QueuePool

T = TypeVar("T")


def _sqlite_engine(url: str, *, synchronous: str, immediate: bool, pool_size: int) -> Engine:
    engine = create_engine(
        url, poolclass=QueuePool, pool_size=pool_size, max_overflow=4,
        connect_args={"check_same_thread": False, "timeout": 30},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """The service's own database: `writer` for the single writer thread, `reader` for queries."""

    def __init__(self, url: str, *, sqlite_synchronous: str = "FULL") -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            ensure_sqlite_directory(url)
            self.writer = _sqlite_engine(url, synchronous=sqlite_synchronous, immediate=True,
                                         pool_size=1)
            self.reader = _sqlite_engine(url, synchronous=sqlite_synchronous, immediate=False,
                                         pool_size=8)
        else:
            self.writer = create_engine(url, pool_size=2, max_overflow=2, pool_pre_ping=True)
            self.reader = create_engine(url, pool_size=8, max_overflow=8, pool_pre_ping=True)

    async def read(self, query: Callable[[Connection], T]) -> T:
        """Runs a query on a reader connection in a worker thread, off the event loop."""

        def run() -> T:
            with self.reader.connect() as conn:
                return query(conn)

        return await asyncio.to_thread(run)

    def dispose(self) -> None:
        self.writer.dispose()
        self.reader.dispose()


def ensure_sqlite_directory(url: str) -> None:
    """SQLite creates the file but not its folder."""
    path = make_url(url).database
    if url.startswith("sqlite") and path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def migration_engine(url: str) -> Engine:
    """A plain engine for alembic: no pool, default transaction handling."""
    ensure_sqlite_directory(url)
    return create_engine(url, poolclass=NullPool)
