"""Republish: a service's SQL event store (the source of truth) back onto a new or damaged stream.

Every event goes out in outbox (commit) order with `Nats-Msg-Id` = event id, so events the stream
still holds inside its duplicate window are dropped by JetStream, and older ones are skipped by
consumers, whose processed table is keyed by event id and by aggregate id + version. Paging by
"id > last" is safe here, unlike in the relay: rows that commit after the run started are still
pending in the outbox, and the running relay publishes them."""
from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any

from nats.js import JetStreamContext
from sqlalchemy import Connection, Row, func, select

from pmo_shared.envelope import Envelope
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.store import envelope_from_row
from pmo_shared.eventstore.tables import KernelTables
from pmo_shared.messaging.stream import ensure_stream, subject_for

Progress = Callable[[int, int], None]


class RepublishFailed(RuntimeError):
    """Some events were not acknowledged; the run can simply be repeated."""


class Republisher:
    def __init__(self, *, database: Database, tables: KernelTables, source: str,
                 js: JetStreamContext, batch_size: int = 500, publish_timeout: float = 10.0) -> None:
        self._db = database
        self._tables = tables
        self._source = source
        self._js = js
        self._batch_size = batch_size
        self._timeout = publish_timeout

    async def total(self) -> int:
        outbox = self._tables.outbox
        return await self._db.read(
            lambda conn: conn.execute(select(func.count()).select_from(outbox)).scalar_one())

    async def run(self, *, on_progress: Progress = lambda done, total: None) -> int:
        """Publishes every stored event once, in commit order; returns how many."""
        total = await self.total()
        done, after = 0, 0
        while rows := await self._db.read(partial(self._page, after=after)):
            await self._publish([envelope_from_row(row, self._source) for row in rows])
            done += len(rows)
            after = rows[-1].outbox_id
            on_progress(done, total)
        return done

    def _page(self, conn: Connection, after: int) -> list[Row[Any]]:
        outbox, events = self._tables.outbox, self._tables.events
        return list(conn.execute(
            select(outbox.c.id.label("outbox_id"), events)
            .join(events, (events.c.aggregate_id == outbox.c.aggregate_id)
                  & (events.c.version == outbox.c.version))
            .where(outbox.c.id > after).order_by(outbox.c.id).limit(self._batch_size)
        ).all())

    async def _publish(self, envelopes: Sequence[Envelope]) -> None:
        futures = [
            await self._js.publish_async(subject_for(e.event_type), e.to_json(),
                                         headers={"Nats-Msg-Id": str(e.id)})
            for e in envelopes
        ]
        # publish_async futures never time out on their own.
        results = await asyncio.gather(
            *(asyncio.wait_for(f, timeout=self._timeout) for f in futures), return_exceptions=True)
        failed = [r for r in results if isinstance(r, BaseException)]
        if failed:
            raise RepublishFailed(f"{len(failed)} of {len(envelopes)} events were not acknowledged: "
                                  f"{failed[0]!r}")


async def republish_service(*, service: str, database_url: str, nats_url: str, stream: str,
                            replicas: int = 1, duplicate_window_seconds: float = 120.0,
                            on_progress: Progress = lambda done, total: None) -> int:
    """The admin command's body: (re)create the stream, then republish the service's events."""
    import nats

    from pmo_shared.eventstore.tables import kernel_tables, new_metadata

    database = Database(database_url)
    nc = await nats.connect(servers=nats_url.split(","), name=f"pmo-republish-{service}")
    try:
        js = nc.jetstream()
        await ensure_stream(js, name=stream, replicas=replicas,
                            duplicate_window_seconds=duplicate_window_seconds)
        republisher = Republisher(database=database, tables=kernel_tables(new_metadata()),
                                  source=f"/pmo/{service}", js=js)
        return await republisher.run(on_progress=on_progress)
    finally:
        await nc.close()
        database.dispose()
