"""Risk exposure end to end: a project and its contingency line through the real projects API,
risks and assessments through the real governance API, read back from reporting."""
from datetime import UTC, datetime
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


async def two_assessed_risks(system, project_id, admin):
    """Two risks, both assessed 0.9 inherent and 0.5 residual x 0.4 impact on 2027-01-10, with cost
    impacts 10,000 and 2,000 EUR (residual EMV 5,000 and 1,000): their ids and the writes."""
    risks, writes = [], []
    for cost in ("10000.00", "2000.00"):
        risk = await post(system.governance, f"/v1/projects/{project_id}/risks", {
            "title": "Vendor late", "category": "supplier", "owner_id": str(uuid4())}, admin)
        risks.append(risk.json()["id"])
        writes.append(risk)
        for stage, probability in (("inherent", "0.9"), ("residual", "0.5")):
            writes.append(await post(system.governance, f"/v1/risks/{risks[-1]}/assessments", {
                "stage": stage, "probability": probability, "impact": "0.4",
                "cost_impact": {"amount": cost, "currency": "EUR"}, "assessed_on": "2027-01-10"},
                admin))
    return risks, writes


async def test_emv_of_assessed_risks_is_reported_against_the_contingency_line(system):
    admin = system.auth(**ADMIN)
    project = await post(system.projects, "/v1/projects", charter(), admin)
    project_id = project.json()["id"]
    writes = [project, await post(system.projects, f"/v1/projects/{project_id}/budget-lines", {
        "category": "contingency", "amount": {"amount": "8000.00", "currency": "EUR"}}, admin)]
    writes += (await two_assessed_risks(system, project_id, admin))[1]
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


async def test_a_closure_and_a_reassessment_through_governance_leave_the_earlier_view_intact(
        system):
    admin = system.auth(**ADMIN)
    project = await post(system.projects, "/v1/projects", charter(), admin)
    risks, assessed = await two_assessed_risks(system, project.json()["id"], admin)
    writes = [project, *assessed]
    committee = datetime.now(UTC).isoformat()  # after every write above, before the next ones
    writes += [
        await post(system.governance, f"/v1/risks/{risks[0]}/status", {"status": "closed"}, admin),
        await post(system.governance, f"/v1/risks/{risks[1]}/assessments", {
            "stage": "residual", "probability": "0.9", "impact": "0.4",
            "cost_impact": {"amount": "2000.00", "currency": "EUR"}, "assessed_on": "2027-01-10"},
            admin)]
    waited = ",".join(w.headers["PMO-Event-Ids"] for w in writes)

    def exposure(response):
        [row] = response.json()["projects"]
        return row["open_risks"], row["emv"]["amount"]

    now = await system.reporting.get("/v1/risk-exposure/emv", headers=admin, params={
        "wait_for": waited, "wait_seconds": 20, "as_of": "2027-01-31"})
    then = await system.reporting.get("/v1/risk-exposure/emv", headers=admin, params={
        "as_of": "2027-01-31", "as_known_at": committee})
    assert (exposure(then), exposure(now)) == ((2, "6000"), (1, "1800"))
