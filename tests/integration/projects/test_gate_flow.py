"""End to end: a stage gate defined and decided in governance reaches projects over NATS and
decides whether the project may enter the guarded phase."""
from uuid import uuid4

from tests.integration.projects.conftest import charter
from tests.support.waiting import wait_until


async def reflected(system, response) -> None:
    """Waits until projects' gate subscription has applied the events of a governance write."""
    assert response.status_code in (200, 201), response.text
    ids = response.headers["PMO-Event-Ids"].split(",")
    side = system.projects.app.state.write_side
    await wait_until(lambda: "gates" in side.consumers, message="gate consumer never started")
    assert await side.consumers["gates"].wait_until_processed(ids, timeout=10)


async def enter(system, admin, project_id, phase):
    return await system.projects.post(f"/v1/projects/{project_id}/phase-changes", headers=admin,
                                      json={"to_phase": phase, "changed_on": "2026-01-05"})


async def test_a_project_enters_a_gated_phase_only_after_governance_approves_the_gate(system):
    approver = uuid4()
    admin = system.auth(roles=["pmo_admin"], person_id=approver)
    project = (await system.projects.post("/v1/projects", json=charter(), headers=admin)).json()
    gate = await system.governance.post(
        f"/v1/projects/{project['id']}/stage-gates", headers=admin,
        json={"phase": "approved", "project_type": "it",
              "criteria": [{"description": "business case signed off"}],
              "required_approver_ids": [str(approver)]})
    await reflected(system, gate)

    blocked = await enter(system, admin, project["id"], "approved")
    assert blocked.status_code == 409
    assert (blocked.json()["type"], blocked.json()["gate_id"]) == (
        "https://pmo.dev/problems/gate-not-approved", gate.json()["id"])
    assert "pending" in blocked.json()["detail"]

    gate_id = gate.json()["id"]
    criterion = gate.json()["criteria"][0]["criterion_id"]
    attested = await system.governance.post(
        f"/v1/stage-gates/{gate_id}/criteria/{criterion}/attestation", headers=admin, json={})
    assert attested.status_code == 200, attested.text
    decided = await system.governance.post(
        f"/v1/stage-gates/{gate_id}/decision", headers=admin,
        json={"decision": "approved", "reason": "benefits confirmed"})
    await reflected(system, decided)

    entered = await enter(system, admin, project["id"], "approved")
    assert (entered.status_code, entered.json()["phase"]) == (200, "approved")


async def test_a_rejected_gate_keeps_the_project_out_of_the_phase(system):
    approver = uuid4()
    admin = system.auth(roles=["pmo_admin"], person_id=approver)
    project = (await system.projects.post("/v1/projects", json=charter(), headers=admin)).json()
    gate = await system.governance.post(
        f"/v1/projects/{project['id']}/stage-gates", headers=admin,
        json={"phase": "approved", "project_type": "it",
              "criteria": [{"description": "business case", "mandatory": False}],
              "required_approver_ids": [str(approver)]})
    assert gate.status_code == 201, gate.text
    decided = await system.governance.post(
        f"/v1/stage-gates/{gate.json()['id']}/decision", headers=admin,
        json={"decision": "rejected", "reason": "no business case"})
    await reflected(system, decided)
    blocked = await enter(system, admin, project["id"], "approved")
    assert (blocked.status_code, blocked.json()["decision"]) == (409, "rejected")
