"""A replay (a rebuild's passes) applies an event stored before its aggregate's previous version
once that version comes, across batches, and parks one whose predecessor never comes; so does a
load in shards whose second shard follows the first one's decisions."""
from datetime import date

import nats
import pytest
from sqlalchemy import func, select

from pmo_reporting.operations.replay import replay
from pmo_reporting.operations.shards import load_in_shards
from pmo_reporting.projections import PROJECTIONS
from pmo_reporting.tables import consumer, rm_progress, rm_task_plans
from pmo_shared.envelope import Envelope
from pmo_shared.events import catalogue
from pmo_shared.events.base import DomainEvent
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.writer import Writer
from pmo_shared.kernel.clock import SystemClock
from pmo_shared.messaging.applier import BatchApplier
from pmo_shared.messaging.stream import ensure_stream, subject_for
from pmo_shared.migrate import upgrade
from tests.integration.reporting.evm.feed import Feed, Project, at


class HeldBackFeed(Feed):
    """Keeps what it is given; the test publishes it in the order it wants."""

    def __init__(self, nats_url: str) -> None:
        super().__init__(nats_url)
        self.kept: list[tuple[str, bytes]] = []

    async def publish(self, event: DomainEvent, *, recorded_at, aggregate_id) -> str:
        envelope: Envelope = self.envelope(event, recorded_at=recorded_at,
                                           aggregate_id=aggregate_id)
        self.kept.append((subject_for(event.event_type), envelope.to_json()))
        return str(envelope.id)


@pytest.fixture
async def project_history(nats_server):
    """A charter (version 1), two tasks (2, 3) and a progress report (4) of one project."""
    feed = HeldBackFeed(nats_server.url)
    project = Project(feed)
    await project.charter(recorded_at=at("2026-01-02T09:00"), budget="3000")
    task = await project.task(recorded_at=at("2026-01-02T10:00"), start=date(2026, 1, 5),
                              finish=date(2026, 1, 16), cost="1000")
    await project.task(recorded_at=at("2026-01-02T10:01"), start=date(2026, 1, 12),
                       finish=date(2026, 1, 23), cost="2000")
    await project.progress(task, recorded_at=at("2026-01-14T17:00"), status_on=date(2026, 1, 14),
                           percent="60")
    return feed.kept


# The plan and progress read models, which the tests count, are loaded by the following shard.
_FOLLOWED = ("plan", "progress")
_SHARDS = (tuple(p.name for p in PROJECTIONS if p.name not in _FOLLOWED), _FOLLOWED)


@pytest.fixture(params=["one process", "shards"])
def load(request, database_url):
    if request.param == "shards" and not database_url.startswith("sqlite"):
        pytest.skip("shards load only on SQLite")
    return request.param


async def _replay_in_order(nats_server, database_url, history, versions: list[int], how: str):
    nc = await nats.connect(nats_server.url)
    upgrade("pmo_reporting", database_url)
    database = Database(database_url)
    writer = Writer(database.writer)
    writer.start()
    try:
        js = nc.jetstream()
        await ensure_stream(js, name="PMO")
        for version in versions:
            subject, body = history[version - 1]
            await js.publish(subject, body)
        if how == "shards":
            await load_in_shards(nc, stream="PMO", consumer_name="reporting", url=database_url,
                                 last=len(versions), shards=_SHARDS, batch_size=1)
        else:
            applier = BatchApplier(name="reporting", tables=consumer, catalogue=catalogue,
                                   projections=PROJECTIONS, clock=SystemClock())
            await replay(nc, stream="PMO", applier=applier, writer=writer, first=1,
                         last=len(versions), batch_size=1)
        with database.reader.connect() as conn:
            return (conn.execute(select(func.count()).select_from(rm_task_plans)).scalar(),
                    conn.execute(select(func.count()).select_from(rm_progress)).scalar(),
                    conn.execute(select(consumer.dead_letters.c.error)).scalars().all())
    finally:
        writer.stop()
        database.dispose()
        await nc.close()


async def test_events_stored_before_their_predecessor_are_applied_after_it(
        nats_server, database_url, project_history, load):
    # Versions 3 and 4 come in batches before version 2 does.
    outcome = await _replay_in_order(nats_server, database_url, project_history, [1, 3, 4, 2],
                                     load)

    assert outcome == (2, 1, [])


async def test_an_event_whose_predecessor_never_comes_is_parked_at_the_end(
        nats_server, database_url, project_history, load):
    tasks, progress, parked = await _replay_in_order(nats_server, database_url, project_history,
                                                     [1, 3, 4], load)

    # Version 3 is parked; version 4 then follows it, as in the live consumer.
    assert (tasks, progress, len(parked)) == (0, 1, 1)
    assert "never arrived" in parked[0]
