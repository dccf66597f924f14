"""Killing the reporting process mid-stream, repeatedly, loses and doubles nothing: the read
models end equal to a clean replay of the stream into a fresh database."""
import asyncio
from datetime import date, timedelta
from decimal import Decimal
from uuid import uuid4

import nats
from sqlalchemy import create_engine, func, select

from pmo_reporting.operations.replay import replay
from pmo_reporting.projections import PROJECTIONS
from pmo_reporting.tables import consumer
from pmo_shared.events import catalogue
from pmo_shared.events.projects import ProgressReported, ProjectChartered, TaskPlanned
from pmo_shared.events.resources import TimesheetLineRecorded
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.writer import Writer
from pmo_shared.kernel.clock import SystemClock
from pmo_shared.messaging.applier import BatchApplier
from pmo_shared.messaging.stream import ensure_stream
from pmo_shared.migrate import upgrade
from tests.integration.reporting.evm.feed import at, eur
from tests.integration.reporting.evm.test_operations import read_models
from tests.support.databases import fresh_database_url
from tests.support.processes import ServiceProcess
from tests.support.waiting import wait_until

T0 = at("2026-01-02T09:00")


def project_events(index):
    project = uuid4()
    yield ProjectChartered(
        project_id=project, code=f"K-{index}", name="k", goals=["g"], sponsor_id=uuid4(),
        manager_id=uuid4(), planned_start_on=date(2026, 1, 5),
        planned_finish_on=date(2026, 6, 30), budget=eur("50000"), project_type="it"), project
    for number in range(10):
        task = uuid4()
        start = date(2026, 1, 5) + timedelta(days=7 * number)
        yield TaskPlanned(
            project_id=project, task_id=task, parent_task_id=None, wbs_code=f"1.{number}",
            name="t", planned_start_on=start, planned_finish_on=start + timedelta(days=11),
            planned_effort_hours=Decimal(40), planned_cost=eur("3000"),
            earning_rule="percent_complete"), project
        yield ProgressReported(project_id=project, task_id=task, status_on=start,
                               percent_complete=Decimal(number * 10)), project
        for day in range(4):
            line = uuid4()
            yield TimesheetLineRecorded(
                timesheet_id=uuid4(), line_id=line, person_id=uuid4(), project_id=project,
                task_id=task, worked_on=start + timedelta(days=day), hours=Decimal("7.5"),
                hourly_rate=eur("80"), cost=eur("600")), line


async def clean_replay(nats_url, url, last):
    upgrade("pmo_reporting", url)
    database = Database(url)
    writer = Writer(database.writer)
    writer.start()
    nc = await nats.connect(nats_url)
    try:
        applier = BatchApplier(name="reporting", tables=consumer, catalogue=catalogue,
                               projections=PROJECTIONS, clock=SystemClock())
        await replay(nc, stream="PMO", applier=applier, writer=writer, first=1,
                     last=last)
        return read_models(database)
    finally:
        await nc.close()
        writer.stop()
        database.dispose()


# After a SIGKILL JetStream would hand a restarted consumer later events before the killed
# batch; one batch in flight (max_ack_pending) plus per-aggregate hold-back keep the order.
async def test_killing_the_service_mid_stream_repeatedly_ends_equal_to_a_clean_replay(
        database_url, database_kind, nats_server, tmp_path, feed):
    nc = await nats.connect(nats_server.url)
    await ensure_stream(nc.jetstream(), name="PMO")
    await nc.close()
    items = [(event, T0, aggregate) for index in range(40)
             for event, aggregate in project_events(index)]
    await feed.publish_all(items)
    total = len(items)
    service = ServiceProcess("reporting", database_url=database_url, nats_url=nats_server.url,
                             keys_dir=tmp_path / "keys", log_file=tmp_path / "reporting.log")
    engine = create_engine(database_url)

    def position():
        with engine.connect() as conn:
            found = conn.execute(select(consumer.checkpoints.c.stream_sequence)).scalar()
        return found or 0

    def processed():
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(consumer.processed)).scalar()

    try:
        for threshold in (500, 1000, 1500):
            await asyncio.to_thread(service.start)
            await wait_until(lambda threshold=threshold: position() >= threshold, timeout=60)
            service.kill()
        await asyncio.to_thread(service.start)
        # The killed batch comes back only after the consumer's ack_wait (30 s), after later ones.
        await wait_until(lambda: processed() == total, timeout=120)
    finally:
        service.stop()
        engine.dispose()
    incremental = read_models(Database(database_url))
    with fresh_database_url(database_kind, tmp_path) as clean_url:
        clean = await clean_replay(nats_server.url, clean_url, total)
    assert {name: len(rows) for name, rows in clean.items()} == {
        name: len(rows) for name, rows in incremental.items()}
    assert clean == incremental
    assert len(incremental["rm_costs"]) == 40 * 10 * 4
