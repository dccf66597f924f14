"""Kernel tables every write service has: events, outbox, snapshots, idempotency keys, leases."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    BigInteger,
    Column,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from pmo_shared.eventstore.types import UTCDateTime

# Stable constraint names so alembic migrations are identical on SQLite and PostgreSQL.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only auto-increments INTEGER PRIMARY KEY; PostgreSQL gets BIGINT identity.
Position = BigInteger().with_variant(Integer(), "sqlite")


def new_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


@dataclass(frozen=True)
class KernelTables:
    events: Table
    outbox: Table
    snapshots: Table
    idempotency_keys: Table
    leases: Table


def kernel_tables(metadata: MetaData) -> KernelTables:
    events = Table(
        "events", metadata,
        # The primary key IS the optimistic concurrency check: one row per (aggregate, version).
        Column("aggregate_id", String(64), primary_key=True),
        Column("version", Integer, primary_key=True, autoincrement=False),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("aggregate_type", String(64), nullable=False),
        Column("event_type", String(128), nullable=False),
        Column("event_version", Integer, nullable=False),
        Column("recorded_at", UTCDateTime(), nullable=False),
        Column("actor", String(256), nullable=False),
        Column("correlation_id", String(128)),
        Column("causation_id", String(128)),
        Column("traceparent", String(64)),
        Column("data", Text, nullable=False),
    )
    outbox = Table(
        "outbox", metadata,
        # Commit order is the publish order; rows are kept after publishing as the republish log.
        Column("id", Position, primary_key=True, autoincrement=True),
        Column("aggregate_id", String(64), nullable=False),
        Column("version", Integer, nullable=False),
        Column("published_at", UTCDateTime()),
        UniqueConstraint("aggregate_id", "version"),
    )
    Index(
        "ix_outbox_pending", outbox.c.id,
        sqlite_where=outbox.c.published_at.is_(None),
        postgresql_where=outbox.c.published_at.is_(None),
    )
    snapshots = Table(
        "snapshots", metadata,
        Column("aggregate_id", String(64), primary_key=True),
        Column("aggregate_type", String(64), nullable=False),
        Column("version", Integer, nullable=False),
        Column("state", Text, nullable=False),
    )
    idempotency_keys = Table(
        "idempotency_keys", metadata,
        Column("principal", String(256), primary_key=True),
        Column("key", String(256), primary_key=True),
        Column("request_hash", String(64), nullable=False),
        Column("status_code", Integer, nullable=False),
        Column("headers", Text, nullable=False),
        Column("body", Text, nullable=False),
        Column("created_at", UTCDateTime(), nullable=False),
    )
    leases = Table(
        "leases", metadata,
        Column("name", String(128), primary_key=True),
        Column("holder", String(128), nullable=False),
        Column("expires_at", UTCDateTime(), nullable=False),
    )
    return KernelTables(events, outbox, snapshots, idempotency_keys, leases)
