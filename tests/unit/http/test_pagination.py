"""Cursor pagination: bounded limits and opaque cursors that fail as 400, never 500."""
from __future__ import annotations

import base64

import httpx
import pytest
from fastapi import FastAPI

from pmo_shared.http.pagination import (
    DEFAULT_LIMIT,
    CursorQuery,
    InvalidCursor,
    LimitQuery,
    Page,
    decode_cursor,
    encode_cursor,
)
from pmo_shared.http.problems import PROBLEM_BASE, install_problem_handlers


def build_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/items")
    async def items(limit: LimitQuery = DEFAULT_LIMIT, cursor: CursorQuery = None) -> Page[int]:
        start = int(decode_cursor(cursor)["after"]) if cursor else 0
        values = list(range(start, start + limit))
        return Page[int](items=values, next_cursor=encode_cursor({"after": start + limit}))

    return app


async def get(params: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=build_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.get("/items", params=params)


async def test_a_limit_above_the_maximum_is_422_naming_the_parameter() -> None:
    response = await get({"limit": "1000000"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "query.limit"


async def test_a_limit_of_zero_is_422() -> None:
    assert (await get({"limit": "0"})).status_code == 422


async def test_the_next_cursor_continues_where_the_page_ended() -> None:
    first = (await get({"limit": "3"})).json()
    second = (await get({"limit": "2", "cursor": first["next_cursor"]})).json()
    assert first["items"] == [0, 1, 2]
    assert second["items"] == [3, 4]


async def test_the_default_limit_applies_without_a_limit_parameter() -> None:
    assert len((await get({})).json()["items"]) == DEFAULT_LIMIT


async def test_a_garbage_cursor_is_a_400_invalid_cursor_problem() -> None:
    response = await get({"cursor": "not a cursor!"})
    assert response.status_code == 400
    assert response.json()["type"] == PROBLEM_BASE + "invalid-cursor"


def test_a_cursor_round_trips_its_values_and_is_url_safe() -> None:
    values = {"after": "2024-05-01T00:00:00Z", "id": "a/b+c", "n": 7}
    cursor = encode_cursor(values)
    assert decode_cursor(cursor) == values
    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


@pytest.mark.parametrize(
    "raw",
    [
        "",
        "a" * 513,
        _b64(b"not json"),
        _b64(b"[1, 2]"),
        _b64(b"\xff\xfe"),
        "abc=",
        "A",
    ],
    ids=["empty", "too-long", "not-json", "not-an-object", "not-utf8", "padding", "bad-length"],
)
def test_a_malformed_cursor_raises_invalid_cursor(raw: str) -> None:
    with pytest.raises(InvalidCursor):
        decode_cursor(raw)


def test_a_long_but_valid_cursor_up_to_512_chars_decodes() -> None:
    cursor = encode_cursor({"k": "x" * 370})
    assert len(cursor) <= 512
    assert decode_cursor(cursor) == {"k": "x" * 370}
