"""/livez, /readyz and /metrics: unauthenticated probes kept out of the OpenAPI document."""
from __future__ import annotations

import anyio
import httpx
from fastapi import FastAPI
from prometheus_client import CollectorRegistry

from pmo_shared.http.health import Check, CheckResult, health_router
from pmo_shared.http.observability import install_metrics
from pmo_shared.http.problems import install_problem_handlers


async def database_ok() -> CheckResult:
    return CheckResult(ok=True, details={"latency_ms": 1})


async def relay_behind() -> CheckResult:
    return CheckResult(ok=False, details={"backlog": 1200})


async def nats_broken() -> CheckResult:
    raise ConnectionRefusedError("nats://user:secret@host")


async def hangs() -> CheckResult:
    await anyio.Event().wait()
    raise AssertionError("unreachable")


def build_app(checks: dict[str, Check], timeout_seconds: float = 2.0) -> FastAPI:
    registry = CollectorRegistry()
    app = FastAPI()
    install_problem_handlers(app)
    install_metrics(app, registry=registry, service="projects")
    app.include_router(health_router(checks, registry, timeout_seconds=timeout_seconds))

    @app.get("/v1/projects/{project_id}")
    async def read(project_id: str) -> dict[str, str]:
        return {"id": project_id}

    return app


def client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def test_livez_answers_ok() -> None:
    async with client(build_app({})) as http:
        response = await http.get("/livez")
    assert (response.status_code, response.json()) == (200, {"status": "ok"})


async def test_readyz_is_200_when_every_check_passes() -> None:
    async with client(build_app({"database": database_ok})) as http:
        response = await http.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ready", "checks": {"database": {"ok": True, "latency_ms": 1}}
    }


async def test_readyz_is_503_when_a_check_fails_and_shows_its_details() -> None:
    async with client(build_app({"database": database_ok, "relay": relay_behind})) as http:
        response = await http.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unready",
        "checks": {"database": {"ok": True, "latency_ms": 1},
                   "relay": {"ok": False, "backlog": 1200}},
    }


async def test_a_check_that_raises_is_unready_without_leaking_its_message() -> None:
    async with client(build_app({"nats": nats_broken})) as http:
        response = await http.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["nats"] == {"ok": False, "error": "ConnectionRefusedError"}
    assert "secret" not in response.text


async def test_a_check_that_hangs_times_out_as_unready() -> None:
    async with client(build_app({"stuck": hangs}, timeout_seconds=0.05)) as http:
        response = await http.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["stuck"] == {"ok": False, "error": "timeout"}


async def test_metrics_label_requests_by_route_template_not_raw_path() -> None:
    async with client(build_app({})) as http:
        await http.get("/v1/projects/abc-123")
        await http.get("/no/such/path/9f1c")
        response = await http.get("/metrics")
    assert response.headers["content-type"].startswith("text/plain")
    text = response.text
    assert (
        'pmo_http_request_duration_seconds_count{method="GET",route="/v1/projects/{project_id}",'
        'service="projects",status="200"} 1.0' in text
    )
    assert 'route="<unmatched>",service="projects",status="404"' in text
    assert "abc-123" not in text and "9f1c" not in text


def test_probe_routes_are_not_in_the_openapi_document() -> None:
    paths = build_app({}).openapi()["paths"]
    assert set(paths) == {"/v1/projects/{project_id}"}
