"""X-Request-ID in and out, structured JSON logs carrying it, and the explicit CORS allow-list."""
from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator

import httpx
import pytest
import structlog
from fastapi import FastAPI, Request

from pmo_shared.http.cors import install_cors
from pmo_shared.http.observability import configure_logging, current_request_id, install_request_id


def build_app(origins: list[str] | None = None) -> FastAPI:
    app = FastAPI()
    install_cors(app, origins or [])
    install_request_id(app)

    @app.get("/whoami")
    async def whoami() -> dict[str, str | None]:
        structlog.get_logger("test").info("handled")
        return {"request_id": current_request_id()}

    return app


async def get(app: FastAPI, headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.get("/whoami", headers=headers)


async def test_a_client_request_id_is_kept_and_echoed() -> None:
    response = await get(build_app(), {"X-Request-ID": "client-chosen id:1"})
    assert response.headers["x-request-id"] == "client-chosen id:1"
    assert response.json() == {"request_id": "client-chosen id:1"}


async def test_a_missing_request_id_is_generated_as_uuid4_hex() -> None:
    response = await get(build_app(), {})
    generated = response.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    assert response.json() == {"request_id": generated}


async def test_a_request_id_longer_than_128_chars_is_replaced() -> None:
    response = await get(build_app(), {"X-Request-ID": "a" * 129})
    assert re.fullmatch(r"[0-9a-f]{32}", response.headers["x-request-id"])


async def test_a_request_id_of_exactly_128_chars_is_kept() -> None:
    response = await get(build_app(), {"X-Request-ID": "b" * 128})
    assert response.headers["x-request-id"] == "b" * 128


@pytest.fixture
def restore_logging() -> Iterator[None]:
    root = logging.getLogger()
    handlers, level = root.handlers[:], root.level
    yield
    root.handlers, root.level = handlers, level
    structlog.reset_defaults()


@pytest.mark.usefixtures("restore_logging")
async def test_json_logs_carry_utc_time_level_and_the_request_id(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging("INFO", json=True)
    await get(build_app(), {"X-Request-ID": "trace-7"})
    logging.getLogger("stdlib.lib").warning("from stdlib")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    handled = next(line for line in lines if line["event"] == "handled")
    assert handled["request_id"] == "trace-7"
    assert handled["level"] == "info"
    assert handled["timestamp"].endswith("Z")
    stdlib = next(line for line in lines if line["event"] == "from stdlib")
    assert (stdlib["level"], stdlib["logger"]) == ("warning", "stdlib.lib")


async def test_cors_allows_a_listed_origin_and_exposes_the_etag() -> None:
    response = await get(build_app(["https://pmo.example"]), {"Origin": "https://pmo.example"})
    assert response.headers["access-control-allow-origin"] == "https://pmo.example"
    assert "ETag" in response.headers["access-control-expose-headers"]


async def test_cors_ignores_an_origin_that_is_not_listed() -> None:
    response = await get(build_app(["https://pmo.example"]), {"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers


async def test_without_configured_origins_no_cors_headers_are_sent() -> None:
    response = await get(build_app([]), {"Origin": "https://pmo.example"})
    assert "access-control-allow-origin" not in response.headers


async def test_a_replaced_request_id_is_what_the_app_reads_from_the_request_too() -> None:
    app = FastAPI()
    install_request_id(app)

    @app.get("/whoami")
    async def whoami(request: Request) -> dict[str, str | None]:
        return {"header": request.headers.get("x-request-id"), "context": current_request_id()}

    response = await get(app, {"X-Request-ID": "bad\tid"})

    generated = response.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", generated)
    assert response.json() == {"header": generated, "context": generated}
