async def raise_issue(gov, **overrides):
    body = {"title": "Vendor missed delivery", "severity": "high",
            "owner_id": str(gov.pm_person), "due_on": "2027-03-15", **overrides}
    response = await gov.post(f"/v1/projects/{gov.project}/issues", json=body, headers=gov.pm)
    assert response.status_code == 201, response.text
    return response.json()


async def test_an_issue_is_raised_revised_and_resolved(gov):
    issue = await raise_issue(gov)
    url = f"/v1/issues/{issue['id']}"
    revised = await gov.put(url, headers={**gov.pm, "If-Match": '"1"'}, json={
        "title": "Vendor missed delivery", "severity": "critical",
        "owner_id": str(gov.pm_person)})
    assert revised.json()["severity"] == "critical"
    resolved = await gov.post(f"{url}/resolution", headers=gov.pm, json={
        "resolution": "second vendor delivered", "resolved_on": "2027-03-09"})
    assert (resolved.json()["status"], resolved.json()["resolved_on"]) == ("resolved", "2027-03-09")
    again = await gov.post(f"{url}/resolution", headers=gov.pm, json={"resolution": "x"})
    assert again.status_code == 409


async def test_issues_are_filtered_by_severity_and_status(gov):
    await raise_issue(gov, title="small", severity="low")
    await raise_issue(gov, title="big", severity="critical")
    url = f"/v1/projects/{gov.project}/issues"
    critical = await gov.get(url, params={"severity": "critical"}, headers=gov.pm)
    assert [i["title"] for i in critical.json()["items"]] == ["big"]
    assert (await gov.get(url, params={"status": "resolved"}, headers=gov.pm)).json()["items"] == []
    assert (await gov.get(url, headers=gov.stranger)).status_code == 403


async def test_an_unknown_severity_names_the_field(gov):
    response = await gov.post(f"/v1/projects/{gov.project}/issues", headers=gov.pm, json={
        "title": "x", "severity": "urgent", "owner_id": str(gov.pm_person)})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "#/severity"


async def test_an_occurred_risk_becomes_a_linked_issue(gov):
    risk = await gov.post(f"/v1/projects/{gov.project}/risks", headers=gov.pm, json={
        "title": "Vendor late", "category": "supplier", "owner_id": str(gov.pm_person)})
    risk_id = risk.json()["id"]
    await gov.post(f"/v1/risks/{risk_id}/status", headers=gov.pm, json={"status": "occurred"})
    issue = await raise_issue(gov, risk_id=risk_id)
    assert issue["risk_id"] == risk_id
    unknown = await gov.post(f"/v1/projects/{gov.project}/issues", headers=gov.pm, json={
        "title": "x", "severity": "low", "owner_id": str(gov.pm_person),
        "risk_id": "00000000-0000-0000-0000-000000000001"})
    assert (unknown.status_code, unknown.json()["pointer"]) == (422, "#/risk_id")
