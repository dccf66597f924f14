"""Load driver: creates people (resources) and projects (projects) and records every outcome.

Each command carries a unique marker (a person's name, a project's code) so the checker can find
it in the read models even when no response came back, and an Idempotency-Key so it can be
retried safely. A command is acknowledged by a 2xx with its PMO-Event-Ids; a transport error
after sending leaves it unknown; a refused connection or any other status is refused (nothing
was promised)."""
from __future__ import annotations

import asyncio
import itertools
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx

from tests.support.waiting import wait_until

PERSON, PROJECT = "person", "project"
PATHS = {PERSON: "/v1/people", PROJECT: "/v1/projects"}
NOT_SENT = 0  # the connection was refused: the request never left, so it is known not to exist


@dataclass
class Command:
    kind: str
    marker: str
    body: dict[str, Any]
    key: str
    status: int | None = None
    event_ids: tuple[str, ...] = ()
    entity_id: str | None = None
    error: str = ""

    @property
    def acknowledged(self) -> bool:
        return self.status is not None and 200 <= self.status < 300

    @property
    def unknown(self) -> bool:
        return self.status is None


def person_body(marker: str) -> dict[str, Any]:
    return {"name": marker, "role": "engineer"}


def project_body(marker: str) -> dict[str, Any]:
    return {"code": marker, "name": f"Project {marker}", "sponsor_id": str(uuid.uuid4()),
            "manager_id": str(uuid.uuid4()), "planned_start_on": "2027-01-04",
            "planned_finish_on": "2027-12-17", "budget": {"amount": "125000.50", "currency": "EUR"},
            "project_type": "it"}


@dataclass
class LoadDriver:
    """Issues commands from `concurrency` workers against the services' base URLs."""

    base_urls: dict[str, str]
    headers: dict[str, str]
    tag: str
    concurrency: int = 4
    timeout: float = 10.0
    commands: list[Command] = field(default_factory=list)
    _numbers: itertools.count = field(default_factory=itertools.count)

    def next_command(self) -> Command:
        number = next(self._numbers)
        kinds = [kind for kind in (PERSON, PROJECT) if kind in self.base_urls]
        kind = kinds[number % len(kinds)]
        marker = f"F{self.tag}-{number:06d}".upper()
        body = person_body(marker) if kind == PERSON else project_body(marker)
        command = Command(kind=kind, marker=marker, body=body, key=uuid.uuid4().hex)
        self.commands.append(command)
        return command

    async def run(self, count: int) -> list[Command]:
        """Issues `count` commands (spread over the workers) and returns them."""
        remaining = iter(range(count))
        async with self._clients() as clients:
            await asyncio.gather(*(self._worker(clients, remaining) for _ in range(self.concurrency)))
        return self.commands

    async def run_until(self, stop: asyncio.Event, *, limit: int = 100_000) -> list[Command]:
        """Issues commands until `stop` is set (or `limit` is reached)."""
        budget = iter(range(limit))
        async with self._clients() as clients:
            await asyncio.gather(*(self._worker(clients, budget, stop)
                                   for _ in range(self.concurrency)))
        return self.commands

    @asynccontextmanager
    async def running(self) -> AsyncIterator[LoadDriver]:
        """Load in the background for the duration of the block."""
        stop = asyncio.Event()
        task = asyncio.create_task(self.run_until(stop))
        try:
            yield self
        finally:
            stop.set()
            await task

    @property
    def acknowledged(self) -> int:
        return sum(1 for command in self.commands if command.acknowledged)

    async def more_acknowledged(self, count: int, *, timeout: float = 60.0) -> None:
        """Waits until `count` more commands than now have been acknowledged."""
        target = self.acknowledged + count
        await wait_until(lambda: self.acknowledged >= target, timeout=timeout,
                         message=f"fewer than {target} commands acknowledged")

    async def retry_unknown(self) -> int:
        """Re-sends every unknown command with its own Idempotency-Key; returns how many."""
        unknown = [command for command in self.commands if command.unknown]
        async with self._clients() as clients:
            for command in unknown:
                await self._send(clients[command.kind], command)
        return len(unknown)

    def _clients(self) -> _Clients:
        return _Clients(self.base_urls, self.timeout)

    async def _worker(self, clients: dict[str, httpx.AsyncClient], budget: Any,
                      stop: asyncio.Event | None = None) -> None:
        for _ in budget:
            if stop is not None and stop.is_set():
                return
            command = self.next_command()
            await self._send(clients[command.kind], command)

    async def _send(self, client: httpx.AsyncClient, command: Command) -> None:
        headers = {**self.headers, "Idempotency-Key": command.key}
        try:
            response = await client.post(PATHS[command.kind], json=command.body, headers=headers)
        except httpx.ConnectError as exc:
            command.status, command.error = NOT_SENT, repr(exc)
            return
        except httpx.TransportError as exc:
            command.status, command.error = None, repr(exc)
            return
        command.status = response.status_code
        if command.acknowledged:
            command.event_ids = tuple(response.headers["PMO-Event-Ids"].split(","))
            command.entity_id = response.json()["id"]
        else:
            command.error = response.text[:300]


class _Clients:
    def __init__(self, base_urls: dict[str, str], timeout: float) -> None:
        self._clients = {kind: httpx.AsyncClient(base_url=url, timeout=timeout, trust_env=False)
                         for kind, url in base_urls.items()}

    async def __aenter__(self) -> dict[str, httpx.AsyncClient]:
        return self._clients

    async def __aexit__(self, *exc_info: object) -> None:
        for client in self._clients.values():
            await client.aclose()
