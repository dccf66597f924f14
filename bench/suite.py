"""The kernel benchmarks beside their baselines, in an order that keeps each pair close in time.

Each step that fails becomes a skipped row with the reason, so one broken piece never hides the
other figures."""
from __future__ import annotations

import time
import traceback
from collections.abc import Callable
from pathlib import Path

from bench import baselines, kernel, load, wrk
from bench.procs import cpu_seconds
from bench.report import Figure, Target
from bench.services import System, running_system
from bench.sizes import Sizes
from pmo_shared.devserver import NatsServer

MEMORY_LIMIT_MB = 200
# A measuring window, not a wait for something to happen.
IDLE_SECONDS = 5


def attempt(name: str, step: Callable[[], list[Figure]]) -> list[Figure]:
    try:
        return step()
    except wrk.WrkUnavailable as exc:
        print(f"  {name}: skipped, wrk is not available ({exc})", flush=True)
        return [Figure(name, "", skipped=f"wrk unavailable: {exc}")]
    except Exception as exc:  # one broken benchmark must not hide the others
        traceback.print_exc()
        return [Figure(name, "", skipped=f"{type(exc).__name__}: {exc}"[:160])]


def _http_row(name: str, measured: tuple[wrk.WrkResult, float]) -> Figure:
    result, cpu_ms = measured
    return Figure(name, "req/s", value=result.requests_per_s, p50_ms=result.p50_ms,
                  p99_ms=result.p99_ms, note=f"server CPU per request {cpu_ms:.2f} ms",
                  extra={"cpu_ms_per_request": cpu_ms, "requests": result.requests})


def http_figures(sizes: Sizes, scratch: Path) -> list[Figure]:
    print("- HTTP baselines (wrk) ...", flush=True)
    bare = baselines.http_bare(sizes)
    with_sqlite = baselines.http_sqlite(sizes, scratch)
    rows = [_http_row("baseline (b): bare FastAPI POST", bare),
            _http_row("baseline (a): FastAPI POST + 1 SQLite commit", with_sqlite)]
    print("- services: POST /v1/people, visibility lag, memory ...", flush=True)
    with running_system(scratch / "system") as system:
        rows += _system_figures(system, sizes, bare=bare[0], with_sqlite=with_sqlite[0])
    return rows


def _system_figures(system: System, sizes: Sizes, *, bare: wrk.WrkResult,
                    with_sqlite: wrk.WrkResult) -> list[Figure]:
    rows = _idle_figures(system)
    pids = {name: system.pid(name) for name in ("resources", "reporting")}
    before = {name: cpu_seconds(pid) for name, pid in pids.items()}
    command = load.command_throughput(system, connections=sizes.wrk_connections,
                                      seconds=sizes.wrk_seconds)
    cpu_ms = {name: (cpu_seconds(pid) - before[name]) * 1000 / command.requests
              for name, pid in pids.items()}
    note = ("CPU per command: " + ", ".join(f"{n} {ms:.2f} ms" for n, ms in cpu_ms.items()))
    name = f"command POST /v1/people, {sizes.wrk_connections} connections"
    rows += [
        Figure(name, "req/s", value=command.requests_per_s, p50_ms=command.p50_ms,
               p99_ms=command.p99_ms, baseline_name="a", baseline=with_sqlite.requests_per_s,
               targets=(Target("ratio", ">=", 2), Target("p99_ms", "<=", 25)), note=note,
               extra={"cpu_ms_per_command": cpu_ms, "requests": command.requests}),
        Figure(f"{name} vs bare POST", "req/s", value=command.requests_per_s,
               baseline_name="b", baseline=bare.requests_per_s, targets=(Target("ratio", ">=", 0.4),)),
    ]
    rows += attempt("command -> visible in reporting", lambda: _lag_figures(system, sizes))
    for service, mb in system.rss_mb().items():
        rows.append(Figure(f"resident memory after load: {service}", "MB", value=mb,
                           targets=(Target("value", "<=", MEMORY_LIMIT_MB),)))
    for service, reason in system.not_started.items():
        rows.append(Figure(f"resident memory after load: {service}", "MB",
                           skipped=f"did not start: {reason}"))
    return rows


def _idle_figures(system: System) -> list[Figure]:
    """CPU an idle service burns: a service woken by its own commits once spun at ~27%."""
    before = {name: cpu_seconds(process.pid) for name, process in system.runner.processes.items()}
    time.sleep(IDLE_SECONDS)
    return [Figure(f"idle CPU before load: {name}", "% of a core",
                   value=(cpu_seconds(system.pid(name)) - cpu) / IDLE_SECONDS * 100)
            for name, cpu in before.items()]


def _lag_figures(system: System, sizes: Sizes) -> list[Figure]:
    caught_up = system.wait_caught_up()
    print(f"  reporting caught up {caught_up:.1f} s after the wrk run", flush=True)
    lag = load.visibility_lag(system, rate=sizes.lag_rate, seconds=sizes.lag_seconds)
    note = (f"{lag.commands} commands, {lag.failed} failed; POST p50 {lag.post_p50_ms:.1f} ms, "
            f"p99 {lag.post_p99_ms:.1f} ms; visibility polled every "
            f"{load.POLL_SECONDS * 1000:g} ms; reporting caught up {caught_up:.1f} s after wrk")
    return [Figure(f"command -> visible in reporting at {sizes.lag_rate}/s", "cmd/s",
                   value=lag.achieved_rate, p50_ms=lag.lag_p50_ms, p99_ms=lag.lag_p99_ms,
                   targets=(Target("p99_ms", "<=", 100),), note=note)]


def store_figures(sizes: Sizes, scratch: Path) -> list[Figure]:
    print("- event store append vs eventsourcing ...", flush=True)
    peer = baselines.eventsourcing_saves(sizes, scratch)
    grouped = kernel.store_append(scratch / "store-grouped.db", events=sizes.store_events,
                                  submitters=sizes.store_submitters)
    single = kernel.store_append(scratch / "store-single.db", events=sizes.peer_events,
                                 submitters=1)
    return [
        Figure("baseline (d): eventsourcing single-event saves", "events/s", value=peer),
        Figure(f"event store append, {sizes.store_submitters} concurrent submitters", "events/s",
               value=grouped.events_per_s, p50_ms=grouped.p50_ms, p99_ms=grouped.p99_ms,
               baseline_name="d", baseline=peer, targets=(Target("ratio", ">=", 2),)),
        Figure("event store append, 1 submitter (no grouping)", "events/s",
               value=single.events_per_s, p50_ms=single.p50_ms, p99_ms=single.p99_ms,
               baseline_name="d", baseline=peer),
    ]


def relay_figures(sizes: Sizes, scratch: Path) -> list[Figure]:
    print("- JetStream baselines and the outbox relay ...", flush=True)
    publish, consume = baselines.nats_rates(sizes, scratch)
    with NatsServer(scratch / "nats-relay") as server:
        relayed = kernel.relay_drain(scratch / "relay.db", server.url, events=sizes.relay_events)
    return [
        Figure("baseline (c): raw nats-py publish_async", "msgs/s", value=publish),
        Figure("baseline (c): raw pull-consume, fetch 500 + ack()", "msgs/s", value=consume),
        Figure(f"outbox relay draining {sizes.relay_events:,} events", "events/s", value=relayed,
               baseline_name="c publish", baseline=publish, targets=(Target("ratio", ">=", 0.5),)),
    ]
