"""Body size limit: 413 problem by declared length or by counted bytes; streams untouched."""
from __future__ import annotations

from collections.abc import AsyncIterator

import anyio
import httpx
from fastapi import FastAPI, Request
from fastapi.responses import StreamingResponse
from starlette.types import Message

from pmo_shared.http.limits import BodySizeLimit
from pmo_shared.http.problems import PROBLEM_BASE, install_problem_handlers

MAX = 1_000


def build_app(calls: list[str]) -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.add_middleware(BodySizeLimit, max_bytes=MAX)

    @app.post("/upload")
    async def upload(request: Request) -> dict[str, int]:
        calls.append("upload")
        return {"received": len(await request.body())}

    @app.post("/json")
    async def json_body(body: dict[str, str]) -> dict[str, int]:
        return {"keys": len(body)}

    @app.get("/stream")
    async def stream() -> StreamingResponse:
        async def chunks() -> AsyncIterator[bytes]:
            for index in range(3):
                yield f"chunk{index};".encode()

        return StreamingResponse(chunks(), media_type="text/plain")

    return app


def client(app: FastAPI) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t")


async def chunked(size: int, chunk: int = 100) -> AsyncIterator[bytes]:
    for _ in range(size // chunk):
        yield b"x" * chunk


def assert_too_large(response: httpx.Response) -> None:
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == PROBLEM_BASE + "body-too-large"


async def test_a_declared_content_length_over_the_limit_is_413_before_the_app_runs() -> None:
    calls: list[str] = []
    async with client(build_app(calls)) as http:
        response = await http.post("/upload", content=b"x" * (MAX + 1))
    assert_too_large(response)
    assert calls == []


async def test_a_chunked_body_over_the_limit_is_413() -> None:
    async with client(build_app([])) as http:
        response = await http.post("/upload", content=chunked(MAX + 100))
    assert "content-length" not in response.request.headers
    assert_too_large(response)


async def test_a_chunked_json_body_over_the_limit_is_413_not_a_parse_error() -> None:
    async with client(build_app([])) as http:
        response = await http.post(
            "/json", content=chunked(MAX * 2), headers={"content-type": "application/json"}
        )
    assert_too_large(response)


async def test_a_body_exactly_at_the_limit_passes() -> None:
    async with client(build_app([])) as http:
        declared = await http.post("/upload", content=b"x" * MAX)
        streamed = await http.post("/upload", content=chunked(MAX))
    assert declared.json() == {"received": MAX}
    assert streamed.json() == {"received": MAX}


async def test_a_streaming_response_passes_through_chunk_by_chunk() -> None:
    sent: list[Message] = []
    request_read = False

    async def receive() -> Message:
        nonlocal request_read
        if request_read:
            # Like a server: nothing more until the client goes away; cancelled when done.
            await anyio.Event().wait()
        request_read = True
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message: Message) -> None:
        sent.append(message)

    scope = {
        "type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "GET",
        "scheme": "http", "path": "/stream", "raw_path": b"/stream", "root_path": "",
        "query_string": b"", "headers": [], "server": ("t", 80), "client": ("c", 1),
    }
    await build_app([])(scope, receive, send)
    bodies = [m["body"] for m in sent if m["type"] == "http.response.body" and m.get("body")]
    assert bodies == [b"chunk0;", b"chunk1;", b"chunk2;"]


async def test_a_raw_asgi_app_gets_the_413_from_the_middleware_itself() -> None:
    async def reads_everything(scope: dict[str, object], receive: object, send: object) -> None:
        while (await receive())["more_body"]:  # type: ignore[operator]
            pass

    sent: list[Message] = []
    chunks = iter([b"x" * 600, b"x" * 600, b""])

    async def receive() -> Message:
        body = next(chunks)
        return {"type": "http.request", "body": body, "more_body": bool(body)}

    async def send(message: Message) -> None:
        sent.append(message)

    limited = BodySizeLimit(reads_everything, max_bytes=MAX)  # type: ignore[arg-type]
    await limited({"type": "http", "headers": []}, receive, send)
    assert sent[0]["status"] == 413
