import asyncio
import json
from dataclasses import replace
from uuid import uuid4

import nats
import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, insert, select, update

from pmo_shared.envelope import Envelope
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.writer import Writer
from pmo_shared.kernel.clock import SystemClock
from pmo_shared.messaging.applier import BatchApplier, Incoming
from pmo_shared.messaging.consumer import ProjectionConsumer
from pmo_shared.messaging.ordering import MAX_HOLD_DELIVERIES
from pmo_shared.messaging.relay import OutboxRelay
from pmo_shared.messaging.stream import ensure_stream
from tests.support.sample import Counter, CounterIncremented, sample_catalogue
from tests.support.waiting import wait_until

STREAM = "PMOTEST"


@pytest.fixture
async def jetstream(nats_server):
    nc = await nats.connect(nats_server.url)
    js = nc.jetstream()
    await ensure_stream(js, name=STREAM)
    yield js
    await nc.close()


def make_relay(kernel, js, **kwargs):
    return OutboxRelay(database=kernel.database, writer=kernel.writer, store=kernel.store, js=js,
                       clock=SystemClock(), **kwargs)


async def save_counters(kernel, count: int, increments: int = 0) -> list:
    counters = []
    for _ in range(count):
        uow = kernel.uow()
        counter = uow.save(Counter.start(uuid4(), "c"))
        for _ in range(increments):
            counter.increment()
        await uow.commit()
        counters.append(counter)
    return counters


async def stream_messages(js) -> list[Envelope]:
    sub = await js.pull_subscribe("pmo.>", stream=STREAM)
    info = await js.stream_info(STREAM)
    messages = await sub.fetch(info.state.messages, timeout=2) if info.state.messages else []
    return [Envelope.from_json(m.data) for m in messages]


async def test_the_relay_publishes_each_pending_event_once_in_commit_order(kernel, jetstream):
    counters = await save_counters(kernel, 3, increments=2)
    relay = make_relay(kernel, jetstream)

    assert await relay.relay_once() == 9
    assert await relay.relay_once() == 0

    envelopes = await stream_messages(jetstream)
    assert [(e.aggregateid, e.aggregateversion) for e in envelopes] == [
        (str(c.id), v) for c in counters for v in (1, 2, 3)]
    assert (await relay.backlog()).size == 0


async def test_a_resent_batch_is_dropped_by_the_stream_as_a_duplicate(kernel, jetstream):
    await save_counters(kernel, 2)
    relay = make_relay(kernel, jetstream)
    await relay.relay_once()
    outbox = kernel.tables.outbox
    # As if the relay died after the PubAck but before marking the rows.
    await kernel.writer.submit(lambda conn: conn.execute(update(outbox).values(published_at=None)))

    await relay.relay_once()

    assert (await jetstream.stream_info(STREAM)).state.messages == 2


async def test_rows_committed_after_a_higher_id_was_published_are_not_skipped(kernel, jetstream):
    [first] = await save_counters(kernel, 1)
    relay = make_relay(kernel, jetstream)
    await relay.relay_once()
    outbox = kernel.tables.outbox
    # A transaction that took a lower id commits late: the relay must still find its row.
    await kernel.writer.submit(lambda conn: conn.execute(
        update(outbox).where(outbox.c.aggregate_id == str(first.id)).values(published_at=None)))
    [second] = await save_counters(kernel, 1)

    assert await relay.relay_once() == 2
    envelopes = await stream_messages(jetstream)
    assert {e.aggregateid for e in envelopes} == {str(first.id), str(second.id)}


async def test_writes_succeed_while_nats_is_down_and_are_relayed_once_it_returns(
        kernel, nats_server, jetstream):
    relay = make_relay(kernel, jetstream, publish_timeout=0.5)
    task = asyncio.create_task(relay.run())
    try:
        nats_server.kill()
        counters = await save_counters(kernel, 20)
        assert (await relay.backlog()).size == 20
        nats_server.start()
        await wait_until(lambda: _backlog_empty(relay), timeout=30,
                         message="relay did not drain after NATS returned")
    finally:
        task.cancel()
    envelopes = await stream_messages(jetstream)
    assert sorted(e.aggregateid for e in envelopes) == sorted(str(c.id) for c in counters)


async def _backlog_empty(relay) -> bool:
    return (await relay.backlog()).size == 0


# -- consumer side --

class TotalsProjection:
    """Sums increments per counter; explodes on a poisoned counter to exercise dead letters."""

    name = "totals"

    def __init__(self, metadata: MetaData) -> None:
        self.table = Table("rm_totals", metadata, Column("counter_id", String(64), primary_key=True),
                           Column("total", Integer, nullable=False))
        self.poisoned: set[str] = set()

    def apply(self, conn, envelope, event):
        if envelope.aggregateid in self.poisoned:
            raise ValueError("poison")
        if isinstance(event, CounterIncremented):
            key = str(event.counter_id)
            current = conn.execute(select(self.table.c.total)
                                   .where(self.table.c.counter_id == key)).scalar()
            if current is None:
                conn.execute(insert(self.table).values(counter_id=key, total=event.by))
            else:
                conn.execute(update(self.table).where(self.table.c.counter_id == key)
                             .values(total=current + event.by))


@pytest.fixture
async def read_side(kernel, tmp_path):
    metadata = MetaData()
    projection = TotalsProjection(metadata)
    database = Database(f"sqlite:///{tmp_path / 'read.db'}")
    from pmo_shared.eventstore.tables import kernel_tables
    from pmo_shared.messaging.tables import consumer_tables
    kernel_t, consumer_t = kernel_tables(metadata), consumer_tables(metadata)
    metadata.create_all(database.writer)
    writer = Writer(database.writer)
    writer.start()
    yield database, writer, projection, kernel_t, consumer_t
    writer.stop()
    database.dispose()


def totals(database, projection):
    return database.read(lambda conn: dict(conn.execute(
        select(projection.table.c.counter_id, projection.table.c.total)).all()))


async def test_the_consumer_applies_every_event_once_even_when_redelivered(
        kernel, jetstream, read_side):
    database, writer, projection, kernel_t, consumer_t = read_side
    counters = await save_counters(kernel, 5, increments=3)
    await make_relay(kernel, jetstream).relay_once()
    consumer = ProjectionConsumer(
        name="totals", js=jetstream, stream=STREAM, database=database, writer=writer,
        kernel=kernel_t, tables=consumer_t, catalogue=sample_catalogue,
        projections=[projection], clock=SystemClock(), batch_size=7)
    task = asyncio.create_task(consumer.run())
    try:
        ids = [str(e.id) for e in await stream_messages(jetstream)]
        assert await consumer.wait_until_processed(ids, timeout=10)
    finally:
        task.cancel()
    # Redeliver the whole stream to the applier, as after a crash before the acks.
    incoming = [Incoming(sequence=i, raw=b"", envelope=e)
                for i, e in enumerate(await stream_messages(jetstream), start=1)]
    result = await writer.submit(lambda conn: consumer.applier.apply(conn, incoming))

    assert (result.applied, result.skipped) == (0, 20)
    assert await totals(database, projection) == {str(c.id): 3 for c in counters}


async def test_a_poison_event_is_parked_and_later_events_are_still_applied(kernel, read_side):
    database, writer, projection, kernel_t, consumer_t = read_side
    bad, good = await save_counters(kernel, 2, increments=1)
    projection.poisoned.add(str(bad.id))
    applier = BatchApplier(name="totals", tables=consumer_t, catalogue=sample_catalogue,
                           projections=[projection], clock=SystemClock())
    rows = await kernel.database.read(lambda conn: conn.execute(
        select(kernel.tables.events).order_by(kernel.tables.events.c.recorded_at)).all())
    from pmo_shared.eventstore.store import envelope_from_row
    envelopes = [envelope_from_row(row, "/pmo/sample") for row in rows]
    unreadable = Incoming(sequence=99, raw=b"{not json", envelope=None, error="bad json")
    batch = [Incoming(sequence=i, raw=e.to_json(), envelope=e)
             for i, e in enumerate(envelopes, start=1)] + [unreadable]

    result = await writer.submit(lambda conn: applier.apply(conn, batch))

    assert (result.applied, result.parked) == (2, 3)
    assert await totals(database, projection) == {str(good.id): 1}
    parked = await database.read(lambda conn: applier.dead_letters(conn))
    assert sorted(json.loads(p["envelope"])["aggregateid"] for p in parked[:2]) == sorted(
        [str(bad.id)] * 2)
    assert parked[-1]["event_type"] == "unreadable"

    projection.poisoned.clear()
    assert await writer.submit(lambda conn: applier.redrive(conn, parked[1]["id"]))
    assert await totals(database, projection) == {str(good.id): 1, str(bad.id): 1}


async def _one_counter_history(kernel, consumer_t, projection):
    """A counter started and incremented twice: its applier and its three events, in order."""
    [counter] = await save_counters(kernel, 1, increments=2)
    applier = BatchApplier(name="totals", tables=consumer_t, catalogue=sample_catalogue,
                           projections=[projection], clock=SystemClock())
    rows = await kernel.database.read(lambda conn: conn.execute(
        select(kernel.tables.events).order_by(kernel.tables.events.c.version)).all())
    from pmo_shared.eventstore.store import envelope_from_row
    return counter, applier, [Incoming(sequence=i, raw=b"{}", envelope=envelope_from_row(r, "/s"))
                              for i, r in enumerate(rows, start=1)]


async def test_an_event_stored_before_its_predecessor_waits_for_it(kernel, read_side):
    database, writer, projection, kernel_t, consumer_t = read_side
    counter, applier, (started, first, second) = await _one_counter_history(
        kernel, consumer_t, projection)

    early = await writer.submit(lambda conn: applier.apply(conn, [started, second]))
    late = await writer.submit(lambda conn: applier.apply(conn, [first, second]))

    assert (early.applied, early.held) == (1, frozenset({3}))
    assert (late.applied, late.held) == (2, frozenset())
    assert await totals(database, projection) == {str(counter.id): 2}


async def test_an_event_whose_predecessor_never_comes_is_parked_after_many_deliveries(
        kernel, read_side):
    database, writer, projection, kernel_t, consumer_t = read_side
    _, applier, events = await _one_counter_history(kernel, consumer_t, projection)
    orphan = replace(events[2], sequence=9, deliveries=MAX_HOLD_DELIVERIES)

    result = await writer.submit(lambda conn: applier.apply(conn, [orphan]))

    assert (result.applied, result.parked, result.held) == (0, 1, frozenset())
    parked = await database.read(lambda conn: applier.dead_letters(conn))
    assert "never arrived" in parked[0]["error"]


async def test_an_event_before_its_predecessor_in_one_batch_is_applied_after_it(
        kernel, read_side):
    database, writer, projection, kernel_t, consumer_t = read_side
    counter, applier, (started, first, second) = await _one_counter_history(
        kernel, consumer_t, projection)

    result = await writer.submit(lambda conn: applier.apply(conn, [second, first, started]))

    assert (result.applied, result.held) == (3, frozenset())
    assert await totals(database, projection) == {str(counter.id): 2}


async def test_an_event_no_projection_handles_is_marked_without_its_data_validated(
        kernel, read_side):
    database, writer, projection, kernel_t, consumer_t = read_side
    projection.handles = (CounterIncremented,)
    counter, applier, (started, first, second) = await _one_counter_history(
        kernel, consumer_t, projection)
    # Invalid data, but in an event the applier's projections do not handle.
    broken = replace(started, envelope=started.envelope.model_copy(update={"data": {"label": 5}}))

    result = await writer.submit(lambda conn: applier.apply(conn, [broken, first, second]))

    assert (result.applied, result.parked, result.order) == (3, 0, (1, 2, 3))
    assert await totals(database, projection) == {str(counter.id): 2}


async def test_admitted_events_are_applied_in_the_order_given_and_failures_parked(
        kernel, read_side):
    database, writer, projection, kernel_t, consumer_t = read_side
    counter, applier, (started, first, second) = await _one_counter_history(
        kernel, consumer_t, projection)
    poisoned = await save_counters(kernel, 1, increments=1)
    projection.poisoned.add(str(poisoned[0].id))
    rows = await kernel.database.read(lambda conn: conn.execute(
        select(kernel.tables.events).where(kernel.tables.events.c.aggregate_id
                                           == str(poisoned[0].id))).all())
    from pmo_shared.eventstore.store import envelope_from_row
    poison = Incoming(sequence=7, raw=b"{}", envelope=envelope_from_row(rows[-1], "/s"))

    result = await writer.submit(
        lambda conn: applier.apply_admitted(conn, [first, poison, started, second]))

    assert (result.applied, result.parked, result.order) == (3, 1, (2, 1, 3))
    assert await totals(database, projection) == {str(counter.id): 2}
    checkpoints = await database.read(lambda conn: conn.execute(
        select(consumer_t.checkpoints)).all())
    parked = await database.read(lambda conn: applier.dead_letters(conn))
    assert (checkpoints, [p["stream_sequence"] for p in parked]) == ([], [7])
