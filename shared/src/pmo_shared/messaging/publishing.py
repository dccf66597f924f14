"""Publishing stored events to JetStream without waiting per message: one `publish_async` per row
with `Nats-Msg-Id` = event id (JetStream drops re-sends), and one deadline for a batch's PubAcks."""
from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from nats.js import JetStreamContext
from sqlalchemy import Row

from pmo_shared.envelope import stored_event_json
from pmo_shared.messaging.stream import subject_for


async def publish_stored(js: JetStreamContext, rows: Sequence[Row[Any]],
                         source: str) -> list[asyncio.Future[Any]]:
    """Sends event rows (columns of the events table) in order; returns their PubAck futures."""
    return [await js.publish_async(
        subject_for(row.event_type), stored_event_json(row._mapping, source),
        headers={"Nats-Msg-Id": row.event_id}) for row in rows]


async def acknowledged_prefix(futures: Sequence[asyncio.Future[Any]], timeout: float) -> int:
    """How many leading publishes were acknowledged within `timeout`; late ones are cancelled."""
    # publish_async futures never time out on their own: one deadline for the whole batch
    # (a wait_for per future cost a task each, about a third of the relay's CPU).
    _, late = await asyncio.wait(futures, timeout=timeout)
    for future in late:
        future.cancel()
    acked = 0
    for future in futures:
        if future.cancelled() or future.exception() is not None:
            break
        acked += 1
    return acked
