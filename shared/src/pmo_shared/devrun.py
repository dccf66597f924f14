"""The local runner behind `pmo run`: NATS, then each service migrated, served and supervised."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path

import httpx

from pmo_shared.devplan import ServiceSpec, module_command, service_env
from pmo_shared.devserver import NatsServer, NatsServerError

READY_TIMEOUT_SECONDS = 60.0
STOP_GRACE_SECONDS = 10.0
TAIL_LINES = 40

Echo = Callable[[str], None]


class RunnerError(RuntimeError):
    """Startup or supervision failed; the message names the service and shows its output."""


def port_in_use(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        # SO_REUSEADDR so sockets of our previous run lingering in TIME_WAIT do not count.
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return True
    return False


def tail(path: Path, lines: int = TAIL_LINES) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except FileNotFoundError:
        return ""


async def create_stream(nats_url: str, *, name: str, duplicate_window_seconds: float,
                        user: str | None = None, password: str | None = None) -> None:
    import nats

    from pmo_shared.messaging.stream import ensure_stream

    # Only the admin user may create the stream; the services' users may not (permissions.py).
    nc = await nats.connect(nats_url, user=user, password=password)
    try:
        await ensure_stream(nc.jetstream(), name=name,
                            duplicate_window_seconds=duplicate_window_seconds)
    finally:
        await nc.close()


class Runner:
    """Starts NATS and the services in order, watches them, and stops them in reverse."""

    def __init__(
        self,
        *,
        specs: list[ServiceSpec],
        data_dir: Path,
        nats: NatsServer,
        stream_name: str,
        duplicate_window_seconds: float,
        echo: Echo,
        command: Callable[[str, str], list[str]] = module_command,
        base_env: Mapping[str, str] | None = None,
        ready_timeout: float = READY_TIMEOUT_SECONDS,
        nats_passwords: Mapping[str, str] | None = None,
    ) -> None:
        self.specs, self.data_dir, self.nats, self.echo = specs, data_dir, nats, echo
        self.stream_name, self.duplicate_window = stream_name, duplicate_window_seconds
        self.command, self.ready_timeout = command, ready_timeout
        self.base_env = dict(base_env) if base_env is not None else {}
        self.nats_passwords = dict(nats_passwords) if nats_passwords is not None else None
        self.stopping = threading.Event()
        self.processes: dict[str, subprocess.Popen[bytes]] = {}

    def log_path(self, service: str) -> Path:
        return self.data_dir / "logs" / f"{service}.log"

    def start(self) -> bool:
        """Bring everything up; False if asked to stop meanwhile, RunnerError if something fails."""
        busy = [p for p in (self.nats.port, self.nats.monitor_port, *(s.port for s in self.specs))
                if port_in_use(p)]
        if busy:
            raise RunnerError(f"port(s) {', '.join(map(str, busy))} already in use; "
                              "is another `pmo run` (or nats-server) running?")
        self.nats.start()
        admin = self.nats_passwords or {}
        asyncio.run(create_stream(self.nats.url, name=self.stream_name,
                                  duplicate_window_seconds=self.duplicate_window,
                                  user="admin" if admin else None, password=admin.get("admin")))
        for spec in self.specs:
            if self.stopping.is_set():
                return False
            self._migrate(spec)
            self._serve(spec)
        return self._wait_ready()

    def _env(self, spec: ServiceSpec) -> dict[str, str]:
        return service_env(spec, nats_url=self.nats.url, data_dir=self.data_dir,
                           base=self.base_env, nats_passwords=self.nats_passwords)

    def _migrate(self, spec: ServiceSpec) -> None:
        # Own session: a Ctrl-C meant for the runner must not kill a migration halfway.
        done = subprocess.run(self.command(spec.name, "migrate"), env=self._env(spec),
                              stdin=subprocess.DEVNULL, capture_output=True, text=True,
                              start_new_session=True, check=False)
        if done.returncode != 0 and not self.stopping.is_set():
            raise RunnerError(f"{spec.name}: migrate exited with code {done.returncode}:\n"
                              f"{done.stdout}{done.stderr}")

    def _serve(self, spec: ServiceSpec) -> None:
        log_path = self.log_path(spec.name)
        log_path.parent.mkdir(parents=True, exist_ok=True)
        with log_path.open("wb") as log:
            self.processes[spec.name] = subprocess.Popen(
                self.command(spec.name, "serve"), env=self._env(spec), stdin=subprocess.DEVNULL,
                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def _wait_ready(self) -> bool:
        pending = {spec.name: spec for spec in self.specs}
        deadline = time.monotonic() + self.ready_timeout
        with httpx.Client(trust_env=False, timeout=1.0) as client:
            while pending:
                if self.stopping.is_set():
                    return False
                self._raise_if_dead()
                for name, spec in list(pending.items()):
                    if _answers_ready(client, spec):
                        del pending[name]
                if pending and time.monotonic() > deadline:
                    details = "\n".join(f"--- {n} ---\n{tail(self.log_path(n))}" for n in pending)
                    raise RunnerError(f"not ready after {self.ready_timeout:.0f} s: "
                                      f"{', '.join(pending)}\n{details}")
                time.sleep(0.1)
        return True

    def _raise_if_dead(self) -> None:
        for name, process in self.processes.items():
            if process.poll() is not None:
                raise RunnerError(f"{name} exited with code {process.returncode}; last output:\n"
                                  f"{tail(self.log_path(name))}")

    def supervise(self) -> int:
        """Block until asked to stop (0) or until a service dies (1)."""
        while not self.stopping.wait(0.25):
            try:
                self._raise_if_dead()
            except RunnerError as error:
                self.echo(str(error))
                return 1
        return 0

    def stop(self) -> None:
        """Services first, newest first, then NATS, so nothing loses its broker mid-shutdown."""
        running = [p for p in reversed(self.processes.values()) if p.poll() is None]
        for process in running:
            process.terminate()
        deadline = time.monotonic() + STOP_GRACE_SECONDS
        for process in running:
            try:
                process.wait(timeout=max(deadline - time.monotonic(), 0.1))
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.nats.stop()


def _answers_ready(client: httpx.Client, spec: ServiceSpec) -> bool:
    try:
        return client.get(f"{spec.url}/readyz").status_code == 200
    except httpx.HTTPError:
        return False


def run_until_stopped(runner: Runner, *, on_ready: Callable[[], None]) -> int:
    """Run with SIGINT/SIGTERM turned into a clean stop; the process exit code to use."""
    previous = {
        signum: signal.signal(signum, lambda *_: runner.stopping.set())
        for signum in (signal.SIGINT, signal.SIGTERM)
    }
    try:
        if not runner.start():
            return 0
        on_ready()
        return runner.supervise()
    except (RunnerError, NatsServerError) as error:
        runner.echo(str(error))
        return 1
    finally:
        runner.stop()
        for signum, handler in previous.items():
            signal.signal(signum, handler)
