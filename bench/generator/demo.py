"""`make demo`: start `pmo run` on a fresh var/demo, wait until ready, write the small demo
portfolio through HTTP, print report URLs with a ready-made token, run until Ctrl-C."""
from __future__ import annotations

import asyncio
import shutil
import signal
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

import httpx

from bench.generator import targets
from bench.generator.__main__ import arguments, console, generate, summary

DATA_DIR = Path("var/demo")
READY_SECONDS = 90


def start_services(base_port: int) -> subprocess.Popen[bytes]:
    shutil.rmtree(DATA_DIR, ignore_errors=True)  # project codes are unique: start from empty
    pmo = Path(sys.executable).with_name("pmo")
    log = DATA_DIR / "pmo-run.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    # Its own session, so Ctrl-C reaches only this script, which then stops it with SIGTERM.
    return subprocess.Popen([str(pmo), "run", "--data-dir", str(DATA_DIR), "--base-port",
                             str(base_port)], stdout=log.open("wb"), stderr=subprocess.STDOUT,
                            start_new_session=True)


def wait_until_ready(urls: dict[str, str], process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_SECONDS
    pending = dict(urls)
    while pending:
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit(f"`pmo run` did not get ready; see {DATA_DIR / 'pmo-run.log'}")
        for name, url in list(pending.items()):
            try:
                if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                    del pending[name]
            except httpx.TransportError:
                pass
        time.sleep(0.25)  # polling a child process's startup; nothing to subscribe to


def report_lines(urls: dict[str, str], token: str, today: date) -> list[str]:
    year_ago = today - timedelta(days=365)
    reporting = urls["reporting"]
    reports = [f"{reporting}/v1/portfolio/health",
               f"{reporting}/v1/evm/all",
               f"{reporting}/v1/risk-exposure/top-risks",
               f"{reporting}/v1/capacity/over-allocations?from_on={today}&to_on="
               f"{today + timedelta(days=90)}",
               f"{reporting}/v1/burn-rate?from_on={year_ago}&to_on={today}"]
    return ["", "reports (send the token as a bearer token):",
            *[f"  {url}" for url in reports],
            f"  e.g. curl -H \"Authorization: Bearer $TOKEN\" '{reports[0]}'",
            f"API docs: {urls['projects']}/docs  {urls['governance']}/docs  "
            f"{urls['resources']}/docs  {reporting}/docs",
            "", f"TOKEN={token}", "", "services keep running; Ctrl-C stops them"]


def main() -> int:
    args = arguments(["--size", "small", "--data-dir", str(DATA_DIR)] + sys.argv[1:])
    urls = targets.base_urls(args.host, args.base_port)
    process = start_services(args.base_port)
    try:
        console.print(f"starting the services (log: {DATA_DIR / 'pmo-run.log'}) ...")
        wait_until_ready(urls, process)
        outcome = asyncio.run(generate(args))
        for line in summary(outcome):
            console.print(line, highlight=False)
        token = targets.token_factory(DATA_DIR / "dev-keys")(None)["Authorization"].split()[1]
        for line in report_lines(urls, token, args.today):
            console.print(line, highlight=False, soft_wrap=True)
        process.wait()
    except KeyboardInterrupt:
        console.print("stopping ...")
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
