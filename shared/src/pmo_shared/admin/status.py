"""`pmo status`: each service's /readyz boiled down to one line (health, backlog, lag)."""
from __future__ import annotations

import asyncio
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx

from pmo_shared.devplan import SERVICES

DEFAULT_URLS = {name: f"http://127.0.0.1:{8001 + offset}" for offset, name in enumerate(SERVICES)}


@dataclass(frozen=True)
class ServiceStatus:
    name: str
    ready: bool
    checks: Mapping[str, Any]
    error: str | None = None

    def summary(self) -> str:
        if self.error:
            return f"unreachable ({self.error})"
        parts = ["ready" if self.ready else "UNREADY"]
        relay = self.checks.get("relay", {})
        if "backlog" in relay:
            parts.append(f"backlog={relay['backlog']}")
            if relay.get("oldest_pending_at"):
                parts.append(f"oldest={relay['oldest_pending_at']}")
        nats = self.checks.get("nats", {})
        if "connected" in nats:
            parts.append(f"nats={'up' if nats['connected'] else 'DOWN'}")
        for name, check in self.checks.items():
            if "pending" in check:
                lag = "-" if check["pending"] is None else check["pending"]
                parts.append(f"{name}: lag={lag} applied={check.get('applied')} "
                             f"parked={check.get('parked')}")
        return " ".join(parts)


async def _one(client: httpx.AsyncClient, name: str, url: str) -> ServiceStatus:
    try:
        response = await client.get(f"{url.rstrip('/')}/readyz")
        body = response.json()
    except (httpx.HTTPError, ValueError) as exc:
        return ServiceStatus(name, False, {}, error=type(exc).__name__)
    return ServiceStatus(name, response.status_code == 200, body.get("checks", {}))


async def collect_status(services: Mapping[str, str], *, token: str | None = None,
                         timeout: float = 3.0,
                         transport: httpx.AsyncBaseTransport | None = None) -> list[ServiceStatus]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    async with httpx.AsyncClient(timeout=timeout, headers=headers, trust_env=False,
                                 transport=transport) as client:
        return list(await asyncio.gather(*(_one(client, name, url)
                                           for name, url in services.items())))


def status_rows(reports: Sequence[ServiceStatus]) -> list[str]:
    width = max((len(report.name) for report in reports), default=0) + 2
    return [f"{report.name:<{width}}{report.summary()}" for report in reports]
