"""Consumer-side tables: processed events (exactly-once), dead letters, checkpoints."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import BigInteger, Column, Integer, MetaData, String, Table, Text, UniqueConstraint

from pmo_shared.eventstore.tables import Position
from pmo_shared.eventstore.types import UTCDateTime


@dataclass(frozen=True)
class ConsumerTables:
    processed: Table
    dead_letters: Table
    checkpoints: Table


def consumer_tables(metadata: MetaData) -> ConsumerTables:
    processed = Table(
        "processed_events", metadata,
        Column("event_id", String(36), primary_key=True),
        Column("aggregate_id", String(64), nullable=False),
        Column("aggregate_version", Integer, nullable=False),
        Column("stream_sequence", BigInteger),
        Column("processed_at", UTCDateTime(), nullable=False),
        # A republished event gets a new stream sequence but keeps aggregate id and version.
        UniqueConstraint("aggregate_id", "aggregate_version"),
    )
    dead_letters = Table(
        "dead_letters", metadata,
        Column("id", Position, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(160), nullable=False),
        Column("stream_sequence", BigInteger),
        Column("envelope", Text, nullable=False),
        Column("error", Text, nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("parked_at", UTCDateTime(), nullable=False),
    )
    checkpoints = Table(
        "consumer_checkpoints", metadata,
        Column("consumer", String(128), primary_key=True),
        Column("stream_sequence", BigInteger, nullable=False),
        Column("event_id", String(36)),
        Column("event_recorded_at", UTCDateTime()),
        Column("updated_at", UTCDateTime(), nullable=False),
    )
    return ConsumerTables(processed, dead_letters, checkpoints)
