"""ETags carry the aggregate version; If-Match must be one strong quoted version or *."""
from __future__ import annotations

import httpx
import pytest
from fastapi import FastAPI

from pmo_shared.http.etag import IfMatchDep, MalformedIfMatch, etag_for, parse_if_match
from pmo_shared.http.problems import PROBLEM_BASE, install_problem_handlers


def test_an_etag_is_the_version_as_a_strong_quoted_tag() -> None:
    assert etag_for(3) == '"3"'


def test_a_quoted_version_parses_to_that_version() -> None:
    assert parse_if_match('"3"') == 3
    assert parse_if_match(' "12" ') == 12


@pytest.mark.parametrize("header", [None, "*"])
def test_no_header_or_a_star_means_any_version(header: str | None) -> None:
    assert parse_if_match(header) is None


@pytest.mark.parametrize(
    "header", ["3", 'W/"3"', '"a"', '"1", "2"', '""', '"-1"', '"03"', '"1e3"', '"' + "9" * 19 + '"']
)
def test_anything_else_is_a_malformed_if_match(header: str) -> None:
    with pytest.raises(MalformedIfMatch):
        parse_if_match(header)


def build_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)

    @app.put("/things/1")
    async def update(expected_version: IfMatchDep) -> dict[str, int | None]:
        return {"expected_version": expected_version}

    return app


async def put(headers: dict[str, str]) -> httpx.Response:
    transport = httpx.ASGITransport(app=build_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        return await client.put("/things/1", headers=headers)


async def test_the_dependency_reads_the_if_match_header() -> None:
    response = await put({"If-Match": '"7"'})
    assert response.json() == {"expected_version": 7}


async def test_the_dependency_gives_none_without_the_header() -> None:
    assert (await put({})).json() == {"expected_version": None}


async def test_a_malformed_if_match_header_is_a_400_problem() -> None:
    response = await put({"If-Match": "7"})
    assert response.status_code == 400
    assert response.json()["type"] == PROBLEM_BASE + "malformed-if-match"
