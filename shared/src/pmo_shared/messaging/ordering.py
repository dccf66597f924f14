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
    """Items whose predecessor is applied (before or earlier in `ready`), in that order; an item
    stored before its predecessor follows it when both are here, and is held otherwise."""
    wanted = {(i.envelope.aggregateid, i.envelope.aggregateversion - 1)
              for i in items if i.envelope is not None and i.envelope.aggregateversion > 1}
    done: set[tuple[str, int]] = set()
    if wanted:
        rows = conn.execute(select(processed.c.aggregate_id, processed.c.aggregate_version).where(
            tuple_(processed.c.aggregate_id, processed.c.aggregate_version).in_(list(wanted))))
        done = {(row.aggregate_id, row.aggregate_version) for row in rows}
    result = Ordered()
    waiting: dict[tuple[str, int], Incoming] = {}  # by the predecessor each waits for

    def settle(item: Incoming, into: list[Incoming]) -> None:
        """Appends the item, then each successor that was waiting for it."""
        while True:
            into.append(item)
            envelope = item.envelope
            assert envelope is not None
            key = (envelope.aggregateid, envelope.aggregateversion)
            done.add(key)
            successor = waiting.pop(key, None)
            if successor is None:
                return
            item, into = successor, result.ready

    for item in items:
        envelope = item.envelope
        if envelope is None:
            result.ready.append(item)
        elif envelope.aggregateversion == 1 or (
                envelope.aggregateid, envelope.aggregateversion - 1) in done:
            settle(item, result.ready)
        else:
            waiting[(envelope.aggregateid, envelope.aggregateversion - 1)] = item
    # Still waiting: the predecessor is not in this batch. Parked after many deliveries (what
    # waits for it follows), held otherwise.
    for key, item in list(waiting.items()):
        if waiting.get(key) is item and item.deliveries >= max_deliveries:
            del waiting[key]
            settle(item, result.missing_predecessor)
    result.held.extend(waiting.values())
    return result
