"""Engines for one service database: a single writer connection and a pool of readers.

SQLite is single-writer: WAL lets readers run beside the writer, the busy timeout absorbs short
waits, and the writer starts transactions with BEGIN IMMEDIATE so it never deadlocks upgrading a
read lock. The driver's own transaction handling is switched off so SQLAlchemy's BEGIN is ours."""
from __future__ import annotations

import asyncio
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from sqlalchemy import Connection, Engine, create_engine, event, make_url
from sqlalchemy.pool import NullPool, QueuePool

T = TypeVar("T")


# A bulk load's writer keeps more of the growing indexes in memory (KiB, negative as SQLite wants).
BULK_LOAD_CACHE_KIB = 65536


def _sqlite_engine(url: str, *, synchronous: str, immediate: bool, pool_size: int,
                   journal: str = "WAL", cache_kib: int | None = None) -> Engine:
    engine = create_engine(
        url, poolclass=QueuePool, pool_size=pool_size, max_overflow=4,
        connect_args={"check_same_thread": False, "timeout": 30},
    )

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA journal_mode={journal}")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        if cache_kib is not None:
            cursor.execute(f"PRAGMA cache_size=-{cache_kib}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


class Database:
    """The service's own database: `writer` for the single writer thread, `reader` for queries."""

    def __init__(self, url: str, *, sqlite_synchronous: str = "FULL",
                 bulk_load: bool = False, bulk_cache_kib: int = BULK_LOAD_CACHE_KIB) -> None:
        """`bulk_load`: the writer does not wait for the disk on commit, for filling a database
        nobody reads yet (on SQLite it also writes each page once, its rollback journal kept in
        memory instead of a WAL). A crash may lose the load or (SQLite) corrupt it, and
        `make_durable` must run once the load is done and this Database disposed."""
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            ensure_sqlite_directory(url)
            self.writer = _sqlite_engine(
                url, synchronous="OFF" if bulk_load else sqlite_synchronous, immediate=True,
                pool_size=1, journal="MEMORY" if bulk_load else "WAL",
                cache_kib=bulk_cache_kib if bulk_load else None)
            self.reader = _sqlite_engine(url, synchronous=sqlite_synchronous, immediate=False,
                                         pool_size=8)
        else:
            # Commits stop waiting for the WAL flush; the first normal commit after flushes it all.
            options = {"options": "-c synchronous_commit=off"} if bulk_load else {}
            self.writer = create_engine(url, pool_size=2, max_overflow=2, pool_pre_ping=True,
                                        connect_args=options)
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

    def make_durable(self) -> None:
        """After a bulk load, once disposed: what it wrote is on disk when this returns. SQLite's
        commits wrote their pages into the file without syncing it; PostgreSQL's next normal
        commit flushes the WAL up to it, so it needs nothing here."""
        path = make_url(self.url).database
        if self.is_sqlite and path and path != ":memory:":
            descriptor = os.open(path, os.O_RDONLY)
            try:
                os.fsync(descriptor)
            finally:
                os.close(descriptor)


def ensure_sqlite_directory(url: str) -> None:
    """SQLite creates the file but not its folder."""
    path = make_url(url).database
    if url.startswith("sqlite") and path and path != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)


def migration_engine(url: str) -> Engine:
    """A plain engine for alembic: no pool, default transaction handling."""
    ensure_sqlite_directory(url)
    return create_engine(url, poolclass=NullPool)
