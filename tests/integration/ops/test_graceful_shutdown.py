"""Graceful stop: the relay flushes the outbox before its task is cancelled, and hands its lease on."""
from __future__ import annotations

from uuid import uuid4

from sqlalchemy import select

from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.store import EventContext
from tests.integration.ops import samples
from tests.support.sample import Counter
from tests.support.waiting import wait_until


async def test_stopping_a_write_side_publishes_everything_committed_before_the_stop(
        database_url, nats_server):
    samples.create_schema(samples.write_metadata, database_url)
    config = samples.settings(database_url, nats_server.url, stream="PMO")
    async with samples.write_side(config) as writer:
        await wait_until(lambda: writer.relay is not None)
        # One big commit right before the stop: far more than one relay batch is pending.
        uow = writer.unit_of_work(EventContext(actor="tester"))
        for _ in range(1500):
            uow.save(Counter.start(uuid4(), "c"))
        await uow.commit()
        pending_at_stop = await samples.backlog(writer)
    stream = await samples.stream_contents(nats_server.url, "PMO")

    assert pending_at_stop > 0
    assert len(stream.unique) == 1500
    async with samples.write_side(config) as restarted:
        assert await samples.event_count(restarted.database) == 1500
        assert await samples.backlog(restarted) == 0


async def test_a_stopped_relay_releases_its_lease_for_the_next_replica(database_url, nats_server):
    samples.create_schema(samples.write_metadata, database_url)
    config = samples.settings(database_url, nats_server.url, stream="PMO")
    async with samples.write_side(config) as writer:
        await wait_until(lambda: writer.relay is not None)
        await samples.start_counter(writer)
        await wait_until(lambda: _drained(writer))

    database = Database(database_url)
    leases = samples.write_tables.leases
    with database.reader.connect() as conn:
        lease = conn.execute(select(leases).where(leases.c.name == "outbox-relay")).one()
    database.dispose()
    assert lease.expires_at.year == 2000


async def _drained(side) -> bool:
    return await samples.backlog(side) == 0
