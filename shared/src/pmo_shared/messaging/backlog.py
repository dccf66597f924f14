"""The outbox backlog: how many events await publishing and since when (health, metrics)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, func, select

from pmo_shared.eventstore.tables import KernelTables


@dataclass(frozen=True)
class Backlog:
    size: int
    oldest_at: datetime | None


def read_backlog(conn: Connection, tables: KernelTables) -> Backlog:
    """Pending outbox rows and the record time of the oldest (also read by the metrics scrape)."""
    outbox, events = tables.outbox, tables.events
    size = conn.execute(select(func.count()).select_from(outbox)
                        .where(outbox.c.published_at.is_(None))).scalar_one()
    oldest = conn.execute(
        select(events.c.recorded_at)
        .join(outbox, (events.c.aggregate_id == outbox.c.aggregate_id)
              & (events.c.version == outbox.c.version))
        .where(outbox.c.published_at.is_(None)).order_by(outbox.c.id).limit(1)
    ).scalar()
    return Backlog(size=size, oldest_at=oldest)
