"""Runs a plan against the services: streams in parallel (bounded), each stream in order, ids of
answers captured for later commands, and every refusal recorded with its problem type."""
from __future__ import annotations

import asyncio
import re
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

import httpx

from bench.generator.model import Capture, Command, Ref
from bench.generator.routes import Routes

PLACEHOLDER = re.compile(r"\{([^}]+)\}")
# Asynchronous rules: a phase change waits for the gate decision to reach the projects service.
RETRIED_TYPES = ("gate-not-approved",)
RETRIES = 60
Tokens = Callable[[str | None], Mapping[str, str]]


class Blocked(Exception):
    """A command needs an id that an earlier, skipped or refused, command did not give."""


@dataclass(frozen=True)
class Refusal:
    label: str
    method: str
    path: str
    status: int
    problem_type: str
    detail: str


@dataclass
class Outcome:
    accepted: Counter[str] = field(default_factory=Counter)
    refused: list[Refusal] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    blocked: int = 0
    events: int = 0
    last_event_ids: dict[str, str] = field(default_factory=dict)  # per stream
    elapsed: timedelta = timedelta(0)

    @property
    def commands(self) -> int:
        return sum(self.accepted.values())


def resolve(value: Any, ids: Mapping[str, str]) -> Any:
    if isinstance(value, Ref):
        if value.name not in ids:
            raise Blocked(value.name)
        return ids[value.name]
    if isinstance(value, dict):
        return {k: resolve(v, ids) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [resolve(v, ids) for v in value]
    return value


def resolve_path(path: str, ids: Mapping[str, str]) -> str:
    return PLACEHOLDER.sub(lambda m: str(resolve(Ref(m.group(1)), ids)), path)


def captured(body: Any, capture: Capture, ids: Mapping[str, str]) -> str | None:
    if capture.among is not None:
        wanted = {k: resolve(v, ids) for k, v in capture.match}
        among = body.get(capture.among, [])
        if isinstance(among, dict):  # a map of id -> value reads as items with key and value
            among = [{"key": k, "value": v} for k, v in among.items()]
        items = [i for i in among
                 if all(str(i.get(k)) == str(v) for k, v in wanted.items())]
        body = items[-1] if items else {}
    value = body.get(capture.field)
    return None if value is None else str(value)


class Executor:
    def __init__(self, clients: Mapping[str, httpx.AsyncClient], tokens: Tokens, *,
                 routes: Routes, concurrency: int = 8,
                 on_done: Callable[[int], None] = lambda _: None) -> None:
        self.clients, self.tokens, self.routes = clients, tokens, routes
        self.slots = asyncio.Semaphore(concurrency)
        self.on_done = on_done
        self.ids: dict[str, str] = {}
        self.outcome = Outcome()

    async def run(self, commands: Iterable[Command]) -> Outcome:
        started = time.perf_counter()
        stages: dict[int, dict[str, list[Command]]] = defaultdict(lambda: defaultdict(list))
        for command in commands:
            stages[command.stage][command.stream].append(command)
        for stage in sorted(stages):
            await asyncio.gather(*(self._stream(s) for s in stages[stage].values()))
        self.outcome.elapsed = timedelta(seconds=time.perf_counter() - started)
        return self.outcome

    async def _stream(self, commands: list[Command]) -> None:
        for command in commands:
            await self._one(command)
            self.on_done(1)

    async def _one(self, command: Command) -> None:
        if not self.routes.has(command.service, command.method, command.path):
            self.outcome.skipped[f"{command.service}: {command.method} {command.path}"] += 1
            return
        try:
            path = resolve_path(command.path, self.ids)
            body = resolve(command.body, self.ids)
        except Blocked:
            self.outcome.blocked += 1
            return
        response = await self._send(command, path, body)
        if response.status_code >= 400:
            problem = _problem(response)
            self.outcome.refused.append(Refusal(command.label, command.method, path,
                                                response.status_code, *problem))
            return
        self._record(command, response)

    async def _send(self, command: Command, path: str, body: Any) -> httpx.Response:
        headers = dict(self.tokens(self.ids.get(command.actor)))
        client = self.clients[command.service]
        for attempt in range(RETRIES):
            async with self.slots:
                response = await client.request(command.method, path, json=body, headers=headers)
            if response.status_code != 409 or not _problem(response)[0].endswith(RETRIED_TYPES):
                return response
            await asyncio.sleep(min(0.5, 0.01 * 2 ** attempt))  # the gate decision is on its way
        return response

    def _record(self, command: Command, response: httpx.Response) -> None:
        self.outcome.accepted[command.label] += 1
        event_ids = [e for e in response.headers.get("PMO-Event-Ids", "").split(",") if e]
        self.outcome.events += len(event_ids)
        if event_ids:
            self.outcome.last_event_ids[command.stream] = event_ids[-1]
        if command.captures:
            body = response.json()
            for capture in command.captures:
                value = captured(body, capture, self.ids)
                if value is not None:
                    self.ids[capture.name] = value


def _problem(response: httpx.Response) -> tuple[str, str]:
    try:
        body = response.json()
    except ValueError:
        return "", response.text[:200]
    if not isinstance(body, dict):
        return "", str(body)[:200]
    return str(body.get("type", "")), str(body.get("detail", body))[:300]
