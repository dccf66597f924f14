"""Driving an HTTP endpoint with wrk (httpx cannot reach these rates) and reading its report."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

# POST the same JSON body on every request; headers come from the environment so no secret
# ends up in a file.
POST_SCRIPT = """
wrk.method = "POST"
wrk.body = os.getenv("BENCH_BODY")
wrk.headers["Content-Type"] = "application/json"
local token = os.getenv("BENCH_TOKEN")
if token ~= nil and token ~= "" then
  wrk.headers["Authorization"] = "Bearer " .. token
end
"""

_UNITS_MS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}
_LATENCY = re.compile(r"^\s*(50|99)(?:\.000)?%\s+([\d.]+)(us|ms|s|m)\s*$", re.MULTILINE)
_RATE = re.compile(r"^Requests/sec:\s+([\d.]+)", re.MULTILINE)
_NON_2XX = re.compile(r"Non-2xx or 3xx responses:\s+(\d+)")
_ERRORS = re.compile(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")
_TOTAL = re.compile(r"(\d+) requests in")


class WrkUnavailable(RuntimeError):
    """wrk is not installed and could not be installed."""


@dataclass(frozen=True)
class WrkResult:
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    requests: int
    non_2xx: int
    socket_errors: int


def parse(output: str) -> WrkResult:
    """Reads `wrk --latency` output; raises ValueError if the run produced no figures."""
    latencies = {pct: float(v) * _UNITS_MS[unit] for pct, v, unit in _LATENCY.findall(output)}
    rate, total = _RATE.search(output), _TOTAL.search(output)
    if rate is None or total is None or "50" not in latencies or "99" not in latencies:
        raise ValueError(f"unreadable wrk output:\n{output}")
    non_2xx = _NON_2XX.search(output)
    errors = _ERRORS.search(output)
    return WrkResult(
        requests_per_s=float(rate.group(1)), p50_ms=latencies["50"], p99_ms=latencies["99"],
        requests=int(total.group(1)), non_2xx=int(non_2xx.group(1)) if non_2xx else 0,
        socket_errors=sum(int(n) for n in errors.groups()) if errors else 0,
    )


def ensure_wrk() -> str:
    """The wrk binary; installs Debian's package once if it is missing and we may."""
    found = shutil.which("wrk")
    if found:
        return found
    if shutil.which("apt-get") is None or os.geteuid() != 0:
        raise WrkUnavailable("wrk is missing and apt-get is not usable (not root?)")
    print("wrk not found: installing it with apt-get ...", flush=True)
    for command in (["apt-get", "update", "-qq"], ["apt-get", "install", "-y", "-qq", "wrk"]):
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0 and command[1] == "install":
            raise WrkUnavailable(f"apt-get install wrk failed: {done.stderr.strip()[-300:]}")
    found = shutil.which("wrk")
    if not found:
        raise WrkUnavailable("wrk still not found after apt-get install")
    return found


def post(url: str, *, body: str, token: str | None = None, connections: int = 16,
         threads: int = 2, seconds: int = 10) -> WrkResult:
    """POSTs `body` to `url` from `connections` keep-alive connections for `seconds`."""
    binary = ensure_wrk()
    with tempfile.TemporaryDirectory() as scratch:
        script = Path(scratch) / "post.lua"
        script.write_text(POST_SCRIPT)
        env = {**os.environ, "BENCH_BODY": body, "BENCH_TOKEN": token or ""}
        done = subprocess.run(
            [binary, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency",
             "-s", str(script), url],
            capture_output=True, text=True, env=env, check=False, timeout=seconds + 60,
        )
    if done.returncode != 0:
        raise RuntimeError(f"wrk failed ({done.returncode}): {done.stderr.strip()}")
    return parse(done.stdout)
