"""RFC 8725 token negatives against every running service: each bad token is the same 401."""
from __future__ import annotations

import pytest

from tests.support.security.endpoints import endpoints, example_body, fill
from tests.support.security.principals import UNAUTHENTICATED_BODY, bad_tokens, valid_admin_token
from tests.support.security.routes import ACCESS, PUBLIC
from tests.support.system import SERVICES, System

pytestmark = pytest.mark.asyncio(loop_scope="module")
ROUTES_PER_SERVICE = 6


def sampled(system: System, service: str) -> list[tuple[str, str, object]]:
    """A handful of protected routes of the service, reads and writes, with valid bodies."""
    client = getattr(system, service)
    picked = [e for e in endpoints(service, client.app) if ACCESS[e.key].access != PUBLIC]
    step = max(len(picked) // ROUTES_PER_SERVICE, 1)
    return [(e.method, fill(e.path), example_body(client.app, e))
            for e in picked[::step][:ROUTES_PER_SERVICE]]


def assert_generic_401(response) -> None:
    assert response.status_code == 401, response.text
    assert response.json() == UNAUTHENTICATED_BODY
    assert response.headers["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize("service", SERVICES)
async def test_every_forbidden_kind_of_token_is_the_same_401_on_every_service(
        sqlite_system: System, service: str) -> None:
    client = getattr(sqlite_system, service)
    tokens = bad_tokens(sqlite_system.keys_dir)
    for method, path, body in sampled(sqlite_system, service):
        for reason, token in tokens.items():
            response = await client.request(method, path, json=body,
                                            headers={"Authorization": f"Bearer {token}"})
            assert response.status_code == 401, (reason, method, path, response.text)
            assert_generic_401(response)


@pytest.mark.parametrize("service", SERVICES)
async def test_a_valid_token_in_the_query_string_is_refused_on_every_service(
        sqlite_system: System, service: str) -> None:
    client = getattr(sqlite_system, service)
    token = valid_admin_token(sqlite_system.keys_dir)
    for method, path, body in sampled(sqlite_system, service):
        for parameter in ("access_token", "token"):
            response = await client.request(method, path, json=body, params={parameter: token})
            assert_generic_401(response)


@pytest.mark.parametrize("service", SERVICES)
async def test_a_missing_or_malformed_authorization_header_is_the_same_401(
        sqlite_system: System, service: str) -> None:
    client = getattr(sqlite_system, service)
    token = valid_admin_token(sqlite_system.keys_dir)
    headers = [{}, {"Authorization": token}, {"Authorization": f"Basic {token}"},
               {"Authorization": "Bearer " + "a" * 9000}]
    for method, path, body in sampled(sqlite_system, service):
        for header in headers:
            assert_generic_401(await client.request(method, path, json=body, headers=header))


async def test_the_sampled_routes_accept_the_valid_token_so_the_401s_are_about_the_token(
        sqlite_system: System) -> None:
    token = valid_admin_token(sqlite_system.keys_dir)
    response = await sqlite_system.governance.get(
        "/v1/standards", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200, response.text
