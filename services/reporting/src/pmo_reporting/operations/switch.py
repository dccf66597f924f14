"""Moving a running reporting replica onto another read-model database: the rebuild does it for
its own replica, and every replica follows the active-database pointer (operations/active.py)
within a few seconds, so no replica keeps serving, or projecting into, a retired database."""
from __future__ import annotations

import asyncio
from collections.abc import Callable

import structlog
from nats.js import JetStreamContext
from sqlalchemy import Connection, create_engine, insert, make_url, select

from pmo_reporting.operations.active import active_url
from pmo_reporting.tables import kernel
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.writer import Writer
from pmo_shared.readside import ReadSide
from pmo_shared.runtime import Worker

log = structlog.get_logger(__name__)
FOLLOW_SECONDS = 2.0  # well inside the 10 s projector lease, so a stale projector stops in time


def open_database(side: ReadSide, url: str) -> tuple[Database, Writer]:
    database = Database(url, sqlite_synchronous=side.runtime.settings.sqlite_synchronous)
    writer = Writer(database.writer)
    writer.start()
    return database, writer


async def copy_leases(old: Database, writer: Writer) -> None:
    """The projector lease moves with the read models, so a standby that reaches the new database
    first cannot start a second projector beside the current one."""
    rows = await old.read(lambda conn: [dict(row) for row in conn.execute(
        select(kernel.leases)).mappings()])

    def insert_all(conn: Connection) -> None:
        if rows:
            conn.execute(insert(kernel.leases), rows)

    await writer.submit(insert_all)


async def serve_from(side: ReadSide, database: Database, writer: Writer) -> None:
    """Queries (and the admin writes) use `database` from now on; the old one is closed."""
    old_database, old_writer = side.runtime.database, side.runtime.writer
    side.runtime.database, side.runtime.writer = database, writer
    await asyncio.to_thread(old_writer.stop)
    old_database.dispose()


async def switch(side: ReadSide, url: str) -> None:
    database, writer = open_database(side, url)
    if side.consumer is not None:
        side.consumer.use_database(database, writer)
    await serve_from(side, database, writer)
    log.info("reporting.database_switched", database=make_url(url).database)


def follower(side: ReadSide, configured: str, *, paused: Callable[[], bool],
             every: float = FOLLOW_SECONDS) -> Worker:
    """A runtime worker: every few seconds, moves onto the database the pointer names, unless
    this replica's own rebuild is moving it (`paused`)."""

    async def follow_active_database(_: JetStreamContext) -> None:
        # One engine and connection for the life of the worker: the pointer is read every few seconds.
        engine = create_engine(configured, pool_size=1, max_overflow=0, pool_pre_ping=True)
        try:
            while True:
                await asyncio.sleep(every)
                try:
                    url = await asyncio.to_thread(active_url, configured, engine)
                    if url != side.database.url and not paused():
                        await switch(side, url)
                except Exception as exc:  # the configured database unreachable: keep serving
                    log.warning("reporting.follow_failed", error=repr(exc))
        finally:
            engine.dispose()

    return follow_active_database
