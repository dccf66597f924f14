"""Resources benchmark: a 52-week capacity calendar for 500 people through the query endpoint,
and timesheet line write throughput, each beside a baseline measured in the same run.

    .venv/bin/python bench/resources_capacity.py [--people 500] [--weeks 52] [--concurrency 16]

Everything runs in-process (httpx over ASGI, the service's real SQLite writer and outbox relay on
a real nats-server), and both baselines are driven the same way so the ratios compare like with
like: the capacity baseline reads the same rows with plain SELECTs (no replay, no arithmetic, no
JSON); the write baseline is a bare FastAPI POST inserting one SQLite row per request (WAL,
synchronous=FULL like the service, one writer connection)."""
from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import math
import os
import sqlite3
import tempfile
import threading
import time
import uuid
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, timedelta
from pathlib import Path

import httpx
from fastapi import FastAPI
from pydantic import BaseModel, ConfigDict
from starlette.concurrency import run_in_threadpool

from pmo_resources.app import create_app
from pmo_resources.settings import ResourcesSettings
from pmo_shared.devserver import NatsServer
from pmo_shared.http.devkeys import DevKeys, issue_token
from pmo_shared.migrate import upgrade

YEAR_START = date(2027, 1, 4)  # a Monday
PROJECTS = [str(uuid.uuid4()) for _ in range(5)]
FULL_TIME = ["8", "8", "8", "8", "8", "0", "0"]
PART_TIME = ["8", "8", "4", "0", "0", "0", "0"]


def percentile(values: Sequence[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(pct / 100 * len(ordered)) - 1)]


async def gather_limited(jobs: Sequence[Callable[[], Awaitable[None]]], limit: int) -> None:
    queue = list(reversed(jobs))

    async def worker() -> None:
        while queue:
            await queue.pop()()

    await asyncio.gather(*(worker() for _ in range(limit)))


async def post(client: httpx.AsyncClient, url: str, body: object, headers: dict[str, str]) -> dict:
    response = await client.post(url, json=body, headers=headers)
    if response.status_code >= 300:
        raise RuntimeError(f"POST {url} -> {response.status_code}: {response.text}")
    return response.json()


async def seed_person(client: httpx.AsyncClient, admin: dict[str, str], calendar_id: str,
                      index: int, ids: list[str]) -> None:
    """A person with one or two schedules, a holiday calendar, two time offs, three allocations."""
    person = await post(client, "/v1/people", {"name": f"P{index}", "role": "engineer",
                                               "active_from": "2027-01-01"}, admin)
    base = f"/v1/people/{person['id']}"
    await post(client, f"{base}/schedules",
               {"effective_from": "2027-01-01", "hours_per_weekday": FULL_TIME}, admin)
    if index % 3 == 0:
        await post(client, f"{base}/schedules",
                   {"effective_from": "2027-07-05", "hours_per_weekday": PART_TIME}, admin)
    await post(client, f"{base}/holiday-calendars", {"calendar_id": calendar_id}, admin)
    await post(client, f"{base}/time-off", {"start_on": "2027-08-02", "end_on": "2027-08-13",
                                            "half_days": ["2027-08-13"]}, admin)
    await post(client, f"{base}/time-off", {"start_on": "2027-12-20", "end_on": "2027-12-24"},
               admin)
    for quarter, load in ((0, {"percent_of_capacity": "50"}), (1, {"percent_of_capacity": "60"}),
                          (2, {"hours_per_day": "4"})):
        start = YEAR_START + timedelta(weeks=13 * quarter)
        await post(client, "/v1/allocations", {
            "project_id": PROJECTS[(index + quarter) % len(PROJECTS)], "person_id": person["id"],
            "start_on": start.isoformat(), "end_on": (start + timedelta(weeks=26)).isoformat(),
            "status": "confirmed", **load}, admin)
    ids.append(person["id"])


async def seed(client: httpx.AsyncClient, admin: dict[str, str], people: int) -> list[str]:
    holidays = [{"on": f"2027-{m:02d}-{d:02d}", "name": "holiday"} for m, d in (
        (1, 1), (3, 26), (3, 29), (5, 1), (5, 6), (5, 17), (10, 3), (12, 27), (12, 28))]
    calendar = await post(client, "/v1/holiday-calendars",
                          {"name": "Bench", "holidays": holidays}, admin)
    await post(client, "/v1/roles/engineer/cost-rates", {
        "effective_from": "2027-01-01", "hourly_rate": {"amount": "85.50", "currency": "EUR"}},
        admin)
    ids: list[str] = []
    await gather_limited([lambda i=i: seed_person(client, admin, calendar["id"], i, ids)
                          for i in range(people)], 8)
    return ids


async def capacity_latencies(client: httpx.AsyncClient, admin: dict[str, str], ids: list[str],
                             weeks: int) -> list[float]:
    params = {"from_on": YEAR_START.isoformat(),
              "to_on": (YEAR_START + timedelta(weeks=weeks, days=-1)).isoformat()}
    latencies = []
    for person_id in ids:
        started = time.perf_counter()
        response = await client.get(f"/v1/people/{person_id}/calendar", params=params,
                                    headers=admin)
        latencies.append((time.perf_counter() - started) * 1000)
        if response.status_code != 200 or len(response.json()["days"]) != weeks * 7:
            raise RuntimeError(f"calendar failed: {response.status_code} {response.text[:200]}")
    return latencies


def select_latencies(db_path: Path, ids: list[str]) -> list[float]:
    """The same rows the endpoint reads (the person's and calendar's events, the allocations),
    as plain SELECTs on one connection: the floor any query endpoint stands on."""
    conn = sqlite3.connect(db_path)
    calendar_id = conn.execute("SELECT aggregate_id FROM events WHERE aggregate_type = "
                               "'holiday_calendar'").fetchone()[0]
    latencies = []
    for person_id in ids:
        started = time.perf_counter()
        conn.execute("SELECT event_type, event_version, data FROM events WHERE aggregate_id IN "
                     "(?, ?) ORDER BY aggregate_id, version", (person_id, calendar_id)).fetchall()
        conn.execute("SELECT * FROM allocations_view WHERE person_id = ?", (person_id,)).fetchall()
        latencies.append((time.perf_counter() - started) * 1000)
    conn.close()
    return latencies


class LineIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    project_id: uuid.UUID
    worked_on: date
    hours: str
    comment: str | None = None


def baseline_app(db_path: Path) -> FastAPI:
    """One SQLite row per POST, one writer connection behind a lock, WAL + synchronous=FULL."""
    conn = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None, timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("CREATE TABLE lines (id TEXT PRIMARY KEY, sheet TEXT, body TEXT)")
    lock = threading.Lock()
    app = FastAPI()

    def insert(sheet: str, line: LineIn) -> str:
        row_id = str(uuid.uuid4())
        with lock:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("INSERT INTO lines VALUES (?, ?, ?)", (row_id, sheet,
                                                               line.model_dump_json()))
            conn.execute("COMMIT")
        return row_id

    @app.post("/v1/timesheets/{sheet}/lines")
    async def create(sheet: str, line: LineIn) -> dict[str, str]:
        return {"id": await run_in_threadpool(insert, sheet, line)}

    return app


async def write_rate(client: httpx.AsyncClient, sheets: list[str], headers: dict[str, str],
                     concurrency: int) -> tuple[float, int]:
    """Each sheet gets Monday to Friday, one POST per line, sheets spread over the workers."""
    def job(sheet: str) -> Callable[[], Awaitable[None]]:
        async def run() -> None:
            for day in range(5):
                await post(client, f"/v1/timesheets/{sheet}/lines", {
                    "project_id": PROJECTS[day % len(PROJECTS)], "hours": "7.5",
                    "worked_on": (YEAR_START + timedelta(days=day)).isoformat(),
                    "comment": "bench"}, headers)
        return run

    started = time.perf_counter()
    await gather_limited([job(sheet) for sheet in sheets], concurrency)
    lines = len(sheets) * 5
    return lines / (time.perf_counter() - started), lines


async def open_sheets(client: httpx.AsyncClient, admin: dict[str, str],
                      ids: list[str]) -> list[str]:
    sheets: list[str] = []

    async def open_one(person_id: str) -> None:
        sheet = await post(client, "/v1/timesheets", {"person_id": person_id,
                                                      "week_start_on": YEAR_START.isoformat()},
                           admin)
        sheets.append(sheet["id"])

    await gather_limited([lambda p=p: open_one(p) for p in ids], 8)
    return sheets


async def drained(app: FastAPI, timeout: float = 300) -> None:
    """Waits until the relay has published the seeding backlog, so it does not compete."""
    relay_of = lambda: app.state.write_side.relay  # noqa: E731
    deadline = time.monotonic() + timeout
    while relay_of() is None or (await relay_of().backlog()).size:
        if time.monotonic() > deadline:
            raise RuntimeError("the outbox relay did not drain")
        await asyncio.sleep(0.05)


def client_for(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench",
                             timeout=60)


async def main(people: int, weeks: int, concurrency: int) -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    with tempfile.TemporaryDirectory() as scratch_dir, \
            NatsServer(Path(scratch_dir) / "nats") as nats:
        scratch = Path(scratch_dir)
        db_path = scratch / "resources.db"
        settings = ResourcesSettings(database_url=f"sqlite:///{db_path}", nats_url=nats.url,
                                     dev_mode=True, dev_keys_dir=scratch / "keys",
                                     log_level="WARNING", log_json=False)
        upgrade("pmo_resources", settings.database_url)
        keys = DevKeys.load_or_create(scratch / "keys")
        admin = {"Authorization": "Bearer " + issue_token(
            keys.private_pem, subject="bench", roles=["pmo_admin"], projects=[], portfolios=[],
            person_id=None, issuer="pmo-dev", audience="pmo")}
        app = create_app(settings)
        gc.freeze()  # as the service process does once its app is built (pmo_shared.main)
        async with app.router.lifespan_context(app), client_for(app) as client:
            started = time.perf_counter()
            ids = await seed(client, admin, people)
            seeded_s = time.perf_counter() - started
            await drained(app)
            await capacity_latencies(client, admin, ids[:20], weeks)  # warm-up
            cpu = time.process_time()
            calendar_ms = await capacity_latencies(client, admin, ids, weeks)
            calendar_cpu_ms = (time.process_time() - cpu) * 1000 / len(ids)
            select_ms = select_latencies(db_path, ids)
            sheets = await open_sheets(client, admin, ids)
            service_rate, lines = await write_rate(client, sheets, admin, concurrency)
        base_app = baseline_app(scratch / "baseline.db")
        async with client_for(base_app) as client:
            base_rate, _ = await write_rate(client, sheets, {}, concurrency)
    report(people, weeks, seeded_s, calendar_ms, select_ms, service_rate, base_rate, lines,
           concurrency, calendar_cpu_ms)


def report(people: int, weeks: int, seeded_s: float, calendar_ms: list[float],
           select_ms: list[float], service_rate: float, base_rate: float, lines: int,
           concurrency: int, calendar_cpu_ms: float) -> None:
    p50, p99 = percentile(calendar_ms, 50), percentile(calendar_ms, 99)
    b50, b99 = percentile(select_ms, 50), percentile(select_ms, 99)
    rows = [
        f"seeded {people} people (schedules, calendar, time off, 3 allocations) in {seeded_s:.1f} s",
        f"capacity calendar, {weeks} weeks/person, {people} people, sequential GETs:",
        f"  endpoint      p50 {p50:7.2f} ms   p99 {p99:7.2f} ms   (target p99 <= 100 ms: "
        f"{'met' if p99 <= 100 else 'MISSED'})",
        f"  plain SELECT  p50 {b50:7.2f} ms   p99 {b99:7.2f} ms   endpoint/baseline p99 "
        f"{p99 / b99:.1f}x",
        f"  endpoint CPU time {calendar_cpu_ms:.2f} ms/request (this process, all threads; "
        f"insensitive to other load on the machine)",
        f"timesheet line writes ({lines} POSTs, {concurrency} concurrent, httpx over ASGI):",
        f"  service       {service_rate:8.0f} lines/s (event + outbox + view, one transaction)",
        f"  bare FastAPI + SQLite insert {base_rate:8.0f} req/s   service/baseline "
        f"{service_rate / base_rate:.2f}x",
    ]
    print("\n".join(rows))  # noqa: T201


if __name__ == "__main__":
    # Wall-clock percentiles on a shared machine move with its load; print it beside them.
    print(f"load average at start: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # noqa: T201
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=500)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--concurrency", type=int, default=16)
    args = parser.parse_args()
    asyncio.run(main(args.people, args.weeks, args.concurrency))
