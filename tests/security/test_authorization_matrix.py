"""Object-level authorization (OWASP API1) over every route of the four services: each route x
seven principals x objects of projects A and B, expectations from one table (support/security)."""
from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import uuid4

import pytest
import pytest_asyncio

from tests.support.security.endpoints import Endpoint, endpoints, example_body, fill
from tests.support.security.principals import principal_headers
from tests.support.security.routes import (
    ACCESS,
    PENDING_FIX,
    PRINCIPALS,
    PUBLIC,
    QUERY,
    SHARED_BY_DESIGN,
    UNAUTHENTICATED,
    allowed,
)
from tests.support.security.world import SECRET, World, build_world
from tests.support.system import SERVICES, System

pytestmark = pytest.mark.asyncio(loop_scope="module")
DENIED = {401, 403, 404}


@dataclass
class Matrix:
    system: System
    world: World
    callers: dict[str, dict[str, str]]

    def all_endpoints(self) -> list[Endpoint]:
        return [e for s in SERVICES for e in endpoints(s, getattr(self.system, s).app)
                if e.key not in PENDING_FIX]

    def path(self, endpoint: Endpoint, owner: str) -> str:
        return fill(endpoint.path, self.world.params(owner))

    async def call(self, endpoint: Endpoint, owner: str, principal: str):
        client = getattr(self.system, endpoint.service)
        body = example_body(client.app, endpoint) if endpoint.writes else None
        headers = {**self.callers[principal], "If-Match": '"1"'} if endpoint.writes \
            else self.callers[principal]
        return await client.request(endpoint.method, self.path(endpoint, owner), json=body,
                                    headers=headers, params=QUERY.get(endpoint.key))


@pytest_asyncio.fixture(scope="module", loop_scope="module")
async def matrix(module_system: System) -> AsyncIterator[Matrix]:
    world = await build_world(module_system)
    callers = principal_headers(module_system.keys_dir, project_a=world.project("a"),
                                project_b=world.project("b"), other_portfolio=world.other_portfolio)
    admin = callers["admin"]
    # Reports are read after reporting has projected everything the world wrote.
    caught_up = await module_system.reporting.get(
        f"/v1/projects/{world.project('b')}", headers=admin,
        params={"wait_for": ",".join(i for i in world.event_ids if i), "wait_seconds": 20})
    assert caught_up.status_code == 200, caught_up.text
    yield Matrix(module_system, world, callers)


def object_reads(m: Matrix) -> list[Endpoint]:
    return [e for e in m.all_endpoints()
            if e.method == "GET" and ACCESS[e.key].obj is not None]


async def test_every_route_of_every_service_is_classified_in_the_access_table(
        matrix: Matrix) -> None:
    served = {e.key for e in matrix.all_endpoints()} | PENDING_FIX
    assert sorted(served - ACCESS.keys()) == [], "classify new routes in support/security/routes"
    assert sorted(ACCESS.keys() - served) == [], "remove routes that no longer exist"


async def test_reads_of_objects_a_and_b_allow_exactly_the_principals_the_table_names(
        matrix: Matrix) -> None:
    wrong = []
    for endpoint in object_reads(matrix):
        rule = ACCESS[endpoint.key]
        for owner in ("a", "b"):
            for principal in PRINCIPALS:
                response = await matrix.call(endpoint, owner, principal)
                expected = principal in allowed(rule, owner)
                ok = response.status_code == 200 if expected else (
                    response.status_code in DENIED and SECRET[owner] not in response.text)
                if not ok:
                    wrong.append((endpoint.key, owner, principal, response.status_code))
    assert wrong == [], "\n".join(map(str, wrong))


async def test_writes_by_principals_outside_the_table_are_refused_and_change_nothing(
        matrix: Matrix) -> None:
    before = await snapshot(matrix)
    wrong = []
    for endpoint in (e for e in matrix.all_endpoints() if e.writes):
        rule = ACCESS[endpoint.key]
        for owner in ("a", "b"):
            for principal in set(PRINCIPALS) - allowed(rule, owner):
                response = await matrix.call(endpoint, owner, principal)
                expected = {401} if principal in UNAUTHENTICATED else {403, 404}
                if response.status_code not in expected:
                    wrong.append((endpoint.key, owner, principal, response.status_code))
    assert wrong == [], "\n".join(map(str, wrong))
    assert await snapshot(matrix) == before


async def snapshot(m: Matrix) -> dict[tuple[str, str], str]:
    """Every object of the write services read as an admin: a refused write's change shows here.
    (Reports are left out: they carry the time they were asked, so they differ every call.)"""
    views = {}
    for endpoint in (e for e in object_reads(m) if e.service != "reporting"):
        for owner in ("a", "b"):
            response = await m.call(endpoint, owner, "admin")
            views[(endpoint.key, owner)] = response.text if response.status_code == 200 else ""
    return views


async def test_no_read_by_a_member_of_project_a_shows_anything_of_project_b(
        matrix: Matrix) -> None:
    b_ids = set(matrix.world.ids["b"].values()) - {matrix.world.ids["b"].get("lesson_id")}
    leaks = []
    for endpoint in (e for e in matrix.all_endpoints() if e.method == "GET"):
        response = await matrix.call(endpoint, "a", "member_a")
        markers = (SECRET["b"],) if endpoint.key in SHARED_BY_DESIGN else (SECRET["b"], *b_ids)
        found = [marker for marker in markers if marker in response.text]
        if found:
            leaks.append((endpoint.key, response.status_code, found))
    assert leaks == [], "\n".join(map(str, leaks))


async def test_every_protected_route_refuses_anonymous_and_foreign_audience_callers(
        matrix: Matrix) -> None:
    wrong = []
    for endpoint in matrix.all_endpoints():
        if ACCESS[endpoint.key].access == PUBLIC:
            continue
        for principal in UNAUTHENTICATED:
            response = await matrix.call(endpoint, "a", principal)
            if response.status_code != 401:
                wrong.append((endpoint.key, principal, response.status_code))
    assert wrong == [], "\n".join(map(str, wrong))


async def test_portfolio_earned_value_counts_only_the_projects_the_caller_may_read(
        matrix: Matrix) -> None:
    path = f"/v1/evm/portfolios/{matrix.world.portfolio}"
    seen = {}
    for principal in ("admin", "auditor", "member_a", "member_b", "other_portfolio_manager"):
        response = await matrix.system.reporting.get(path, headers=matrix.callers[principal])
        assert response.status_code == 200, response.text
        body = response.json()
        seen[principal] = (body["projects"], [(t["currency"], t["bac"]) for t in body["totals"]])
    assert seen == {
        "admin": (2, [("EUR", "33000.00")]), "auditor": (2, [("EUR", "33000.00")]),
        "member_a": (1, [("EUR", "11000.00")]), "member_b": (1, [("EUR", "22000.00")]),
        "other_portfolio_manager": (0, []),
    }


def mixed_paths(m: Matrix) -> list[tuple[Endpoint, str]]:
    """Nested routes with the outer object of A and the inner ones of B: the outer object's check
    alone must not let B's object through (the classic BOLA of nested routes)."""
    a, b = m.world.params("a"), m.world.params("b")
    mixed = []
    for endpoint in m.all_endpoints():
        outer, *inner = re.findall(r"{(\w+)}", endpoint.path) or [""]
        if inner and outer in a and set(inner) <= b.keys():
            mixed.append((endpoint, fill(endpoint.path, {**b, outer: a[outer]})))
    return mixed


async def test_a_nested_route_of_project_a_never_reaches_an_object_of_project_b(
        matrix: Matrix) -> None:
    manager_a = matrix.system.auth(roles=["project_manager"], projects=[matrix.world.project("a")],
                                   person_id=uuid4(), subject="manager-a")
    before = await snapshot(matrix)
    wrong = []
    for endpoint, path in mixed_paths(matrix):
        client = getattr(matrix.system, endpoint.service)
        body = example_body(client.app, endpoint) if endpoint.writes else None
        headers = {**manager_a, "If-Match": '"1"'} if endpoint.writes else manager_a
        response = await client.request(endpoint.method, path, json=body, headers=headers)
        if response.status_code < 400 or SECRET["b"] in response.text:
            wrong.append((endpoint.key, response.status_code))
    assert len(mixed_paths(matrix)) >= 8
    assert wrong == [], "\n".join(map(str, wrong))
    assert await snapshot(matrix) == before


def filtered_reads(m: Matrix) -> list[tuple[Endpoint, dict[str, str]]]:
    """GET routes filtering by project or portfolio: by project B, and by the portfolio holding
    both A and B."""
    filters = {"project_id": m.world.params("b")["project_id"], "portfolio_id": m.world.portfolio}
    reads = []
    for endpoint in (e for e in m.all_endpoints() if e.method == "GET"):
        names = {p.alias for p in endpoint.route.dependant.query_params}
        reads += [(endpoint, {**QUERY.get(endpoint.key, {}), name: value})
                  for name, value in filters.items() if name in names]
    return reads


async def test_filtering_a_list_by_project_b_or_its_portfolio_shows_a_member_of_a_nothing_of_b(
        matrix: Matrix) -> None:
    b_objects = set(matrix.world.ids["b"].values()) - {matrix.world.ids["b"]["project_id"],
                                                       matrix.world.ids["b"]["lesson_id"]}
    leaks = []
    for endpoint, query in filtered_reads(matrix):
        client = getattr(matrix.system, endpoint.service)
        response = await client.get(fill(endpoint.path, matrix.world.params("a")), params=query,
                                    headers=matrix.callers["member_a"])
        found = [marker for marker in (SECRET["b"], *b_objects) if marker in response.text]
        if found or response.status_code >= 500:
            leaks.append((endpoint.key, response.status_code, found))
    assert len(filtered_reads(matrix)) >= 15
    assert leaks == [], "\n".join(map(str, leaks))
