"""Function-level authorization (OWASP API5): every admin operation refuses every other role,
and a refused call changes nothing anywhere."""
from __future__ import annotations

from uuid import uuid4

import pytest

from tests.support.security.endpoints import endpoints, example_body, fill
from tests.support.security.routes import ACCESS, ADMIN, PENDING_FIX
from tests.support.system import SERVICES, System

pytestmark = pytest.mark.asyncio(loop_scope="module")
NON_ADMIN_ROLES = ("project_manager", "portfolio_manager", "team_member", "auditor", "service")
# What admin operations could change, read back as an admin before and after.
STATE = (("governance", "/v1/standards"), ("governance", "/v1/knowledge"),
         ("resources", "/v1/roles/engineer/cost-rates"), ("resources", "/v1/people"),
         ("projects", "/v1/portfolios"), ("projects", "/v1/programs"), ("projects", "/v1/projects"),
         ("reporting", "/v1/admin/rebuilds/current"), ("reporting", "/v1/admin/dead-letters"))


def admin_operations(system: System):
    return [e for s in SERVICES for e in endpoints(s, getattr(system, s).app)
            if ACCESS[e.key].access == ADMIN and e.key not in PENDING_FIX]


async def state(system: System) -> dict[str, object]:
    admin = system.auth(roles=["pmo_admin"])
    seen = {}
    for service, path in STATE:
        response = await getattr(system, service).get(path, headers=admin)
        seen[path] = (response.status_code, response.text)
    return seen


async def test_the_admin_operations_include_rebuild_redrive_standards_articles_and_rates(
        module_system: System) -> None:
    keys = {e.key for e in admin_operations(module_system)}
    assert {"reporting POST /v1/admin/rebuilds",
            "reporting POST /v1/admin/dead-letters/{dead_letter_id}/redrive",
            "governance POST /v1/standards", "governance PUT /v1/standards/{standard_id}",
            "governance POST /v1/standards/{standard_id}/retirement", "governance POST /v1/articles",
            "resources POST /v1/roles/{role}/cost-rates",
            "resources POST /v1/people/{person_id}/cost-rates",
            "projects POST /v1/admin/republish", "governance POST /v1/admin/republish",
            "resources POST /v1/admin/republish"} <= keys | PENDING_FIX


async def test_every_admin_operation_refuses_every_other_role_and_changes_nothing(
        module_system: System) -> None:
    admin = module_system.auth(roles=["pmo_admin"], person_id=uuid4())
    person = await module_system.resources.post(
        "/v1/people", headers=admin, json={"name": "Ada", "role": "engineer"})
    assert person.status_code == 201, person.text
    values = {"person_id": person.json()["id"]}
    before = await state(module_system)
    accepted = []
    for endpoint in admin_operations(module_system):
        client = getattr(module_system, endpoint.service)
        for role in NON_ADMIN_ROLES:
            # Scoped to everything a token can name, the role alone still must not suffice.
            headers = module_system.auth(roles=[role], projects=[uuid4()], portfolios=[uuid4()],
                                         person_id=uuid4())
            response = await client.request(
                endpoint.method, fill(endpoint.path, values), headers=headers,
                json=example_body(client.app, endpoint))
            if response.status_code not in {403, 404}:
                accepted.append((endpoint.key, role, response.status_code))
    assert accepted == [], "\n".join(map(str, accepted))
    assert await state(module_system) == before


async def test_an_admin_may_run_the_admin_operations(module_system: System) -> None:
    admin = module_system.auth(roles=["pmo_admin"], person_id=uuid4())
    rate = await module_system.resources.post(
        "/v1/roles/analyst/cost-rates", headers=admin,
        json={"effective_from": "2027-01-01", "hourly_rate": {"amount": "85.00", "currency": "EUR"}})
    rebuild = await module_system.reporting.get("/v1/admin/rebuilds/current", headers=admin)
    assert (rate.status_code, rate.json()["rates"][0]["hourly_rate"]) == (
        201, {"amount": "85.00", "currency": "EUR"})
    assert rebuild.status_code == 200


async def test_an_idempotency_key_replays_only_to_the_caller_who_used_it(
        module_system: System) -> None:
    body = {"kind": "policy", "title": "Keyed", "body": "x", "project_types": ["it"]}
    first, second = (module_system.auth(roles=["pmo_admin"], subject=name)
                     for name in ("admin-one", "admin-two"))
    made = await module_system.governance.post(
        "/v1/standards", json=body, headers={**first, "Idempotency-Key": "shared-key"})
    other = await module_system.governance.post(
        "/v1/standards", json=body, headers={**second, "Idempotency-Key": "shared-key"})
    assert (made.status_code, other.status_code) == (201, 201)
    assert "Idempotent-Replayed" not in other.headers
    assert other.json()["id"] != made.json()["id"]
