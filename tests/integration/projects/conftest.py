"""The projects service in-process on a real database and NATS, with request-body builders."""
from __future__ import annotations

from uuid import uuid4

import pytest

from pmo_projects.app import create_app
from pmo_projects.settings import ProjectsSettings
from tests.support.apps import auth, dev_settings, running

ADMIN = {"roles": ["pmo_admin"]}


@pytest.fixture
async def projects(database_url, nats_server, tmp_path):
    settings = dev_settings(ProjectsSettings, database_url=database_url,
                            nats_url=nats_server.url, keys_dir=tmp_path / "keys")
    async with running("pmo_projects", create_app, settings) as client:
        client.keys = tmp_path / "keys"
        client.admin = auth(client.keys, **ADMIN)
        yield client


def eur(amount: str) -> dict[str, str]:
    return {"amount": amount, "currency": "EUR"}


def charter(**overrides):
    return {"code": f"P-{uuid4().hex[:6].upper()}", "name": "ERP", "goals": ["g"],
            "sponsor_id": str(uuid4()), "manager_id": str(uuid4()),
            "planned_start_on": "2026-01-05", "planned_finish_on": "2026-12-18",
            "budget": eur("100000.00"), "project_type": "it", **overrides}


def task(**overrides):
    return {"name": "Build", "planned_start_on": "2026-02-02", "planned_finish_on": "2026-03-31",
            "planned_effort_hours": "80", "planned_cost": eur("12000.00"),
            "earning_rule": "percent_complete", **overrides}


async def created(client, url, body, headers=None):
    response = await client.post(url, json=body, headers=headers or client.admin)
    assert response.status_code == 201, response.text
    return response.json()


async def new_project(client, **overrides):
    return await created(client, "/v1/projects", charter(**overrides))


async def new_task(client, project_id, **overrides):
    return await created(client, f"/v1/projects/{project_id}/tasks", task(**overrides))
