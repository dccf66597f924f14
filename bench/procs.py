"""Child processes of the benchmarks: uvicorn servers, readiness waits, resident memory."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def wait_http(url: str, *, timeout: float = 30.0, process: subprocess.Popen[bytes] | None = None,
              ) -> None:
    """Until `url` answers at all (any status); fails early if `process` died."""
    deadline = time.monotonic() + timeout
    with httpx.Client(trust_env=False, timeout=1.0) as client:
        while True:
            if process is not None and process.poll() is not None:
                raise RuntimeError(f"{process.args} exited with {process.returncode}")
            try:
                client.get(url)
                return
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise RuntimeError(f"{url} did not answer within {timeout} s") from None
            time.sleep(0.05)


@contextlib.contextmanager
def uvicorn_app(factory: str, *, port: int, env: dict[str, str] | None = None,
                log: Path | None = None) -> Iterator[subprocess.Popen[bytes]]:
    """`uvicorn --factory <factory>` with one worker, as the services run."""
    command = [sys.executable, "-m", "uvicorn", "--factory", factory, "--host", "127.0.0.1",
               "--port", str(port), "--workers", "1", "--no-access-log", "--log-level", "warning"]
    out = log.open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **(env or {})},
                               stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        wait_http(f"http://127.0.0.1:{port}/docs", process=process)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if log:
            out.close()  # type: ignore[union-attr]


def rss_mb(pid: int) -> float:
    """Resident set size from /proc (Linux), in MB (10^6 bytes)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024 / 1_000_000
    raise RuntimeError(f"no VmRSS for pid {pid}")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time the process has used so far (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return (int(fields[11]) + int(fields[12])) / ticks
