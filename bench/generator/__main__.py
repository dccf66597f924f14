"""`python -m bench.generator --size small`: write a seeded demo portfolio through the services'
HTTP APIs (a running `pmo run`, or `--in-process` apps for benchmark-sized runs)."""
from __future__ import annotations

import argparse
import asyncio
import sys
from contextlib import AbstractAsyncContextManager
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from bench.generator import targets
from bench.generator.catchup import reporting_lag
from bench.generator.executor import Executor, Outcome
from bench.generator.plan import build_plan
from bench.generator.routes import Routes
from bench.generator.sizes import SIZES

console = Console(stderr=True)


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.generator", description=__doc__)
    parser.add_argument("--size", choices=sorted(SIZES), default="small")
    parser.add_argument("--projects", type=int, help="override the size's number of projects")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--today", type=date.fromisoformat, default=datetime.now(UTC).date(),
                        help="the day the history ends (default: today, as the services see it)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--base-port", type=int, default=8001, help="as given to `pmo run`")
    parser.add_argument("--data-dir", type=Path, default=Path("var"),
                        help="holds dev-keys (and, with --in-process, the databases)")
    parser.add_argument("--in-process", action="store_true",
                        help="start the four apps here on fresh SQLite files in --data-dir")
    parser.add_argument("--concurrency", type=int, default=8, help="requests in flight")
    return parser.parse_args(argv)


async def generate(args: argparse.Namespace) -> Outcome:
    size = SIZES[args.size] if args.projects is None else SIZES[args.size].with_projects(
        args.projects)
    plan = build_plan(args.seed, size, args.today)
    console.print(f"plan: {len(plan):,} commands for {size}")
    target: AbstractAsyncContextManager[dict[str, httpx.AsyncClient]] = (
        targets.in_process(args.data_dir) if args.in_process else targets.over_http(
            targets.base_urls(args.host, args.base_port), connections=args.concurrency))
    tokens = targets.token_factory(args.data_dir / "dev-keys")
    async with target as clients:
        writers = {name: clients[name] for name in targets.WRITERS}
        columns = (TextColumn("writing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
        with Progress(*columns, console=console) as progress:
            bar = progress.add_task("commands", total=len(plan))
            executor = Executor(writers, tokens, routes=await Routes.discover(writers),
                                concurrency=args.concurrency,
                                on_done=lambda n: progress.advance(bar, n))
            outcome = await executor.run(plan)
        lag = await reporting_lag(clients["reporting"], outcome, tokens(None), rounds=20)
        console.print(f"[yellow]reporting has not caught up: {lag}[/yellow]" if lag else
                      "reporting reflects every stream's last event", highlight=False)
    return outcome


def summary(outcome: Outcome) -> list[str]:
    seconds = outcome.elapsed.total_seconds()
    rate = outcome.commands / seconds if seconds else 0
    lines = [f"accepted {outcome.commands:,} commands -> {outcome.events:,} events in "
             f"{seconds:.1f} s ({rate:,.0f} commands/s)",
             "  " + ", ".join(f"{label} {n:,}" for label, n in outcome.accepted.most_common())]
    lines += [f"  skipped {n:,} x {route}: endpoint not offered yet"
              for route, n in outcome.skipped.items()]
    if outcome.blocked:
        lines.append(f"  blocked {outcome.blocked:,} commands whose ids were never created")
    for refusal in outcome.refused[:10]:
        lines.append(f"  REFUSED {refusal.status} {refusal.method} {refusal.path} "
                     f"({refusal.label}): {refusal.problem_type} {refusal.detail}")
    if len(outcome.refused) > 10:
        lines.append(f"  ... and {len(outcome.refused) - 10:,} more refusals")
    return lines


def main(argv: list[str] | None = None) -> int:
    outcome = asyncio.run(generate(arguments(argv)))
    for line in summary(outcome):
        console.print(line, highlight=False)
    return 1 if outcome.refused else 0



if __name__ == "__main__":
    sys.exit(main())
