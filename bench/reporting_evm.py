"""Portfolio earned value over 1,000 projects x 20 tasks: p50/p99 of the portfolio query, the same
with `as_known_at`, beside a same-run baseline (a plain `SELECT count(*)` over the cost facts).

Seeds through the real projections: generated CloudEvents envelopes (charters, tasks, baselines,
progress with back-dated corrections, timesheet lines, expenses) applied by the reporting
service's BatchApplier exactly as the consumer applies a JetStream batch. The query timed is the
one behind GET /v1/evm/all: the visible projects with their change stamps, each project's figures
(remembered until its stamp moves, queries/evm_memo.py), sums and indicators per currency.
Three states are timed: every project recomputed (cold), nothing changed since the last query,
and the steady state of a busy PMO, where 10 of the projects received an event (a progress
correction, applied untimed through the projections) between two queries.

    .venv/bin/python bench/reporting_evm.py [--database-url URL] [--projects 1000] [--runs 100]
"""
from __future__ import annotations

import argparse
import gc
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
from pmo_reporting.queries.evm_facts import Scope, load_projects
from pmo_reporting.queries.evm_memo import FiguresMemo
from pmo_reporting.queries.evm_report import aggregate
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_reporting.tables import consumer, rm_costs, rm_progress
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
        # Each generated event is its own aggregate at version 1: the applier holds back any
        # version whose predecessor it has not seen, exactly as it does for the live stream.
        aggregateid=str(uuid4()), aggregateversion=1, eventversion=event.event_version,
        actor="bench", data=event.model_dump(mode="json"))
    return Incoming(sequence=version, raw=b"", envelope=envelope)


def _applier() -> BatchApplier:
    return BatchApplier(name="reporting", tables=consumer, catalogue=catalogue,
                        projections=EVM_PROJECTIONS, clock=SystemClock())


def seed(database: Database, projects: int) -> int:
    rng = random.Random(7)
    applier = _applier()
    portfolios = [uuid4() for _ in range(10)]
    batch: list[Incoming] = []
    count = 0
    for index in range(projects):
        for event, recorded_at in _project(rng, portfolios[index % 10]):
            count += 1
            batch.append(_envelope(event, recorded_at, count))
        if len(batch) >= 2000 or index == projects - 1:
            with database.writer.connect() as conn, conn.begin():
                result = applier.apply(conn, batch)
            if result.applied != len(batch):
                raise SystemExit(f"seeding applied {result.applied} of {len(batch)} events")
            batch = []
    return count


def portfolio_query(database: Database, when: TimeSlice,
                    memo: FiguresMemo | None = None) -> Callable[[], object]:
    """The query behind GET /v1/evm/all; without a memo every project is recomputed (cold)."""
    def run() -> object:
        remembered = memo or FiguresMemo()
        with database.reader.connect() as conn:
            projects = load_projects(conn, Scope(), when.known_at)
            figures = remembered.figures(conn, projects, when)
        return aggregate(figures.values(), EacMethod.TYPICAL)
    return run


class ProgressCorrections:
    """Applies a progress correction to `per_run` random tasks before each timed run (untimed)."""

    def __init__(self, database: Database, per_run: int) -> None:
        self.database, self.per_run = database, per_run
        self.rng, self.applier, self.sequence = random.Random(11), _applier(), 10**9
        with database.reader.connect() as conn:
            self.tasks = list(conn.execute(select(rm_progress.c.project_id, rm_progress.c.task_id)
                                           .distinct()))

    def __call__(self) -> None:
        batch = []
        for project_id, task_id in self.rng.sample(self.tasks, self.per_run):
            self.sequence += 1
            event = p.ProgressReported(project_id=UUID(project_id), task_id=UUID(task_id),
                                       status_on=STATUS_ON,
                                       percent_complete=D(self.rng.randrange(0, 101)))
            batch.append(_envelope(event, datetime.now(UTC), self.sequence))
        with self.database.writer.connect() as conn, conn.begin():
            self.applier.apply(conn, batch)


def count_query(database: Database) -> Callable[[], object]:
    def run() -> object:
        with database.reader.connect() as conn:
            return conn.execute(select(func.count()).select_from(rm_costs)).scalar_one()
    return run


def timed(fn: Callable[[], object], runs: int,
          between: Callable[[], None] | None = None) -> tuple[float, float]:
    fn()
    samples = []
    for _ in range(runs):
        if between is not None:
            between()
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
    scratch = tempfile.TemporaryDirectory(prefix="pmo-bench-evm-")
    url = args.database_url or f"sqlite:///{scratch.name}/bench-evm.db"
    upgrade("pmo_reporting", url)
    database = Database(url, sqlite_synchronous="NORMAL")
    started = time.perf_counter()
    events = seed(database, args.projects)
    seeding = time.perf_counter() - started
    gc.freeze()  # as a service process does once started (pmo_shared.main)
    now = TimeSlice(as_of=STATUS_ON, known_at=datetime.now(UTC))
    then = TimeSlice(as_of=STATUS_ON, known_at=STEERING_AT)
    changes = ProgressCorrections(database, per_run=10)
    warm_now, warm_then = FiguresMemo(), FiguresMemo()
    rows = [
        ("baseline: SELECT count(*) over rm_costs", *timed(count_query(database), args.runs)),
        ("portfolio EVM, cold: every project computed",
         *timed(portfolio_query(database, now), max(args.runs // 5, 5))),
        ("portfolio EVM, nothing changed since last query",
         *timed(portfolio_query(database, now, warm_now), args.runs)),
        ("portfolio EVM, 10 projects changed per query",
         *timed(portfolio_query(database, now, warm_now), args.runs, changes)),
        ("with as_known_at, cold", *timed(portfolio_query(database, then), max(args.runs // 5, 5))),
        ("with as_known_at, 10 projects changed per query",
         *timed(portfolio_query(database, then, warm_then), args.runs, changes)),
    ]
    print(f"seeded {events} events for {args.projects} projects x {TASKS} tasks "  # noqa: T201
          f"in {seeding:.1f} s ({events / seeding:.0f} events/s) on {database.url.split(':')[0]}")
    print(f"{'query':50} {'p50 ms':>8} {'p99 ms':>8} {'x baseline p50':>15}")  # noqa: T201
    base = rows[0][1]
    for name, p50, p99 in rows:
        print(f"{name:50} {p50:8.2f} {p99:8.2f} {p50 / base:15.1f}")  # noqa: T201
    print("targets: portfolio p99 <= 50 ms; with as_known_at p99 <= 250 ms")  # noqa: T201
    database.dispose()
    scratch.cleanup()


if __name__ == "__main__":
    main()
