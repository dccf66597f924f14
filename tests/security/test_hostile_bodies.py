"""Hostile input against a real service process: refused with 4xx, never 5xx, memory bounded,
and other callers still served meanwhile."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from uuid import uuid4

import httpx
import pytest

from pmo_shared.devserver import NatsServer
from tests.support.apps import auth
from tests.support.processes import ServiceProcess

MIB = 1024 * 1024
RSS_GROWTH_LIMIT = 50 * MIB


@pytest.fixture(scope="module")
def governance(module_nats: NatsServer, tmp_path_factory: pytest.TempPathFactory
               ) -> Iterator[ServiceProcess]:
    root = tmp_path_factory.mktemp("hostile")
    service = ServiceProcess("governance", database_url=f"sqlite:///{root / 'gov.db'}",
                             nats_url=module_nats.url, keys_dir=root / "keys",
                             log_file=root / "governance.log",
                             extra_env={"PMO_LOG_JSON": "true"})
    service.start()
    yield service
    service.stop()


@pytest.fixture
async def http(governance: ServiceProcess) -> AsyncIterator[httpx.AsyncClient]:
    headers = auth(Path(governance.env["PMO_DEV_KEYS_DIR"]),
                   roles=["pmo_admin"], person_id=uuid4())
    async with httpx.AsyncClient(base_url=governance.base_url, headers=headers, timeout=30,
                                 trust_env=False) as client:
        yield client


def rss(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS")


def risks_path() -> str:
    return f"/v1/projects/{uuid4()}/risks"


async def chunks(total: int, size: int = 64 * 1024) -> AsyncIterator[bytes]:
    for _ in range(total // size):
        yield b"x" * size


def hostile_requests() -> list[tuple[str, dict, set[int]]]:
    """(what, httpx request kwargs, acceptable statuses)."""
    json_type = {"content-type": "application/json"}
    long_title = {"title": "t" * 900_000, "category": "supplier", "owner_id": str(uuid4())}
    huge_array = {"impact_scale": ["0.1"] * 120_000, "probability_scale": ["0.1"] * 5}
    return [
        ("10 MiB body", {"method": "POST", "url": risks_path(), "content": b"{" * (10 * MIB),
                         "headers": json_type}, {413}),
        ("10 MiB chunked body", {"method": "POST", "url": risks_path(),
                                 "content": chunks(10 * MIB), "headers": json_type}, {413}),
        ("invalid UTF-8", {"method": "POST", "url": risks_path(),
                           "content": b'{"title": "\xff\xfe\xfa"}', "headers": json_type}, {400}),
        ("100k nested arrays", {"method": "POST", "url": risks_path(),
                                "content": b"[" * 100_000, "headers": json_type}, {400, 422}),
        ("100k nested objects", {"method": "POST", "url": risks_path(),
                                 "content": b'{"a":' * 100_000, "headers": json_type}, {400, 422}),
        ("balanced deep nesting", {"method": "POST", "url": risks_path(),
                                   "content": b"[" * 50_000 + b"]" * 50_000,
                                   "headers": json_type}, {400, 422}),
        ("huge array", {"method": "PUT", "url": f"/v1/projects/{uuid4()}/risk-register",
                        "json": huge_array, "headers": {"If-Match": '"1"'}}, {413, 422}),
        ("very long string", {"method": "POST", "url": risks_path(), "json": long_title},
         {413, 422}),
        ("limit=1000000", {"method": "GET", "url": "/v1/standards",
                           "params": {"limit": 1_000_000}}, {422}),
        ("huge query string", {"method": "GET", "url": "/v1/knowledge",
                               "params": {"q": "w" * 60_000}}, {414, 422, 431}),
    ]


@pytest.mark.parametrize("what", [case[0] for case in hostile_requests()])
async def test_hostile_input_is_refused_with_a_4xx_problem(http: httpx.AsyncClient,
                                                           what: str) -> None:
    _, request, acceptable = next(c for c in hostile_requests() if c[0] == what)
    response = await http.request(**request)
    assert response.status_code in acceptable, (what, response.status_code, response.text[:300])
    assert response.headers["content-type"].startswith("application/problem+json")


async def test_a_burst_of_hostile_bodies_keeps_memory_bounded_and_others_served(
        governance: ServiceProcess, http: httpx.AsyncClient) -> None:
    assert governance.pid is not None
    await http.get("/v1/standards")  # warm up code paths before the baseline
    before = rss(governance.pid)
    requests = [request for _, request, _ in hostile_requests()
                if not hasattr(request.get("content"), "__aiter__")] * 3
    hostile = [http.request(**request) for request in requests]
    served = [http.get("/v1/standards") for _ in range(10)]
    results = await asyncio.gather(*hostile, *served)
    after = rss(governance.pid)
    assert [r.status_code for r in results if r.status_code >= 500] == []
    assert [r.status_code for r in results[len(hostile):]] == [200] * 10
    assert after - before < RSS_GROWTH_LIMIT, (before, after)
