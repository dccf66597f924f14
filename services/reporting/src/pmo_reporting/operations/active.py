"""Which database holds the live read models. A rebuild writes a pointer row into the configured
database naming the rebuilt one; every start (and `migrate`) reads it, so the swap survives
restarts and holds for every replica sharing the configured database. Only the database name
(or SQLite path) is stored: host and credentials always come from the configured URL."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Column,
    Integer,
    String,
    Table,
    create_engine,
    delete,
    insert,
    inspect,
    make_url,
    select,
)
from sqlalchemy.engine import Engine

from pmo_reporting.tables import metadata
from pmo_shared.eventstore.types import UTCDateTime
from pmo_shared.migrate import upgrade

POINTER = 1  # the table holds at most this one row

reporting_active_database = Table(
    "reporting_active_database", metadata,
    Column("slot", Integer, primary_key=True),
    Column("database", String(1000), nullable=False),
    Column("switched_at", UTCDateTime(), nullable=False),
)


def _engine(url: str) -> Engine:
    return create_engine(url)


def active_url(configured: str, engine: Engine | None = None) -> str:
    """The configured URL, or the rebuilt database its pointer row names. A caller that asks
    often passes its own `engine` on the configured database; otherwise one is made and closed."""
    own = engine is None
    engine = engine or _engine(configured)
    try:
        if not inspect(engine).has_table(reporting_active_database.name):
            return configured  # not migrated yet: nothing was ever rebuilt here
        with engine.connect() as conn:
            name = conn.execute(select(reporting_active_database.c.database)).scalar()
    finally:
        if own:
            engine.dispose()
    if name is None:
        return configured
    return make_url(configured).set(database=name).render_as_string(hide_password=False)


def point_to(configured: str, rebuilt: str, at: datetime) -> None:
    """Makes `rebuilt` the database every later start of the service opens."""
    engine = _engine(configured)
    try:
        with engine.begin() as conn:
            conn.execute(delete(reporting_active_database))
            conn.execute(insert(reporting_active_database).values(
                slot=POINTER, database=make_url(rebuilt).database, switched_at=at))
    finally:
        engine.dispose()


def migrate(configured: str) -> None:
    """Upgrades the configured database and, after a rebuild, the one it points to."""
    upgrade("pmo_reporting", configured)
    active = active_url(configured)
    if active != configured:
        upgrade("pmo_reporting", active)
