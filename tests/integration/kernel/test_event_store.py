import asyncio
from uuid import uuid4

import pytest
from sqlalchemy import select

from pmo_shared.kernel.errors import ConcurrencyConflict, PreconditionFailed
from tests.support.sample import Counter, SnapshotCounter


async def test_a_saved_aggregate_loads_back_with_its_state_and_version(kernel):
    uow = kernel.uow()
    counter = uow.save(Counter.start(uuid4(), "builds"))
    counter.increment(3)
    envelopes = await uow.commit()

    loaded = await kernel.uow().load(Counter, counter.id)

    assert (loaded.label, loaded.total, loaded.version) == ("builds", 3, 2)
    assert [e.aggregateversion for e in envelopes] == [1, 2]
    assert [e.type for e in envelopes] == ["pmo.sample.counter.started",
                                           "pmo.sample.counter.incremented"]


async def test_concurrent_appends_to_one_aggregate_have_exactly_one_winner_per_version(kernel):
    uow = kernel.uow()
    counter_id = uow.save(Counter.start(uuid4(), "race")).id
    await uow.commit()

    async def increment_once() -> str:
        attempt = kernel.uow()
        loaded = await attempt.get(Counter, counter_id)
        loaded.increment()
        attempt.save(loaded)
        try:
            await attempt.commit()
        except ConcurrencyConflict:
            return "conflict"
        return "won"

    rounds = [await asyncio.gather(*(increment_once() for _ in range(8))) for _ in range(5)]

    wins = sum(outcome.count("won") for outcome in rounds)
    events = kernel.tables.events
    versions = await kernel.database.read(lambda conn: conn.execute(
        select(events.c.version).where(events.c.aggregate_id == str(counter_id))
        .order_by(events.c.version)).scalars().all())
    assert versions == list(range(1, wins + 2))
    assert all(outcome.count("won") >= 1 for outcome in rounds)
    assert (await kernel.uow().load(Counter, counter_id)).total == wins


async def test_a_stale_if_match_is_a_precondition_failure_before_anything_is_written(kernel):
    uow = kernel.uow()
    counter_id = uow.save(Counter.start(uuid4(), "etag")).id
    await uow.commit()

    with pytest.raises(PreconditionFailed):
        await kernel.uow(if_match=7).get(Counter, counter_id)


async def test_a_lost_race_with_if_match_is_412_not_409(kernel):
    uow = kernel.uow()
    counter_id = uow.save(Counter.start(uuid4(), "etag")).id
    await uow.commit()
    first, second = kernel.uow(if_match=1), kernel.uow(if_match=1)
    a, b = await first.get(Counter, counter_id), await second.get(Counter, counter_id)
    a.increment()
    b.increment()
    first.save(a)
    second.save(b)
    await first.commit()

    with pytest.raises(PreconditionFailed):
        await second.commit()


async def test_every_event_gets_an_outbox_row_in_the_same_transaction(kernel):
    uow = kernel.uow()
    counter = uow.save(Counter.start(uuid4(), "outbox"))
    counter.increment()
    await uow.commit()

    outbox = kernel.tables.outbox
    rows = await kernel.database.read(lambda conn: conn.execute(
        select(outbox.c.version, outbox.c.published_at)
        .where(outbox.c.aggregate_id == str(counter.id)).order_by(outbox.c.id)).all())
    assert [(r.version, r.published_at) for r in rows] == [(1, None), (2, None)]


async def test_a_failed_extra_write_rolls_back_the_events_of_the_same_unit(kernel):
    uow = kernel.uow()
    counter = uow.save(Counter.start(uuid4(), "atomic"))

    def explode(conn):
        raise RuntimeError("view update failed")

    uow.also(explode)
    with pytest.raises(RuntimeError):
        await uow.commit()

    assert await kernel.uow().load(Counter, counter.id) is None


async def test_loading_a_snapshotting_aggregate_replays_only_the_tail(kernel):
    uow = kernel.uow()
    counter = uow.save(SnapshotCounter.start(uuid4(), "snap"))
    await uow.commit()
    for _ in range(6):
        step = kernel.uow()
        loaded = await step.get(SnapshotCounter, counter.id)
        loaded.increment(2)
        step.save(loaded)
        await step.commit()

    before = SnapshotCounter.snapshots_loaded
    loaded = await kernel.uow().load(SnapshotCounter, counter.id)

    assert (loaded.version, loaded.total) == (7, 12)
    assert SnapshotCounter.snapshots_loaded == before + 1


async def test_loading_an_id_of_another_aggregate_type_finds_nothing(kernel):
    uow = kernel.uow()
    counter = uow.save(Counter.start(uuid4(), "typed"))
    await uow.commit()

    assert await kernel.uow().load(SnapshotCounter, counter.id) is not None  # same type name
    SnapshotCounter.aggregate_type = "snapshot_counter"
    try:
        assert await kernel.uow().load(SnapshotCounter, counter.id) is None
    finally:
        SnapshotCounter.aggregate_type = "counter"
