"""`python -m bench [--quick] [--only http,store,relay,domain]`: every benchmark, one table."""
from __future__ import annotations

import argparse
import signal
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from bench import domain, results, suite
from bench.report import Figure, table
from bench.sizes import FULL, QUICK

STEPS = {"http": suite.http_figures, "store": suite.store_figures, "relay": suite.relay_figures}


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--quick", action="store_true",
                        help="small sizes and no domain benchmarks, to try the harness out")
    parser.add_argument("--only", default="", help="comma-separated: http, store, relay, domain")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    # SIGTERM unwinds like Ctrl-C, so the services and nats-server started here are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    sizes = QUICK if args.quick else FULL
    chosen = set(filter(None, args.only.split(","))) or {*STEPS, *({"domain"} if not args.quick
                                                                   else set())}
    started_at, machine = datetime.now(UTC), results.machine()
    print(f"machine: {machine['uname']}; {machine['nproc']} CPUs; Python {machine['python']}; "
          f"load average {machine['load_average']}", flush=True)
    figures: list[Figure] = []
    with tempfile.TemporaryDirectory(prefix="pmo-bench-") as scratch:
        for name, step in STEPS.items():
            if name in chosen:
                figures += suite.attempt(name, lambda step=step: step(sizes, Path(scratch)))
    if "domain" in chosen and figures:
        print("\n" + table(figures) + "\n", flush=True)  # the kernel figures before the long ones
    domain_figures, scripts = domain.run_all(quick=args.quick) if "domain" in chosen else ([], [])
    figures += domain_figures
    print("\n" + table(figures))
    for figure in figures:
        if figure.note:
            print(f"  * {figure.name}: {figure.note}")
    for script in scripts:
        print(f"\n== bench/{script.name}.py (exit {script.returncode}, {script.seconds:.0f} s) ==")
        print(script.output)
    path = results.write(figures, scripts, sizes=sizes, started_at=started_at,
                         machine_before=machine)
    print(f"\nresults: {path.relative_to(results.ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
