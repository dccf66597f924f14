"""Errors leave every service as RFC 9457 problem+json with stable types."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated

import httpx
from fastapi import FastAPI, Query
from pydantic import BaseModel

from pmo_shared.http.observability import install_request_id
from pmo_shared.http.problems import PROBLEM_BASE, PROBLEM_RESPONSES, install_problem_handlers
from pmo_shared.kernel.errors import ConcurrencyConflict


class Money(BaseModel):
    amount: Decimal
    currency: str


class Line(BaseModel):
    name: str


class ProjectCreate(BaseModel):
    name: str
    budget: Money
    lines: list[Line] = []


def build_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    install_request_id(app)

    @app.post("/projects", responses=PROBLEM_RESPONSES)
    async def create(body: ProjectCreate) -> dict[str, str]:
        return {"name": body.name}

    @app.get("/projects")
    async def list_projects(limit: Annotated[int, Query(ge=1, le=10)] = 5) -> dict[str, int]:
        return {"limit": limit}

    @app.post("/conflict")
    async def conflict() -> None:
        raise ConcurrencyConflict("Version 3 is not current.", current_version=4)

    @app.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret connection string postgres://u:p@db")

    return app


def client() -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=build_app()), base_url="http://t")


async def test_an_invalid_body_field_is_422_with_a_json_pointer_to_it() -> None:
    body = {"name": "Apollo", "budget": {"amount": "lots", "currency": "EUR"}}
    async with client() as http:
        response = await http.post("/projects", json=body)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    problem = response.json()
    assert problem["type"] == PROBLEM_BASE + "validation-failed"
    assert [(e["pointer"], e["type"]) for e in problem["errors"]] == [
        ("#/budget/amount", "decimal_parsing")
    ]


async def test_a_missing_field_inside_a_list_item_points_at_its_index() -> None:
    body = {"name": "A", "budget": {"amount": "1", "currency": "EUR"}, "lines": [{}, {}]}
    async with client() as http:
        response = await http.post("/projects", json=body)
    pointers = [e["pointer"] for e in response.json()["errors"]]
    assert pointers == ["#/lines/0/name", "#/lines/1/name"]


async def test_a_missing_body_points_at_the_whole_document() -> None:
    async with client() as http:
        response = await http.post("/projects")
    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == ["#"]


async def test_an_invalid_query_parameter_is_named_as_a_parameter_not_a_pointer() -> None:
    async with client() as http:
        response = await http.get("/projects", params={"limit": "11"})
    assert response.status_code == 422
    (error,) = response.json()["errors"]
    assert error["parameter"] == "query.limit"
    assert "pointer" not in error
    assert error["type"] == "less_than_equal"


async def test_a_body_that_is_not_json_is_400_malformed_body() -> None:
    async with client() as http:
        response = await http.post(
            "/projects", content=b'{"name": ', headers={"content-type": "application/json"}
        )
    assert response.status_code == 400
    assert response.json()["type"] == PROBLEM_BASE + "malformed-body"


async def test_a_body_that_is_not_utf8_is_400_malformed_body() -> None:
    async with client() as http:
        response = await http.post(
            "/projects", content=b'{"name": "\xff\xfe"}', headers={"content-type": "application/json"}
        )
    assert response.status_code == 400
    assert response.json()["type"] == PROBLEM_BASE + "malformed-body"


async def test_an_unknown_route_is_a_404_problem() -> None:
    async with client() as http:
        response = await http.get("/nowhere")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["type"] == PROBLEM_BASE + "not-found"


async def test_a_wrong_method_is_405_and_keeps_the_allow_header() -> None:
    async with client() as http:
        response = await http.delete("/conflict")
    assert response.status_code == 405
    assert response.json()["type"] == PROBLEM_BASE + "method-not-allowed"
    assert response.headers["allow"] == "POST"


async def test_a_domain_error_carries_its_status_type_detail_and_extensions() -> None:
    async with client() as http:
        response = await http.post("/conflict")
    assert response.status_code == 409
    assert response.json() == {
        "type": PROBLEM_BASE + "version-conflict",
        "title": "The resource was changed by someone else",
        "status": 409,
        "detail": "Version 3 is not current.",
        "current_version": 4,
    }


async def test_an_unexpected_exception_is_a_generic_500_without_exception_text() -> None:
    async with client() as http:
        response = await http.get("/boom")
    assert response.status_code == 500
    assert response.json()["type"] == PROBLEM_BASE + "internal-error"
    assert "postgres" not in response.text
    assert "RuntimeError" not in response.text
    assert "Traceback" not in response.text


async def test_a_500_still_passes_through_middleware_and_carries_the_request_id() -> None:
    async with client() as http:
        response = await http.get("/boom", headers={"X-Request-ID": "req-42"})
    assert response.status_code == 500
    assert response.headers["x-request-id"] == "req-42"


def test_openapi_documents_error_responses_as_problem_json() -> None:
    operation = build_app().openapi()["paths"]["/projects"]["post"]
    documented = {code for code in operation["responses"] if code.startswith("4")}
    assert documented == {"400", "401", "403", "404", "409", "412", "413", "422"}
    content = operation["responses"]["412"]["content"]
    assert content == {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}


def test_openapi_components_define_the_problem_and_field_error_schemas() -> None:
    schemas = build_app().openapi()["components"]["schemas"]
    assert schemas["Problem"]["required"] == ["type", "title", "status", "detail"]
    errors = schemas["Problem"]["properties"]["errors"]["anyOf"][0]
    assert errors["items"] == {"$ref": "#/components/schemas/FieldError"}
    assert set(schemas["FieldError"]["properties"]) == {"pointer", "parameter", "detail", "type"}
