"""Objects A and B for the authorization matrix, created through the real APIs as an admin.

Projects A and B sit in portfolio P1; the other portfolio P2 holds nothing. Every text field of
B's objects carries SECRET_B, so a leak of B to a caller of A shows up in any response."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx

from tests.support.security.endpoints import endpoints, example_body
from tests.support.system import System

SECRET = {"a": "SECRET-A", "b": "SECRET-B"}
BUDGET = {"a": "1000000.00", "b": "2000000.00"}
# What earned value sums: the planned cost of each project's one task.
TASK_COST = {"a": "11000.00", "b": "22000.00"}


@dataclass
class World:
    portfolio: str
    other_portfolio: str
    ids: dict[str, dict[str, str]] = field(default_factory=lambda: {"a": {}, "b": {}})
    event_ids: list[str] = field(default_factory=list)

    def project(self, owner: str) -> UUID:
        return UUID(self.ids[owner]["project_id"])

    def params(self, owner: str) -> dict[str, str]:
        return {**self.ids[owner], "portfolio_id": self.portfolio}


async def _create(client: httpx.AsyncClient, path: str, body: dict[str, Any],
                  headers: dict[str, str], world: World) -> dict[str, Any]:
    response = await client.post(path, json=body, headers=headers)
    assert response.status_code == 201, (path, response.text)
    world.event_ids += response.headers.get("PMO-Event-Ids", "").split(",")
    return response.json()


def _example(system: System, service: str, method: str, path: str) -> dict[str, Any]:
    client = getattr(system, service)
    endpoint = next(e for e in endpoints(service, client.app)
                    if (e.method, e.path) == (method, path))
    return example_body(client.app, endpoint) or {}


async def build_world(system: System) -> World:
    admin = system.auth(roles=["pmo_admin"], person_id=uuid4(), subject="world-builder")
    portfolios = [await _create(system.projects, "/v1/portfolios",
                                {"name": f"Portfolio {n}", "currency": "EUR"}, admin,
                                World("", "")) for n in (1, 2)]
    world = World(portfolio=portfolios[0]["id"], other_portfolio=portfolios[1]["id"])
    for owner in ("a", "b"):
        await _project_objects(system, world, owner, admin)
        await _governance_objects(system, world, owner, admin)
        allocation = {**_example(system, "resources", "POST", "/v1/allocations"),
                      "project_id": world.ids[owner]["project_id"]}
        world.ids[owner]["allocation_id"] = (await _create(
            system.resources, "/v1/allocations", allocation, admin, world))["id"]
    return world


async def _project_objects(system: System, world: World, owner: str,
                           admin: dict[str, str]) -> None:
    secret, ids = SECRET[owner], world.ids[owner]
    charter = {**_example(system, "projects", "POST", "/v1/projects"),
               "code": f"{secret}-P", "name": f"{secret} project", "goals": [secret],
               "portfolio_id": world.portfolio,
               "budget": {"amount": BUDGET[owner], "currency": "EUR"}}
    ids["project_id"] = (await _create(system.projects, "/v1/projects", charter, admin,
                                       world))["id"]
    base = f"/v1/projects/{ids['project_id']}"
    for key, path in (("task_id", "/tasks"), ("milestone_id", "/milestones"),
                      ("expense_id", "/expenses"), ("baseline_id", "/baselines")):
        body = {**_example(system, "projects", "POST", "/v1/projects/{project_id}" + path)}
        for text in ("name", "description"):
            if text in body:
                body[text] = f"{secret} {text}"
        body.pop("change_request_id", None)
        if "planned_cost" in body:
            body["planned_cost"] = {"amount": TASK_COST[owner], "currency": "EUR"}
        if "spent_on" in body:  # money already spent: no later than today
            body["spent_on"] = str(date.today() - timedelta(days=30))
        ids[key] = (await _create(system.projects, base + path, body, admin, world))["id"]


async def _governance_objects(system: System, world: World, owner: str,
                              admin: dict[str, str]) -> None:
    secret, ids = SECRET[owner], world.ids[owner]
    base = f"/v1/projects/{ids['project_id']}"
    plans = (("risk_id", "/risks", {"title": f"{secret} risk"}),
             ("issue_id", "/issues", {"title": f"{secret} issue", "risk_id": None}),
             ("request_id", "/change-requests", {"title": f"{secret} change"}),
             ("gate_id", "/stage-gates", {}))
    for key, path, overrides in plans:
        body = {**_example(system, "governance", "POST", "/v1/projects/{project_id}" + path),
                **overrides}
        created = await _create(system.governance, base + path,
                                {k: v for k, v in body.items() if v is not None}, admin, world)
        ids[key] = created["id"]
        if key == "gate_id":
            ids["criterion_id"] = created["criteria"][0]["criterion_id"]
    lesson = _example(system, "governance", "POST", "/v1/projects/{project_id}/lessons")
    # Lessons are shared across projects by design, so they carry no secret marker.
    ids["lesson_id"] = (await _create(system.governance, base + "/lessons", lesson, admin,
                                      world))["id"]
