"""Waiting until reporting reflects a run: the last event of every stream, 50 ids per request
(reporting's `wait_for` takes at most about 2,000 characters)."""
from __future__ import annotations

from collections.abc import Mapping

import httpx

from bench.generator.executor import Outcome

CHUNK = 50
WAIT_SECONDS = 30  # reporting's upper bound for one wait


async def reporting_lag(reporting: httpx.AsyncClient, outcome: Outcome,
                        headers: Mapping[str, str], *, rounds: int = 1) -> str | None:
    """None once reporting reflects every stream's last event, else what it answered last;
    each of the `rounds` lets reporting take up to WAIT_SECONDS more."""
    last = sorted(outcome.last_event_ids.values())
    for chunk in (last[i:i + CHUNK] for i in range(0, len(last), CHUNK)):
        for _ in range(rounds):
            response = await reporting.get("/v1/people/count", headers=headers, params={
                "wait_for": ",".join(chunk), "wait_seconds": WAIT_SECONDS})
            if response.status_code != 504:
                break
        if response.status_code != 200:
            return f"{response.status_code} {response.text[:300]}"
    return None
