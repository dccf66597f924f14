"""The writer's batch-of-one path (no SAVEPOINT) and the relay's single batch deadline keep the
guarantees of the general paths."""
from uuid import uuid4

import nats
import pytest
from sqlalchemy import select

from pmo_shared.kernel.clock import SystemClock
from pmo_shared.messaging.relay import OutboxRelay
from pmo_shared.messaging.stream import ensure_stream
from tests.support.sample import Counter


async def test_a_unit_failing_alone_in_its_batch_leaves_nothing_and_the_writer_goes_on(kernel):
    def fail_after_writing(conn):
        conn.execute(kernel.tables.leases.insert().values(
            name="half-done", holder="x", expires_at=SystemClock().now()))
        raise RuntimeError("unit failed")

    with pytest.raises(RuntimeError, match="unit failed"):
        await kernel.writer.submit(fail_after_writing)
    uow = kernel.uow()
    counter = uow.save(Counter.start(uuid4(), "next"))
    await uow.commit()

    leases = await kernel.database.read(
        lambda conn: conn.execute(select(kernel.tables.leases.c.name)).all())
    loaded = await kernel.uow().load(Counter, counter.id)
    assert (leases, loaded.version) == ([], 1)


async def test_a_relay_batch_without_puback_in_time_marks_nothing_and_is_resent_later(
        kernel, nats_server):
    nc = await nats.connect(nats_server.url)
    try:
        js = nc.jetstream()
        await ensure_stream(js, name="FASTPATH")
        relay = OutboxRelay(database=kernel.database, writer=kernel.writer, store=kernel.store,
                            js=js, clock=SystemClock(), publish_timeout=0.3)
        uow = kernel.uow()
        uow.save(Counter.start(uuid4(), "late"))
        await uow.commit()
        nats_server.pause()
        try:
            with pytest.raises(RuntimeError, match="only 0 of 1"):
                await relay.relay_once()
        finally:
            nats_server.resume()
        pending_after_timeout = (await relay.backlog()).size
        sent = await relay.relay_once()
    finally:
        await nc.close()

    assert (pending_after_timeout, sent, (await relay.backlog()).size) == (1, 1, 0)


async def test_a_relay_with_nothing_pending_commits_nothing_so_its_own_wake_up_cannot_loop(
        kernel, nats_server):
    commits = []
    kernel.writer.add_commit_listener(lambda: commits.append(1))
    nc = await nats.connect(nats_server.url)
    try:
        relay = OutboxRelay(database=kernel.database, writer=kernel.writer, store=kernel.store,
                            js=nc.jetstream(), clock=SystemClock())
        sent = await relay.relay_once()
    finally:
        await nc.close()

    leases = await kernel.database.read(
        lambda conn: conn.execute(select(kernel.tables.leases.c.name)).all())
    assert (sent, commits, leases) == (0, [], [])
