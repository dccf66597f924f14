"""A service as a real OS process (`python -m pmo_<svc> serve`), to kill and restart it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx

from pmo_shared.devserver import free_port
from pmo_shared.migrate import upgrade


class ServiceProcess:
    def __init__(self, service: str, *, database_url: str, nats_url: str, keys_dir: Path,
                 log_file: Path, extra_env: dict[str, str] | None = None) -> None:
        self.service = service
        self.port = free_port()
        self.log_file = log_file
        prefix = f"PMO_{service.upper()}_"
        self.env = {
            **os.environ, f"{prefix}DATABASE_URL": database_url, f"{prefix}PORT": str(self.port),
            "PMO_NATS_URL": nats_url, "PMO_DEV_MODE": "true", "PMO_DEV_KEYS_DIR": str(keys_dir),
            **(extra_env or {}),
        }
        self.database_url = database_url
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, *, ready_timeout: float = 30.0) -> None:
        upgrade(f"pmo_{self.service}", self.database_url)
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(
                [sys.executable, "-m", f"pmo_{self.service}", "serve"], env=self.env,
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + ready_timeout
        with httpx.Client(timeout=1.0, trust_env=False) as client:
            while time.monotonic() < deadline:
                if self._process.poll() is not None:
                    raise RuntimeError(f"{self.service} exited: {self.log_file.read_text()[-3000:]}")
                try:
                    if client.get(f"{self.base_url}/readyz").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(0.05)  # polling a starting process; there is no event to wait on
        raise RuntimeError(f"{self.service} not ready: {self.log_file.read_text()[-3000:]}")

    def kill(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.send_signal(signal.SIGKILL)
            self._process.wait()

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.kill()
