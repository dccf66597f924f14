"""The writer's batch-of-one path (no SAVEPOINT), the relay's single batch deadline, its pipelined
batches and its lease renewal inside the marking commit keep the guarantees of the general paths."""
import json
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


async def _stored_order(js, stream: str) -> list[tuple[str, int]]:
    sub = await js.pull_subscribe("pmo.>", stream=stream)
    messages = await sub.fetch((await js.stream_info(stream)).state.messages, timeout=2)
    return [(m.headers["Nats-Msg-Id"], json.loads(m.data)["aggregateversion"]) for m in messages]


async def test_a_relay_pass_pipelines_several_batches_and_keeps_commit_order(kernel, nats_server):
    counters = []
    for _ in range(3):
        uow = kernel.uow()
        counter = uow.save(Counter.start(uuid4(), "c"))
        counter.increment()
        counter.increment()
        await uow.commit()
        counters.append(counter)
    nc = await nats.connect(nats_server.url)
    try:
        js = nc.jetstream()
        await ensure_stream(js, name="PIPELINE")
        relay = OutboxRelay(database=kernel.database, writer=kernel.writer, store=kernel.store,
                            js=js, clock=SystemClock(), batch_size=2)
        sent = await relay.relay_once()
        order = await _stored_order(js, "PIPELINE")
    finally:
        await nc.close()
    events = kernel.tables.events
    ids = await kernel.database.read(lambda conn: conn.execute(
        select(events.c.event_id, events.c.version)
        .order_by(events.c.recorded_at, events.c.version)).all())

    assert (sent, (await relay.backlog()).size) == (9, 0)
    assert order == [(row.event_id, row.version) for row in ids]


async def test_a_busy_relay_renews_its_lease_in_the_commit_that_marks_rows(kernel, nats_server):
    commits = []
    kernel.writer.add_commit_listener(lambda: commits.append(1))
    nc = await nats.connect(nats_server.url)
    try:
        js = nc.jetstream()
        await ensure_stream(js, name="RENEW")
        relay = OutboxRelay(database=kernel.database, writer=kernel.writer, store=kernel.store,
                            js=js, clock=SystemClock())
        for name in ("first", "second"):
            uow = kernel.uow()
            uow.save(Counter.start(uuid4(), name))
            await uow.commit()
            commits.clear()
            await relay.relay_once()
            if name == "first":
                first_pass = len(commits)
        second_pass = len(commits)
    finally:
        await nc.close()

    assert (first_pass, second_pass, (await relay.backlog()).size) == (2, 1, 0)
