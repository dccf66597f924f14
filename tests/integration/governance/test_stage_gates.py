from uuid import uuid4

from tests.integration.governance.conftest import publish_charter
from tests.support.waiting import wait_until

GATE = {"phase": "execution", "project_type": "it",
        "criteria": [{"description": "business case signed off"},
                     {"description": "nice-to-have demo", "mandatory": False}]}


async def define(gov, **overrides):
    body = {**GATE, "required_approver_ids": [str(gov.approver_person)], **overrides}
    response = await gov.post(f"/v1/projects/{gov.project}/stage-gates", json=body,
                              headers=gov.pm)
    assert response.status_code == 201, response.text
    return response.json()


def mandatory(gate):
    return next(c for c in gate["criteria"] if c["mandatory"])


async def test_a_gate_is_approved_with_its_criteria_attested_and_evidenced(gov):
    gate = await define(gov)
    criterion = f"/v1/stage-gates/{gate['id']}/criteria/{mandatory(gate)['criterion_id']}"
    evidence = await gov.post(f"{criterion}/evidence", headers=gov.pm,
                              json={"url": "https://wiki.example.com/bc", "note": "v3"})
    assert evidence.json()["criteria"][0]["evidence"][0]["url"] == "https://wiki.example.com/bc"
    attested = await gov.post(f"{criterion}/attestation", headers=gov.pm, json={})
    assert attested.json()["missing_criterion_ids"] == []
    assert attested.json()["criteria"][0]["attested_by"] == str(gov.pm_person)
    decided = await gov.post(f"/v1/stage-gates/{gate['id']}/decision", headers=gov.approver,
                             json={"decision": "approved", "reason": "benefits confirmed"})
    assert decided.status_code == 200, decided.text
    assert decided.json()["decision"] == {"decision": "approved",
                                          "decided_by": str(gov.approver_person),
                                          "reason": "benefits confirmed", "conditions": []}
    assert decided.headers["ETag"] == '"4"'


async def test_a_gate_cannot_be_decided_twice(gov):
    gate = await define(gov)
    url = f"/v1/stage-gates/{gate['id']}/decision"
    first = await gov.post(url, headers=gov.approver,
                           json={"decision": "deferred", "reason": "wait for budget"})
    assert first.status_code == 200
    second = await gov.post(url, headers=gov.approver,
                            json={"decision": "rejected", "reason": "changed my mind"})
    assert second.status_code == 409
    assert second.json()["type"].endswith("gate-already-decided")
    assert second.json()["decision"] == "deferred"


async def test_a_non_approvers_decision_is_403(gov):
    gate = await define(gov)
    response = await gov.post(f"/v1/stage-gates/{gate['id']}/decision", headers=gov.pm,
                              json={"decision": "rejected", "reason": "not ready"})
    assert response.status_code == 403
    assert response.json()["type"].endswith("not-an-approver")


async def test_approval_with_unattested_criteria_names_them(gov):
    gate = await define(gov)
    response = await gov.post(f"/v1/stage-gates/{gate['id']}/decision", headers=gov.approver,
                              json={"decision": "approved", "reason": "ok"})
    assert response.status_code == 409
    assert response.json()["missing_criterion_ids"] == [mandatory(gate)["criterion_id"]]


async def test_a_conditional_approval_without_conditions_points_at_them(gov):
    gate = await define(gov, criteria=[{"description": "optional", "mandatory": False}])
    response = await gov.post(f"/v1/stage-gates/{gate['id']}/decision", headers=gov.approver,
                              json={"decision": "approved_with_conditions", "reason": "ok"})
    assert response.status_code == 422
    assert response.json()["pointer"] == "#/conditions"


async def test_a_gate_built_from_the_standards_library_copies_its_items(gov):
    standard = await gov.post("/v1/standards", headers=gov.admin, json={
        "kind": "checklist", "title": "IT execution gate", "project_types": ["it"],
        "phase": "execution", "mandatory_items": [{"text": "DPIA done"}, {"text": "budget ok"}]})
    assert standard.status_code == 201, standard.text
    await publish_charter(gov.client.nats_url, gov.project, project_type="it")

    async def known():
        response = await gov.get(f"/v1/projects/{gov.project}/compliance", headers=gov.pm)
        return response.status_code == 200

    await wait_until(known, message="the charter never reached governance")
    gate = await gov.post(f"/v1/projects/{gov.project}/stage-gates", headers=gov.pm, json={
        "standard_id": standard.json()["id"], "required_approver_ids": [str(uuid4())]})
    assert gate.status_code == 201, gate.text
    body = gate.json()
    assert (body["phase"], body["project_type"]) == ("execution", "it")
    assert [c["description"] for c in body["criteria"]] == ["DPIA done", "budget ok"]


async def test_a_gate_of_an_unknown_project_needs_its_type(gov):
    response = await gov.post(f"/v1/projects/{gov.project}/stage-gates", headers=gov.pm, json={
        "phase": "execution", "criteria": [{"description": "x"}],
        "required_approver_ids": [str(uuid4())]})
    assert response.status_code == 422
    assert response.json()["pointer"] == "#/project_type"


async def test_gates_are_listed_undecided_first_filter_and_hidden_from_strangers(gov):
    gate = await define(gov)
    listing = await gov.get(f"/v1/projects/{gov.project}/stage-gates",
                            params={"decision": "undecided"}, headers=gov.auditor)
    assert [g["id"] for g in listing.json()["items"]] == [gate["id"]]
    hidden = await gov.get(f"/v1/stage-gates/{gate['id']}", headers=gov.stranger)
    assert hidden.status_code == 404


async def test_a_named_approver_decides_without_any_role_on_the_project(gov):
    outsider = uuid4()
    gate = await define(gov, required_approver_ids=[str(outsider)])
    sponsor = gov.as_(["team_member"], projects=[uuid4()], person_id=outsider)
    read = await gov.get(f"/v1/stage-gates/{gate['id']}", headers=sponsor)
    assert read.status_code == 200
    decided = await gov.post(f"/v1/stage-gates/{gate['id']}/decision", headers=sponsor,
                             json={"decision": "rejected", "reason": "no business case"})
    assert decided.json()["decision"]["decided_by"] == str(outsider)
