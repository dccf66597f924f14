"""The stage gate tour across services: governance decides, the projects service lets the
project enter the phase the gate guards."""
from contextlib import AsyncExitStack
from uuid import uuid4

import pytest

from pmo_governance.app import create_app as governance_app
from pmo_governance.settings import GovernanceSettings
from pmo_projects.app import create_app as projects_app
from pmo_projects.settings import ProjectsSettings
from tests.support.apps import auth, dev_settings, running
from tests.support.databases import fresh_database_url
from tests.support.waiting import wait_until


@pytest.fixture
async def services(database_kind, nats_server, tmp_path):
    keys = tmp_path / "keys"
    async with AsyncExitStack() as stack:
        clients = []
        for package, settings_cls, create_app in (("pmo_projects", ProjectsSettings, projects_app),
                                                  ("pmo_governance", GovernanceSettings,
                                                   governance_app)):
            url = stack.enter_context(fresh_database_url(database_kind, tmp_path))
            settings = dev_settings(settings_cls, database_url=url, nats_url=nats_server.url,
                                    keys_dir=keys)
            clients.append(await stack.enter_async_context(running(package, create_app, settings)))
        yield (*clients, keys)


async def seen_by_projects(projects, event_ids: str) -> None:
    """Waits on the projects service's gate consumer checkpoint for these governance events."""
    consumers = projects.app.state.write_side.consumers
    await wait_until(lambda: "gates" in consumers, message="gate consumer never started")
    assert await consumers["gates"].wait_until_processed(event_ids.split(","), timeout=10)


def charter():
    return {"code": "ERP-9", "name": "ERP", "goals": ["one ledger"], "sponsor_id": str(uuid4()),
            "manager_id": str(uuid4()), "planned_start_on": "2027-01-04",
            "planned_finish_on": "2027-06-30", "project_type": "it",
            "budget": {"amount": "500000.00", "currency": "EUR"}}


async def test_an_approved_gate_lets_the_project_enter_the_next_phase(services):
    projects, governance, keys = services
    approver = uuid4()
    admin = auth(keys, roles=["pmo_admin"], person_id=uuid4())
    created = await projects.post("/v1/projects", json=charter(), headers=admin)
    assert created.status_code == 201, created.text
    project_id = created.json()["id"]
    gate = await governance.post(f"/v1/projects/{project_id}/stage-gates", headers=admin, json={
        "phase": "approved", "project_type": "it", "required_approver_ids": [str(approver)],
        "criteria": [{"description": "business case signed off"}]})
    assert gate.status_code == 201, gate.text
    phase_change = {"to_phase": "approved", "changed_on": "2027-01-04", "reason": "gate"}
    url = f"/v1/projects/{project_id}/phase-changes"

    await seen_by_projects(projects, gate.headers["PMO-Event-Ids"])
    blocked = await projects.post(url, json=phase_change, headers=admin)
    assert blocked.status_code == 409
    assert blocked.json()["type"].endswith("gate-not-approved")
    criterion = gate.json()["criteria"][0]["criterion_id"]
    gate_url = f"/v1/stage-gates/{gate.json()['id']}"
    await governance.post(f"{gate_url}/criteria/{criterion}/attestation", headers=admin, json={})
    decided = await governance.post(f"{gate_url}/decision", json={
        "decision": "approved", "reason": "business case holds"},
        headers=auth(keys, roles=["team_member"], projects=[project_id], person_id=approver))
    assert decided.status_code == 200, decided.text

    await seen_by_projects(projects, decided.headers["PMO-Event-Ids"])
    entered = await projects.post(url, json=phase_change, headers=admin)
    assert entered.status_code == 200, entered.text
    assert entered.json()["phase"] == "approved"
