"""A rebuild on SQLite loads the stream with one process per shard of the projections, the
others following the first one's decisions; the result equals the incremental read models, and
a following shard that parks an event is refused."""
import asyncio
import json
from datetime import date
from pathlib import Path
from uuid import uuid4

import nats
import pytest
from sqlalchemy import insert, make_url, select

from pmo_reporting.app import create_app
from pmo_reporting.operations.replay import Decision, Messages
from pmo_reporting.operations.shards import (
    Following,
    ShardLoad,
    ShardsDisagree,
    _decision_frame,
    _encode,
    _frames,
    _merge,
    _run_all,
    decision_line,
)
from pmo_reporting.projections import PROJECTIONS, SHARDS
from pmo_reporting.settings import ReportingSettings
from pmo_reporting.tables import consumer, rm_costs
from pmo_shared.eventstore.database import Database
from pmo_shared.migrate import upgrade
from tests.integration.reporting.evm.feed import at
from tests.integration.reporting.evm.test_operations import read_models
from tests.integration.reporting.evm.test_project_evm import scenario
from tests.support.apps import auth, dev_settings, running
from tests.support.waiting import wait_until


@pytest.fixture
async def sharding(database_url, nats_server, tmp_path):
    """Reporting that loads in shards however short the stream is."""
    settings = dev_settings(ReportingSettings, database_url=database_url,
                            nats_url=nats_server.url, keys_dir=tmp_path / "keys",
                            rebuild_processes=2, rebuild_parallel_from_events=0)
    async with running("pmo_reporting", create_app, settings) as client:
        side = client.app.state.read_side
        await wait_until(lambda: side.runtime.stream_ready and side.consumer is not None,
                         timeout=30)
        client.admin = auth(tmp_path / "keys", roles=["pmo_admin"])
        yield client


async def _rebuild(client) -> dict:
    started = await client.post("/v1/admin/rebuilds", headers=client.admin)
    assert started.status_code == 202, started.text

    async def finished():
        status = (await client.get("/v1/admin/rebuilds/current", headers=client.admin)).json()
        assert status["state"] != "failed", status["error"]
        return status["state"] == "done"

    await wait_until(finished, timeout=60)
    return (await client.get("/v1/admin/rebuilds/current", headers=client.admin)).json()


async def test_a_rebuild_in_shards_equals_the_incremental_read_models(sharding, feed,
                                                                      database_url):
    project, task, line = await scenario(feed)
    await project.timesheet_line(recorded_at=at("2026-01-15T09:00"), worked_on=date(2026, 1, 13),
                                 hours="8", rate="85.50", line_id=line, reason="typo")
    await project.progress(task, recorded_at=at("2026-01-20T09:00"),
                           status_on=date(2026, 1, 14), percent="40")
    # The same event twice in the stream (past the duplicate window): applied once by each shard.
    nc = await nats.connect(feed.nats_url)
    try:
        raw = await nc.jetstream().get_msg("PMO", 2)
        await nc.jetstream().publish(raw.subject, raw.data)
    finally:
        await nc.close()
    await sharding.get("/v1/evm/all", headers=sharding.admin, params=feed.wait_params())
    side = sharding.app.state.read_side
    incremental = read_models(side.database)
    assert incremental["rm_costs"] and incremental["rm_task_plans"]

    status = await _rebuild(sharding)

    on_sqlite = database_url.startswith("sqlite")
    assert status["processes"] == (len(SHARDS) if on_sqlite else 1)
    assert (status["events"], status["applied_sequence"], status["history"]) == (11, 11, [])
    assert read_models(side.database) == incremental
    if on_sqlite:  # the other shards' files are gone once merged
        folder = Path(make_url(side.database.url).database).parent
        assert list(folder.glob("*shard*")) == []


async def test_an_event_only_the_second_shard_rejects_is_parked_whole_in_one_process(
        sharding, feed, database_url):
    if not database_url.startswith("sqlite"):
        pytest.skip("shards load only on SQLite")
    await scenario(feed)
    nc = await nats.connect(feed.nats_url)
    try:
        js = nc.jetstream()
        last = (await js.stream_info("PMO")).state.last_seq
        stored = [await js.get_msg("PMO", sequence) for sequence in range(1, last + 1)]
        line = next(m for m in stored if b"timesheet.line_recorded" in m.data)
        # Valid as an envelope, not as a timesheet line: the first shard, which does not read
        # timesheet lines, admits it; the second cannot apply it.
        poison = json.loads(line.data)
        poison.update(id=str(uuid4()), aggregateid=str(uuid4()), subject="poison",
                      aggregateversion=1)
        poison["data"]["hours"] = "many"
        await js.publish(line.subject, json.dumps(poison).encode())
    finally:
        await nc.close()
    await sharding.get("/v1/evm/all", headers=sharding.admin, params=feed.wait_params())
    side = sharding.app.state.read_side
    incremental = read_models(side.database)

    status = await _rebuild(sharding)

    assert status["processes"] == 1
    assert [note.split(":")[0] for note in status["history"]] == ["loaded again in one process"]
    assert read_models(side.database) == incremental
    with side.database.reader.connect() as conn:
        parked = conn.execute(select(consumer.dead_letters.c.event_id)).scalars().all()
    assert parked == [poison["id"]]


def _migrated(path: Path) -> Database:
    url = f"sqlite:///{path}"
    upgrade("pmo_reporting", url)
    return Database(url)


def _park(database: Database, event_id: str) -> None:
    with database.writer.begin() as conn:
        conn.execute(insert(consumer.dead_letters).values(
            event_id=event_id, event_type="projects.task.planned", stream_sequence=1,
            envelope="{}", error="boom", attempts=3, parked_at=at("2026-01-02T09:00")))


def _cost(database: Database, source_id: str) -> None:
    with database.writer.begin() as conn:
        conn.execute(insert(rm_costs).values(
            source_id=source_id, kind="expense", project_id="p", incurred_on=date(2026, 1, 5),
            amount_e4=10_000, currency="EUR", recorded_at=at("2026-01-05T12:00")))


def test_a_following_shard_that_parked_an_event_is_not_merged(tmp_path):
    main, shard = _migrated(tmp_path / "main.db"), _migrated(tmp_path / "main-shard1.db")
    _park(shard, "applied-by-the-first-shard")
    _cost(shard, "line-1")
    for database in (main, shard):
        database.dispose()

    with pytest.raises(ShardsDisagree, match="shard1 parked 1 events"):
        _merge(main.url, [shard.url])

    with Database(main.url).reader.connect() as conn:
        assert conn.execute(rm_costs.select()).all() == []


def test_a_table_written_by_two_shards_stops_the_merge(tmp_path):
    main, shard = _migrated(tmp_path / "main.db"), _migrated(tmp_path / "main-shard1.db")
    _cost(main, "expense-1")
    _cost(shard, "line-1")
    for database in (main, shard):
        database.dispose()

    with pytest.raises(RuntimeError, match="rm_costs was written by two shards"):
        _merge(main.url, [shard.url])


def test_the_shards_cover_every_projection_once():
    names = [name for shard in SHARDS for name in shard]
    assert sorted(names) == sorted(p.name for p in PROJECTIONS)
    assert len(names) == len(set(names))


async def test_frames_carry_each_message_with_its_stream_sequence_and_the_decisions():
    decision = Decision(through=12, order=(1, 2, 3, 7, 5, 6, 12), held=frozenset({9, 4}))
    frames = [Messages([(1, b"a"), (3, b""), (4, "é".encode())], 5),
              Messages([(9, b"x" * 70_000)], 9), decision,
              Decision(through=13, order=(), held=frozenset())]
    reader = asyncio.StreamReader()
    for frame in frames:
        reader.feed_data(_encode(frame) if isinstance(frame, Messages)
                         else _decision_frame(decision_line(frame).encode()))
    reader.feed_eof()

    assert [frame async for frame in _frames(reader)] == frames
    assert decision_line(decision) == "D 12 4,9 1-3,7,5-6,12\n"


async def _frames_of(*frames):
    for frame in frames:
        yield frame


async def test_a_following_shard_applies_what_the_first_one_applied_in_its_order():
    following = Following()
    frames = _frames_of(
        Messages([(1, b"one"), (2, b"two"), (3, b"three"), (4, b"four")], 4),
        # 2 was a duplicate, 4 waits for its predecessor, 3 comes before 1.
        Decision(through=4, order=(3, 1), held=frozenset({4})),
        Messages([(5, b"five"), (6, b"six")], 6),
        # 4 now follows 5; 6 was parked.
        Decision(through=6, order=(5, 4), held=frozenset()))

    batches = [batch async for batch in following.batches(frames)]

    assert batches == [Messages([(3, b"three"), (1, b"one")], 4),
                       Messages([(5, b"five"), (4, b"four")], 6)]
    assert following.pending == {}
    assert (following.settled_through(4), following.settled_through(6)) == (3, 6)


async def _stream(batches):
    for batch in batches:
        yield batch


async def test_a_shard_process_that_fails_fails_the_load_and_the_others_are_stopped(tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the shard's database folder should be")
    loads = [ShardLoad(index=0, url=f"sqlite:///{tmp_path}/fine.db", consumer_name="reporting",
                       projections=SHARDS[0]),
             ShardLoad(index=1, url=f"sqlite:///{blocked}/shard.db", consumer_name="reporting",
                       projections=SHARDS[1])]
    upgrade("pmo_reporting", loads[0].url)
    garbage = Messages([(1, b"{not json")], 1)

    with pytest.raises(RuntimeError, match="rebuild shard 1 exited with 1"):
        await _run_all(loads, _stream([garbage]), None)
