"""The domain benchmarks other modules own (projects read, capacity, EVM, rebuild), run as they are.

Each is a script printing its own table; a module may instead offer `figures(quick: bool)`
returning `bench.report.Figure`s, which then join the main table."""
from __future__ import annotations

import importlib
import signal
import subprocess
import sys
import time
from dataclasses import dataclass

from bench.procs import ROOT
from bench.report import Figure

MODULES = ("projects_read", "resources_capacity", "reporting_evm", "reporting_rebuild",
           "reporting_capacity")
TIMEOUT_SECONDS = 240
# The rebuild replays the 1,000,000 events; it gets longer than the query benchmarks.
TIMEOUTS = {"reporting_rebuild": 600}


@dataclass(frozen=True)
class ScriptRun:
    name: str
    returncode: int | None
    seconds: float
    output: str


def present() -> list[str]:
    return [name for name in MODULES if (ROOT / "bench" / f"{name}.py").is_file()]


def _script(name: str) -> ScriptRun:
    timeout = TIMEOUTS.get(name, TIMEOUT_SECONDS)
    started = time.monotonic()
    process = subprocess.Popen([sys.executable, "-m", f"bench.{name}"], cwd=ROOT, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               stdin=subprocess.DEVNULL)
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        # SIGINT first, so the script's own cleanup stops the servers it started.
        process.send_signal(signal.SIGINT)
        try:
            out, err = process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            out, err = process.communicate()
        return ScriptRun(name, None, time.monotonic() - started,
                         f"{out.strip()}\n(stopped after {timeout} s)")
    output = out if process.returncode == 0 else f"{out}\n{err[-2000:]}"
    return ScriptRun(name, process.returncode, time.monotonic() - started, output.strip())


def run_all(*, quick: bool) -> tuple[list[Figure], list[ScriptRun]]:
    figures: list[Figure] = []
    scripts: list[ScriptRun] = []
    for name in present():
        print(f"- domain benchmark {name} ...", flush=True)
        try:
            provider = getattr(importlib.import_module(f"bench.{name}"), "figures", None)
            if callable(provider):
                figures += provider(quick=quick)
                continue
        except Exception as exc:  # its failure is its row, not the end of the run
            figures.append(Figure(name, "", skipped=f"{type(exc).__name__}: {exc}"[:160]))
            continue
        scripts.append(_script(name))
    return figures, scripts
