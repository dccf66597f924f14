"""Liveness, readiness and Prometheus scrape endpoints; unauthenticated and kept out of OpenAPI."""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest


@dataclass(frozen=True, slots=True)
class CheckResult:
    ok: bool
    details: dict[str, Any] = field(default_factory=dict)


Check = Callable[[], Awaitable[CheckResult]]


async def _run(check: Check, timeout_seconds: float) -> CheckResult:
    # A hung dependency must make the probe fail, not hang the orchestrator's probe.
    try:
        return await asyncio.wait_for(check(), timeout_seconds)
    except TimeoutError:
        return CheckResult(ok=False, details={"error": "timeout"})
    except Exception as exc:
        # The endpoint is unauthenticated: name the failure, never its message.
        return CheckResult(ok=False, details={"error": type(exc).__name__})


def health_router(
    checks: Mapping[str, Check],
    registry: CollectorRegistry,
    *,
    timeout_seconds: float = 2.0,
) -> APIRouter:
    router = APIRouter(include_in_schema=False)

    @router.get("/livez")
    async def livez() -> dict[str, str]:
        return {"status": "ok"}

    @router.get("/readyz")
    async def readyz() -> JSONResponse:
        names = list(checks)
        results = await asyncio.gather(*(_run(checks[name], timeout_seconds) for name in names))
        ready = all(result.ok for result in results)
        body = {
            "status": "ready" if ready else "unready",
            "checks": {
                name: {**result.details, "ok": result.ok}
                for name, result in zip(names, results, strict=True)
            },
        }
        return JSONResponse(body, status_code=200 if ready else 503)

    @router.get("/metrics")
    def metrics() -> Response:
        # Sync handler: generate_latest walks every collector, so it runs in the threadpool.
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return router
