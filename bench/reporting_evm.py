"""Portfolio earned value over 1,000 projects x 20 tasks: p50/p99 of the portfolio query, the same
with `as_known_at`, beside a same-run baseline (a plain `SELECT count(*)` over the cost facts).

Seeds through the real projections: generated CloudEvents envelopes (charters, tasks, baselines,
progress with back-dated corrections, timesheet lines, expenses) applied by the reporting
service's BatchApplier exactly as the consumer applies a JetStream batch. The query timed is the
one behind GET /v1/evm/all (load facts as known at T, compute per project, sum per currency).

    .venv/bin/python bench/reporting_evm.py [--database-url URL] [--projects 1000] [--runs 100]
"""
from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import UUID, uuid4

from sqlalchemy import func, select

from pmo_reporting.metrics.evm import EacMethod
from pmo_reporting.projections import PROJECTIONS
from pmo_reporting.queries.evm_facts import Scope, load_facts, load_projects
from pmo_reporting.queries.evm_report import aggregate, project_evm
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_reporting.tables import consumer, rm_costs
from pmo_shared.envelope import Envelope, cloudevent_type
from pmo_shared.events import catalogue
from pmo_shared.events import projects as p
from pmo_shared.events import resources as r
from pmo_shared.events.base import DomainEvent
from pmo_shared.eventstore.database import Database
from pmo_shared.kernel.clock import SystemClock
from pmo_shared.kernel.money import Money
from pmo_shared.messaging.applier import BatchApplier, Incoming
from pmo_shared.migrate import upgrade

TASKS, START = 20, date(2026, 1, 5)
PLANNED_AT = datetime(2026, 1, 2, 8, tzinfo=UTC)
STEERING_AT = datetime(2026, 3, 2, 8, tzinfo=UTC)   # the as_known_at of the second query
CORRECTED_AT = datetime(2026, 3, 9, 8, tzinfo=UTC)
STATUS_ON = date(2026, 2, 27)
D = Decimal
# The read models this query reads; capacity and risk projections are benchmarked on their own.
EVM_PROJECTIONS = tuple(projection for projection in PROJECTIONS
                        if type(projection).__module__.startswith("pmo_reporting.projections."))


def eur(amount: int | str) -> Money:
    return Money(amount=D(amount), currency="EUR")


def _project(rng: random.Random, portfolio: UUID) -> Iterator[tuple[DomainEvent, datetime]]:
    project = uuid4()
    yield p.ProjectChartered(
        project_id=project, code=f"B-{project.hex[:8]}", name="bench", goals=["g"],
        sponsor_id=uuid4(), manager_id=uuid4(), planned_start_on=START,
        planned_finish_on=START + timedelta(days=180), budget=eur(200_000), project_type="it",
        portfolio_id=portfolio), PLANNED_AT
    tasks = []
    for index in range(TASKS):
        start = START + timedelta(days=7 * rng.randrange(20))
        finish = start + timedelta(days=rng.randrange(5, 40))
        task = p.TaskPlanned(
            project_id=project, task_id=uuid4(), parent_task_id=None, wbs_code=f"1.{index}",
            name="t", planned_start_on=start, planned_finish_on=finish,
            planned_effort_hours=D(80), planned_cost=eur(rng.randrange(1000, 20000)),
            earning_rule=rng.choice(["percent_complete", "zero_hundred", "fifty_fifty",
                                     "level_of_effort"]))
        tasks.append(task)
        yield task, PLANNED_AT
    yield p.BaselineCaptured(
        project_id=project, baseline_id=uuid4(), name="B1", reason="initial",
        change_request_id=None, budget_at_completion=eur(sum(t.planned_cost.amount for t in tasks)),
        tasks=[p.BaselineTask(task_id=t.task_id, wbs_code=t.wbs_code,
                              planned_start_on=t.planned_start_on,
                              planned_finish_on=t.planned_finish_on, budget=t.planned_cost,
                              earning_rule=t.earning_rule, planned_effort_hours=D(80))
               for t in tasks]), PLANNED_AT
    for task in tasks:
        yield from _actuals(rng, project, task)


def _actuals(rng: random.Random, project: UUID,
             task: p.TaskPlanned) -> Iterator[tuple[DomainEvent, datetime]]:
    percent = D(rng.randrange(0, 101))
    yield p.ProgressReported(project_id=project, task_id=task.task_id, status_on=STATUS_ON,
                             percent_complete=percent), STATUS_ON_RECORDED
    # A back-dated correction recorded after the steering committee.
    yield p.ProgressReported(project_id=project, task_id=task.task_id, status_on=STATUS_ON,
                             percent_complete=max(percent - 10, D(0))), CORRECTED_AT
    for day in range(5):
        worked_on = task.planned_start_on + timedelta(days=day)
        yield r.TimesheetLineRecorded(
            timesheet_id=uuid4(), line_id=uuid4(), person_id=uuid4(), project_id=project,
            task_id=task.task_id, worked_on=worked_on, hours=D(8), hourly_rate=eur("92.50"),
            cost=eur("740.00")), datetime.combine(worked_on, datetime.min.time(), UTC)


STATUS_ON_RECORDED = datetime(2026, 2, 27, 18, tzinfo=UTC)


def _envelope(event: DomainEvent, recorded_at: datetime, version: int) -> Incoming:
    envelope = Envelope(
        id=uuid4(), source=f"/pmo/{event.service()}", type=cloudevent_type(event.event_type),
        subject="bench", time=recorded_at, aggregatetype=event.event_type.split(".")[1],
        aggregateid=str(uuid4()), aggregateversion=version, eventversion=event.event_version,
        actor="bench", data=event.model_dump(mode="json"))
    return Incoming(sequence=version, raw=b"", envelope=envelope)


def seed(database: Database, projects: int) -> int:
    rng = random.Random(7)
    applier = BatchApplier(name="reporting", tables=consumer, catalogue=catalogue,
                           projections=EVM_PROJECTIONS, clock=SystemClock())
    portfolios = [uuid4() for _ in range(10)]
    batch: list[Incoming] = []
    count = 0
    for index in range(projects):
        for event, recorded_at in _project(rng, portfolios[index % 10]):
            count += 1
            batch.append(_envelope(event, recorded_at, count))
        if len(batch) >= 2000 or index == projects - 1:
            with database.writer.connect() as conn, conn.begin():
                applier.apply(conn, batch)
            batch = []
    return count


def portfolio_query(database: Database, when: TimeSlice) -> Callable[[], object]:
    def run() -> object:
        with database.reader.connect() as conn:
            facts = load_facts(conn, load_projects(conn, Scope()), when)
        evms = [project_evm(f, as_of=when.as_of, method=EacMethod.TYPICAL)
                for f in facts.values()]
        return aggregate(evms, EacMethod.TYPICAL)
    return run


def count_query(database: Database) -> Callable[[], object]:
    def run() -> object:
        with database.reader.connect() as conn:
            return conn.execute(select(func.count()).select_from(rm_costs)).scalar_one()
    return run


def timed(fn: Callable[[], object], runs: int) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - started) * 1000)
    samples.sort()
    return statistics.median(samples), samples[min(len(samples) - 1, int(len(samples) * 0.99))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url")
    parser.add_argument("--projects", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=100)
    args = parser.parse_args()
    url = args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench-evm.db"
    upgrade("pmo_reporting", url)
    database = Database(url, sqlite_synchronous="NORMAL")
    started = time.perf_counter()
    events = seed(database, args.projects)
    seeding = time.perf_counter() - started
    now = TimeSlice(as_of=STATUS_ON, known_at=datetime.now(UTC))
    then = TimeSlice(as_of=STATUS_ON, known_at=STEERING_AT)
    rows = [("baseline: SELECT count(*) over rm_costs", *timed(count_query(database), args.runs)),
            ("portfolio EVM (all projects, now)", *timed(portfolio_query(database, now), args.runs)),
            ("portfolio EVM with as_known_at", *timed(portfolio_query(database, then), args.runs))]
    print(f"seeded {events} events for {args.projects} projects x {TASKS} tasks "  # noqa: T201
          f"in {seeding:.1f} s ({events / seeding:.0f} events/s) on {database.url.split(':')[0]}")
    print(f"{'query':44} {'p50 ms':>8} {'p99 ms':>8} {'x baseline p50':>15}")  # noqa: T201
    base = rows[0][1]
    for name, p50, p99 in rows:
        print(f"{name:44} {p50:8.2f} {p99:8.2f} {p50 / base:15.1f}")  # noqa: T201
    print("targets: portfolio p99 <= 50 ms; with as_known_at p99 <= 250 ms")  # noqa: T201
    database.dispose()


if __name__ == "__main__":
    main()
