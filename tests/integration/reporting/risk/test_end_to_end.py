"""Risk exposure end to end: a project and its contingency line through the real projects API,
risks and assessments through the real governance API, read back from reporting."""
from uuid import uuid4

ADMIN = {"roles": ["pmo_admin"]}


async def post(client, path, body, headers):
    response = await client.post(path, json=body, headers=headers)
    assert response.status_code in (200, 201), response.text
    return response


def charter():
    return {"code": "RISK-1", "name": "Risky", "goals": ["g"], "sponsor_id": str(uuid4()),
            "manager_id": str(uuid4()), "planned_start_on": "2027-01-04",
            "planned_finish_on": "2027-06-30", "budget": {"amount": "100000.00", "currency": "EUR"},
            "project_type": "it"}


async def test_emv_of_assessed_risks_is_reported_against_the_contingency_line(system):
    admin = system.auth(**ADMIN)
    project = await post(system.projects, "/v1/projects", charter(), admin)
    project_id = project.json()["id"]
    writes = [project, await post(system.projects, f"/v1/projects/{project_id}/budget-lines", {
        "category": "contingency", "amount": {"amount": "8000.00", "currency": "EUR"}}, admin)]
    for cost in ("10000.00", "2000.00"):
        risk = await post(system.governance, f"/v1/projects/{project_id}/risks", {
            "title": "Vendor late", "category": "supplier", "owner_id": str(uuid4())}, admin)
        writes.append(risk)
        for stage, probability in (("inherent", "0.9"), ("residual", "0.5")):
            writes.append(await post(
                system.governance, f"/v1/risks/{risk.json()['id']}/assessments", {
                    "stage": stage, "probability": probability, "impact": "0.4",
                    "cost_impact": {"amount": cost, "currency": "EUR"},
                    "assessed_on": "2027-01-10"}, admin))
    waited = ",".join(w.headers["PMO-Event-Ids"] for w in writes)

    emv = await system.reporting.get("/v1/risk-exposure/emv", headers=admin, params={
        "wait_for": waited, "wait_seconds": 20, "as_of": "2027-01-31"})
    heat = await system.reporting.get("/v1/risk-exposure/heat-map", headers=admin,
                                      params={"as_of": "2027-01-31"})

    assert emv.status_code == 200, emv.text
    [row] = emv.json()["projects"]
    assert (row["open_risks"], row["emv"]["amount"], row["contingency"]["amount"]) == (
        2, "6000", "8000")
    assert row["emv_to_contingency"]["value"] == "0.7500"
    assert [(c["probability"], c["impact"], c["risks"]) for c in heat.json()["cells"]] == [
        ("0.5", "0.4", 2)]
