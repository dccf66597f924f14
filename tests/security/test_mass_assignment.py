"""Mass assignment: server-owned fields in any write body are refused with 422, never stored."""
from __future__ import annotations

from typing import Any, get_args

import pytest
from pydantic import BaseModel

from tests.support.security.endpoints import endpoints, example_body, fill
from tests.support.system import SERVICES, System

pytestmark = pytest.mark.asyncio(loop_scope="module")
# What the server decides: identity, concurrency, workflow state, accountability and audit.
SERVER_OWNED = {"id": "00000000-0000-4000-8000-000000000001", "version": 7, "status": "approved",
                "approved_by": "00000000-0000-4000-8000-000000000002", "actor": "mallory",
                "created_at": "2027-01-01T00:00:00Z", "recorded_by": "mallory"}


def body_model(endpoint) -> type[BaseModel] | None:
    field = endpoint.route.body_field
    if field is None:
        return None
    annotation = field.field_info.annotation
    return annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None


def nested_models(model: type[BaseModel], seen: set[type[BaseModel]] | None = None):
    """The model and every model reachable through its fields (lists and unions included)."""
    seen = seen if seen is not None else set()
    if model in seen:
        return seen
    seen.add(model)
    pending = [field.annotation for field in model.model_fields.values()]
    while pending:
        annotation = pending.pop()
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            nested_models(annotation, seen)
        pending.extend(get_args(annotation))
    return seen


def write_endpoints(system: System) -> list[tuple[str, Any]]:
    return [(service, e) for service in SERVICES
            for e in endpoints(service, getattr(system, service).app)
            if e.writes and body_model(e) is not None]


async def test_every_write_body_schema_and_its_nested_models_forbid_unknown_fields(
        sqlite_system: System) -> None:
    lax = sorted({f"{service}: {model.__name__}" for service, e in write_endpoints(sqlite_system)
                  for model in nested_models(body_model(e))
                  if model.model_config.get("extra") != "forbid"})
    assert lax == []


async def test_server_owned_fields_in_any_write_body_are_rejected_with_a_pointer_to_them(
        sqlite_system: System) -> None:
    admin = sqlite_system.auth(roles=["pmo_admin"], person_id="00000000-0000-4000-8000-0000000000aa")
    accepted = []
    checked = 0
    for service, endpoint in write_endpoints(sqlite_system):
        client = getattr(sqlite_system, service)
        declared = set(body_model(endpoint).model_fields)
        owned = {**SERVER_OWNED, "project_id": "00000000-0000-4000-8000-0000000000bb"} \
            if "{project_id}" in endpoint.path else SERVER_OWNED
        for field, value in owned.items():
            if field in declared:
                continue  # a field the client legitimately sends here (e.g. a status change)
            body = {**(example_body(client.app, endpoint) or {}), field: value}
            response = await client.request(
                endpoint.method, fill(endpoint.path), json=body,
                headers={**admin, "If-Match": '"1"', "Idempotency-Key": f"mass-{checked}"})
            checked += 1
            pointers = {(e.get("pointer"), e.get("type"))
                        for e in response.json().get("errors", [])}
            if response.status_code != 422 or (f"#/{field}", "extra_forbidden") not in pointers:
                accepted.append((endpoint.key, field, response.status_code))
    assert accepted == []
    assert checked > 300


async def test_a_create_with_a_chosen_id_stores_nothing(sqlite_system: System) -> None:
    admin = sqlite_system.auth(roles=["pmo_admin"])
    client = sqlite_system.governance
    before = (await client.get("/v1/standards", headers=admin)).json()["items"]
    body = {"kind": "policy", "title": "Chosen id", "body": "x", "project_types": ["it"],
            "id": "00000000-0000-4000-8000-000000000001"}
    response = await client.post("/v1/standards", json=body, headers=admin)
    after = (await client.get("/v1/standards", headers=admin)).json()["items"]
    assert response.status_code == 422
    assert after == before
    missing = await client.get("/v1/standards/00000000-0000-4000-8000-000000000001", headers=admin)
    assert missing.status_code == 404
