"""Projects read/command benchmark: a project with 2,000 tasks and ~20,000 events, through the real
app in-process (httpx ASGITransport), beside a bare FastAPI endpoint committing one SQLite row per
request, measured in the same run.

`python bench/projects_read.py [--tasks 2000] [--reports 9]` prints p50/p99 of reading the whole
plan (project + every task), of reading the project aggregate, and of a progress update; and the
throughput of concurrent progress updates against the baseline's."""
from __future__ import annotations

import argparse
import asyncio
import gc
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

# Latencies and rates are binary fractions here on purpose: they are measurements, not money.

if __package__ in (None, ""):  # run as a script: make `bench` and the repo importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import httpx  # noqa: E402

from bench.baseline_app import BODY, sqlite_app  # noqa: E402
from pmo_projects.app import create_app  # noqa: E402
from pmo_projects.settings import ProjectsSettings  # noqa: E402
from pmo_shared.devserver import NatsServer  # noqa: E402
from pmo_shared.http.devkeys import DevKeys, issue_token  # noqa: E402
from pmo_shared.migrate import upgrade  # noqa: E402

CONCURRENCY = 32
CHARTER = {"code": "BENCH-1", "name": "Benchmark", "goals": ["measure"],
           "sponsor_id": "0b6f1c1e-8a5e-4a8e-9d7e-2f1c3b4a5d6e",
           "manager_id": "6a1d2c3b-4e5f-4a7b-8c9d-0e1f2a3b4c5d",
           "planned_start_on": "2026-01-05", "planned_finish_on": "2026-12-18",
           "budget": {"amount": "50000000.00", "currency": "EUR"}, "project_type": "it"}
TASK = {"name": "Work package", "planned_start_on": "2026-02-02",
        "planned_finish_on": "2026-10-30", "planned_effort_hours": "120",
        "planned_cost": {"amount": "18000.00", "currency": "EUR"}}


def percentiles(samples: list[Any]) -> tuple[Any, Any]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))]


async def timed(call: Callable[[], Awaitable[httpx.Response]], runs: int) -> list[Any]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        response = await call()
        samples.append((time.perf_counter() - started) * 1000)
        assert response.status_code < 300, response.text
    return samples


async def throughput(calls: list[Callable[[], Awaitable[httpx.Response]]]) -> Any:
    queue = list(reversed(calls))

    async def worker() -> None:
        while queue:
            response = await queue.pop()()
            assert response.status_code < 300, response.text

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CONCURRENCY)))
    return len(calls) / (time.perf_counter() - started)


async def build(client: httpx.AsyncClient, headers: dict[str, str], tasks: int,
                reports: int) -> tuple[str, list[str]]:
    project = (await client.post("/v1/projects", json=CHARTER, headers=headers)).json()["id"]
    base = f"/v1/projects/{project}/tasks"

    created: list[str] = []

    async def plan() -> httpx.Response:
        response = await client.post(base, json=TASK, headers=headers)
        created.append(response.json()["id"])
        return response

    await throughput([plan] * tasks)
    await throughput([progress_call(client, headers, project, task_id, day)
                      for day in range(1, reports + 1) for task_id in created])
    return project, created


def progress_call(client: httpx.AsyncClient, headers: dict[str, str], project: str, task_id: str,
                  day: int) -> Callable[[], Awaitable[httpx.Response]]:
    body = {"status_on": f"2026-03-{day:02d}", "percent_complete": str(min(100, day * 5))}
    url = f"/v1/projects/{project}/tasks/{task_id}/progress"
    return lambda: client.post(url, json=body, headers=headers)


async def measure_service(scratch: Path, nats_url: str, args: argparse.Namespace) -> dict[str, Any]:
    settings = ProjectsSettings(database_url=f"sqlite:///{scratch / 'projects.db'}",
                                nats_url=nats_url, dev_mode=True, dev_keys_dir=scratch / "keys",
                                log_json=True, log_level="WARNING")
    upgrade("pmo_projects", settings.database_url)
    app = create_app(settings)
    gc.freeze()  # as the service process does once its app is built (pmo_shared.main)
    keys = DevKeys.load_or_create(scratch / "keys")
    token = issue_token(keys.private_pem, subject="bench", roles=["pmo_admin"], projects=[],
                        portfolios=[], person_id=None, issuer="pmo-dev", audience="pmo")
    headers = {"Authorization": f"Bearer {token}"}
    async with app.router.lifespan_context(app), httpx.AsyncClient(
            transport=httpx.ASGITransport(app=app), base_url="http://bench") as client:
        started = time.perf_counter()
        project, tasks = await build(client, headers, args.tasks, args.reports)
        built_s = time.perf_counter() - started
        plan = await timed(lambda: client.get(f"/v1/projects/{project}/plan", headers=headers),
                           args.runs)
        read = await timed(lambda: client.get(f"/v1/projects/{project}", headers=headers),
                           args.runs)
        single = await timed(progress_call(client, headers, project, tasks[0], 28), args.runs)
        rate = await throughput([progress_call(client, headers, project, t, 29)
                                 for t in tasks[: args.runs * 4]])
        events = await app.state.write_side.database.read(
            lambda c: c.exec_driver_sql("SELECT count(*) FROM events").scalar_one())
    return {"plan": plan, "read": read, "single": single, "rate": rate, "events": events,
            "built_s": built_s, "tasks": len(tasks)}


async def measure_baseline(scratch: Path, runs: int) -> dict[str, Any]:
    os.environ["BENCH_SQLITE_PATH"] = str(scratch / "baseline.db")
    app = sqlite_app()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://bench") as client:
        def post() -> Awaitable[httpx.Response]:
            return client.post("/items", content=BODY,
                               headers={"content-type": "application/json"})

        single = await timed(post, runs)
        rate = await throughput([post for _ in range(runs * 4)])
    return {"single": single, "rate": rate}


def report(service: dict[str, Any], baseline: dict[str, Any]) -> str:
    rows = [("GET plan (project + all tasks)", service["plan"], "p99 <= 30 ms"),
            ("GET project (aggregate)", service["read"], ""),
            ("POST progress (one at a time)", service["single"], ""),
            ("baseline: POST one SQLite row", baseline["single"], "")]
    lines = [f"{service['tasks']} tasks, {service['events']} events in the store "
             f"(built in {service['built_s']:.0f} s)", "",
             f"{'what':<34} {'p50 ms':>8} {'p99 ms':>8}  target"]
    for name, samples, target in rows:
        p50, p99 = percentiles(samples)
        lines.append(f"{name:<34} {p50:>8.2f} {p99:>8.2f}  {target}")
    ratio = service["rate"] / baseline["rate"]
    lines += ["", f"{'throughput, ' + str(CONCURRENCY) + ' concurrent':<34} {'req/s':>8}",
              f"{'POST progress':<34} {service['rate']:>8.0f}",
              f"{'baseline: POST one SQLite row':<34} {baseline['rate']:>8.0f}",
              f"ratio progress / baseline: {ratio:.2f}x (target >= 2x)"]
    return "\n".join(lines)


async def main(args: argparse.Namespace) -> None:
    with tempfile.TemporaryDirectory(prefix="pmo-bench-projects-") as tmp:
        scratch = Path(tmp)
        nats = NatsServer(scratch / "nats")
        nats.start()
        try:
            service = await measure_service(scratch, nats.url, args)
        finally:
            nats.stop()
        baseline = await measure_baseline(scratch, args.runs)
    print(report(service, baseline))


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--tasks", type=int, default=2000)
    parser.add_argument("--reports", type=int, default=9, help="progress reports per task")
    parser.add_argument("--runs", type=int, default=200, help="samples per latency figure")
    return parser.parse_args()


if __name__ == "__main__":
    asyncio.run(main(arguments()))
