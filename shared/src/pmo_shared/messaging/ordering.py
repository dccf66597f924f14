"""Per-aggregate order on the read side: an event is applied only after its predecessor.

The relay publishes in commit order, but a publish that fails while later ones succeed (a NATS
reconnect, a cluster failover) can store version v+1 of an aggregate before v. Such an event is
held back (nak'ed with a delay, so JetStream redelivers it) until v has been applied; after
`max_deliveries` it is parked with a clear reason instead, so one lost event cannot stall the
projection for ever (republishing the store and redriving the dead letter heals it)."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, Table, select, tuple_

from pmo_shared.messaging.incoming import Incoming

# Longer than JetStream's ack wait, so a killed batch's events are redelivered before parking.
MAX_HOLD_DELIVERIES = 60


@dataclass
class Ordered:
    ready: list[Incoming] = field(default_factory=list)
    held: list[Incoming] = field(default_factory=list)
    missing_predecessor: list[Incoming] = field(default_factory=list)


def in_version_order(conn: Connection, processed: Table, items: Sequence[Incoming], *,
                     max_deliveries: int = MAX_HOLD_DELIVERIES) -> Ordered:
    wanted = {(i.envelope.aggregateid, i.envelope.aggregateversion - 1)
              for i in items if i.envelope is not None and i.envelope.aggregateversion > 1}
    done: set[tuple[str, int]] = set()
    if wanted:
        rows = conn.execute(select(processed.c.aggregate_id, processed.c.aggregate_version).where(
            tuple_(processed.c.aggregate_id, processed.c.aggregate_version).in_(list(wanted))))
        done = {(row.aggregate_id, row.aggregate_version) for row in rows}
    result, blocked = Ordered(), set()
    for item in items:
        envelope = item.envelope
        if envelope is None:
            result.ready.append(item)
            continue
        aggregate, version = envelope.aggregateid, envelope.aggregateversion
        if aggregate not in blocked and (version == 1 or (aggregate, version - 1) in done):
            result.ready.append(item)
            done.add((aggregate, version))
        elif item.deliveries >= max_deliveries:
            result.missing_predecessor.append(item)
            done.add((aggregate, version))
        else:
            result.held.append(item)
            blocked.add(aggregate)
    return result
