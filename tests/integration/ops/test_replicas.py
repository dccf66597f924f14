"""Several replicas on one database: the relay lease keeps publishing exactly-once, and a standby
projector takes over from a stopped or crashed active one."""
from __future__ import annotations

import asyncio
import threading
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.lease import try_acquire
from pmo_shared.messaging.consumer import LEASE_TTL
from tests.integration.ops import samples
from tests.support.waiting import wait_until

LEASES = samples.write_tables.leases


def race_for_lease(database_url: str, *, name: str, contenders: int) -> list[bool]:
    """`contenders` threads, each on its own connection, try to take the lease at once."""
    start = threading.Barrier(contenders)
    outcomes: list[bool] = []
    now = datetime.now(UTC)

    def contend(holder: str) -> None:
        database = Database(database_url)
        try:
            start.wait()
            with database.writer.begin() as conn:
                won = try_acquire(conn, LEASES, name=name, holder=holder, now=now,
                                  ttl=timedelta(seconds=10))
            outcomes.append(won)
        finally:
            database.dispose()

    threads = [threading.Thread(target=contend, args=(f"replica-{i}",)) for i in range(contenders)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


def test_exactly_one_of_many_concurrent_replicas_takes_a_new_lease(database_url):
    samples.create_schema(samples.write_metadata, database_url)

    for round_ in range(5):
        outcomes = race_for_lease(database_url, name=f"relay-{round_}", contenders=6)
        assert sorted(outcomes) == [False] * 5 + [True]


def test_exactly_one_of_many_concurrent_replicas_takes_over_an_expired_lease(database_url):
    samples.create_schema(samples.write_metadata, database_url)
    database = Database(database_url)
    expired = datetime.now(UTC) - timedelta(seconds=1)
    with database.writer.begin() as conn:
        conn.execute(insert(LEASES), [{"name": f"relay-{i}", "holder": "crashed",
                                       "expires_at": expired} for i in range(5)])

    for round_ in range(5):
        outcomes = race_for_lease(database_url, name=f"relay-{round_}", contenders=6)
        assert sorted(outcomes) == [False] * 5 + [True]
    with database.reader.connect() as conn:
        holders = conn.execute(select(LEASES.c.holder)).scalars().all()
    database.dispose()
    assert "crashed" not in holders


async def test_two_write_replicas_on_one_database_relay_every_event_exactly_once(
        database_url, nats_server):
    samples.create_schema(samples.write_metadata, database_url)
    config = samples.settings(database_url, nats_server.url, stream="PMO")

    async with samples.write_side(config) as first, samples.write_side(config) as second:
        replicas = [first, second]
        await wait_until(lambda: first.relay is not None and second.relay is not None)
        await asyncio.gather(*(samples.start_counter(replicas[i % 2], increments=2)
                               for i in range(60)))
        await wait_until(lambda: _drained(replicas), timeout=20,
                         message="the outbox was not drained by the two replicas")
        published = [side.relay.published_total for side in replicas]
        stored = await samples.event_count(first.database)

    stream = await samples.stream_contents(nats_server.url, "PMO")
    assert stored == 180
    assert len(stream.ids) == 180
    assert len(stream.unique) == 180
    # The lease let one replica publish; nothing was sent twice, not even a deduplicated resend.
    assert sorted(published) == [0, 180]


async def _drained(replicas) -> bool:
    return all([await samples.backlog(side) == 0 for side in replicas])


async def test_a_standby_projector_takes_over_when_the_active_one_stops(
        database_url, nats_server, tmp_path):
    write_url = f"sqlite:///{tmp_path / 'write.db'}"
    samples.create_schema(samples.write_metadata, write_url)
    samples.create_schema(samples.read_metadata, database_url)
    read_config = samples.settings(database_url, nats_server.url, stream="PMO")
    readers = [samples.read_side(read_config), samples.read_side(read_config)]
    for reader in readers:
        await reader.start()
    try:
        async with samples.write_side(
                samples.settings(write_url, nats_server.url, stream="PMO")) as writer:
            for _ in range(10):
                await samples.start_counter(writer, increments=2)
            await wait_until(lambda: _projected(readers[0], 10), timeout=20)
            active, standby = sorted(readers, key=lambda r: -_applied(r))
            assert (_applied(active), _applied(standby)) == (30, 0)

            await active.stop()
            stopped_at = asyncio.get_running_loop().time()
            for _ in range(10):
                await samples.start_counter(writer, increments=2)
            await wait_until(lambda: _projected(standby, 20), timeout=LEASE_TTL.total_seconds() + 5)
            took_over_in = asyncio.get_running_loop().time() - stopped_at

        model = await samples.read_model(standby)
    finally:
        for reader in readers:
            await reader.stop()

    assert took_over_in < LEASE_TTL.total_seconds()
    assert _applied(standby) == 30
    assert len(model) == 20
    assert set(model.values()) == {(2, 3)}


async def test_a_standby_projector_takes_over_a_crashed_holders_lease_once_it_expires(
        database_url, nats_server, tmp_path):
    write_url = f"sqlite:///{tmp_path / 'write.db'}"
    samples.create_schema(samples.write_metadata, write_url)
    samples.create_schema(samples.read_metadata, database_url)
    # A holder that died without releasing: its lease runs out 2 s from now.
    expires_at = datetime.now(UTC) + timedelta(seconds=2)
    database = Database(database_url)
    with database.writer.begin() as conn:
        conn.execute(insert(samples.read_kernel.leases).values(
            name="projector-counters", holder="crashed-replica", expires_at=expires_at))
    database.dispose()
    standby = samples.read_side(samples.settings(database_url, nats_server.url, stream="PMO"))
    await standby.start()
    try:
        async with samples.write_side(
                samples.settings(write_url, nats_server.url, stream="PMO")) as writer:
            for _ in range(5):
                await samples.start_counter(writer, increments=1)
            await wait_until(lambda: _projected(standby, 5), timeout=LEASE_TTL.total_seconds() + 5)
        first_applied_after_expiry = datetime.now(UTC) >= expires_at
        model = await samples.read_model(standby)
    finally:
        await standby.stop()

    assert first_applied_after_expiry
    assert set(model.values()) == {(1, 2)}
    assert len(model) == 5


def _applied(reader) -> int:
    return reader.consumer.stats.applied_total if reader.consumer else 0


async def _projected(reader, counters: int) -> bool:
    return len(await samples.read_model(reader)) == counters
