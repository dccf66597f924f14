"""Capacity vs demand for 500 people x 52 weeks: p50/p99 of the report query beside a same-run
baseline (a plain count over the person-days table).

Seeds through the real projections: generated CloudEvents envelopes (people, schedules, a
holiday calendar, time off, allocations, requests, timesheets) applied by the reporting
service's BatchApplier exactly as the consumer applies a JetStream batch.

    .venv/bin/python bench/reporting_capacity.py [--database-url URL] [--runs 200]
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

from pmo_reporting.capacity.demand import DemandQuery, demand_report
from pmo_reporting.capacity.tables import rm_cap_days
from pmo_reporting.projections import PROJECTIONS
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_reporting.tables import consumer
from pmo_shared.envelope import Envelope, cloudevent_type
from pmo_shared.events import catalogue
from pmo_shared.events import resources as r
from pmo_shared.events.base import DomainEvent
from pmo_shared.eventstore.database import Database
from pmo_shared.http.principal import Principal
from pmo_shared.kernel.clock import SystemClock
from pmo_shared.kernel.money import Money
from pmo_shared.messaging.applier import BatchApplier, Incoming
from pmo_shared.migrate import upgrade

PEOPLE, TEAMS, YEAR = 500, 25, 2027
RECORDED = datetime(YEAR, 1, 1, 8, tzinfo=UTC)
ADMIN = Principal(subject="bench", roles=frozenset({"pmo_admin"}), project_ids=frozenset(),
                  portfolio_ids=frozenset())
D = Decimal


def _events(rng: random.Random) -> Iterator[DomainEvent]:
    calendar = uuid4()
    yield r.HolidayCalendarPublished(calendar_id=calendar, name="company", holidays=[
        r.Holiday(on=date(YEAR, month, day), name="holiday")
        for month, day in ((1, 1), (4, 5), (5, 1), (5, 8), (7, 14), (8, 15), (11, 1), (12, 25))])
    teams = [uuid4() for _ in range(TEAMS)]
    projects = [uuid4() for _ in range(40)]
    for index in range(PEOPLE):
        yield from _person(rng, uuid4(), teams[index % TEAMS], calendar, projects)
    for _ in range(50):
        start = date(YEAR, 1, 4) + timedelta(days=rng.randrange(300))
        yield r.AllocationCreated(
            allocation_id=uuid4(), project_id=rng.choice(projects), role="engineer",
            skills=[r.SkillDemand(skill=rng.choice(["python", "sql", "qa"]), min_level=2)],
            start_on=start, end_on=start + timedelta(days=60), hours_per_day=D(4),
            status="requested")


def _person(rng: random.Random, person: UUID, team: UUID, calendar: UUID,
            projects: list[UUID]) -> Iterator[DomainEvent]:
    yield r.PersonRegistered(person_id=person, name="P", role=rng.choice(["engineer", "analyst"]),
                             team_id=team, skills=[r.SkillLevel(skill="python", level=3)],
                             active_from=date(YEAR, 1, 1), active_until=date(YEAR, 12, 31))
    week = [D(8)] * 5 if rng.random() < 0.8 else [D(8)] * 4 + [D(0)]
    yield r.ScheduleSet(person_id=person, effective_from=date(YEAR, 1, 1),
                        hours_per_weekday=week + [D(0), D(0)])
    yield r.PersonCalendarAssigned(person_id=person, calendar_id=calendar)
    for _ in range(3):
        start = date(YEAR, 1, 1) + timedelta(days=rng.randrange(350))
        end = start + timedelta(days=rng.randrange(5))
        yield r.TimeOffBooked(time_off_id=uuid4(), person_id=person, start_on=start, end_on=end,
                              half_days=[end])
    yield r.AllocationCreated(
        allocation_id=uuid4(), project_id=rng.choice(projects), person_id=person,
        start_on=date(YEAR, 1, 4), end_on=date(YEAR, 9, 30), hours_per_day=D(rng.choice([4, 6, 8])),
        status="confirmed")
    yield r.AllocationCreated(
        allocation_id=uuid4(), project_id=rng.choice(projects), person_id=person,
        start_on=date(YEAR, 6, 1), end_on=date(YEAR, 12, 31), percent_of_capacity=D(25),
        status="proposed")
    rate = Money(amount=D(90), currency="EUR")
    for day in range(0, 120, 3):
        worked = date(YEAR, 1, 4) + timedelta(days=day)
        yield r.TimesheetLineRecorded(
            timesheet_id=uuid4(), line_id=uuid4(), person_id=person, project_id=projects[0],
            worked_on=worked, hours=D(6), hourly_rate=rate, cost=rate.times(D(6)))


def _envelope(sequence: int, event: DomainEvent) -> Incoming:
    event_id = uuid4()
    item = Envelope(id=event_id, source="/pmo/resources", type=cloudevent_type(event.event_type),
                    subject=str(event_id), time=RECORDED + timedelta(seconds=sequence),
                    aggregatetype="bench", aggregateid=str(event_id), aggregateversion=1,
                    eventversion=event.event_version, actor="bench",
                    data=event.model_dump(mode="json"))
    return Incoming(sequence=sequence, raw=b"", envelope=item)


def seed(database: Database):  # -> (events, seconds)
    applier = BatchApplier(name="bench", tables=consumer, catalogue=catalogue,
                           projections=PROJECTIONS, clock=SystemClock())
    items = [_envelope(index + 1, event) for index, event in enumerate(_events(random.Random(7)))]
    started = time.perf_counter()
    for first in range(0, len(items), 500):
        with database.writer.begin() as conn:
            applier.apply(conn, items[first:first + 500])
    return len(items), time.perf_counter() - started


def measure(database: Database, fn: Callable[..., object], runs: int):  # -> (p50 ms, p99 ms)
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        with database.reader.connect() as conn:
            fn(conn)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[int(len(timings) * 0.99) - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database-url")
    parser.add_argument("--runs", type=int, default=200)
    args = parser.parse_args()
    scratch = tempfile.TemporaryDirectory(prefix="pmo-bench-capacity-")
    url = args.database_url or f"sqlite:///{scratch.name}/bench-capacity.db"
    upgrade("pmo_reporting", url)
    database = Database(url, sqlite_synchronous="NORMAL")
    count, seconds = seed(database)
    with database.reader.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(rm_cap_days)).scalar_one()
    print(f"seeded {count} events in {seconds:.1f} s ({count / seconds:,.0f} events/s); "
          f"{rows:,} person-day rows; database {url.split(':')[0]}")
    when = TimeSlice(as_of=date(YEAR, 6, 30), known_at=datetime.now(UTC))
    year = {"from_on": date(YEAR, 1, 4), "to_on": date(YEAR, 12, 31), "period": "week"}
    cases = {
        "baseline: SELECT count(*) FROM rm_cap_days": lambda conn: conn.execute(
            select(func.count()).select_from(rm_cap_days)).scalar_one(),
        "capacity vs demand, 52 weeks, total": lambda conn: demand_report(
            conn, ADMIN, when, DemandQuery(**year, group_by="total")),
        "capacity vs demand, 52 weeks, by team": lambda conn: demand_report(
            conn, ADMIN, when, DemandQuery(**year, group_by="team")),
        "same by team, as known at mid-seed": lambda conn: demand_report(
            conn, ADMIN, TimeSlice(as_of=when.as_of, known_at=RECORDED + timedelta(seconds=20_000)),
            DemandQuery(**year, group_by="team")),
    }
    results = {name: measure(database, fn, args.runs) for name, fn in cases.items()}
    base = results["baseline: SELECT count(*) FROM rm_cap_days"][1]
    print(f"{'query':<48} {'p50 ms':>8} {'p99 ms':>8} {'p99 / baseline':>15}")
    for name, (p50, p99) in results.items():
        print(f"{name:<48} {p50:>8.1f} {p99:>8.1f} {p99 / base:>14.1f}x")
    database.dispose()
    scratch.cleanup()


if __name__ == "__main__":
    main()
