from uuid import uuid4

RISK = {"title": "Key vendor delivers late", "category": "supplier", "kind": "threat",
        "proximity": "near_term"}


async def raise_risk(gov, **overrides):
    body = {**RISK, "owner_id": str(gov.pm_person), **overrides}
    response = await gov.post(f"/v1/projects/{gov.project}/risks", json=body, headers=gov.pm)
    assert response.status_code == 201, response.text
    return response.json()


async def assess(gov, risk, **body):
    return await gov.post(f"/v1/risks/{risk['id']}/assessments", json=body, headers=gov.pm)


async def test_a_risk_is_raised_assessed_mitigated_and_rescored(gov):
    risk = await raise_risk(gov)
    inherent = await assess(gov, risk, stage="inherent", probability="0.7", impact="0.40",
                            cost_impact={"amount": "20000.00", "currency": "EUR"})
    assert inherent.status_code == 200, inherent.text
    assert inherent.json()["inherent"]["score"] == "0.28"
    assert inherent.json()["inherent"]["emv"] == {"amount": "14000.0000", "currency": "EUR"}
    url = f"/v1/risks/{risk['id']}"
    response = await gov.put(f"{url}/response", headers=gov.pm,
                             json={"strategy": "mitigate", "description": "second vendor"})
    assert response.json()["strategy"] == "mitigate"
    action = await gov.post(f"{url}/mitigation-actions", headers=gov.pm, json={
        "description": "qualify a second vendor", "owner_id": str(gov.pm_person),
        "due_on": "2027-04-01"})
    assert action.status_code == 201, action.text
    status = await gov.post(f"{url}/status", headers=gov.pm, json={"status": "mitigating"})
    assert status.json()["status"] == "mitigating"
    residual = await assess(gov, risk, stage="residual", probability="0.3", impact="0.40",
                            cost_impact={"amount": "20000.00", "currency": "EUR"})
    body = residual.json()
    assert (body["residual"]["score"], body["residual"]["emv"]["amount"]) == ("0.12", "6000.0000")
    assert [a["score"] for a in body["history"]] == ["0.28", "0.12"]
    assert residual.headers["ETag"] == '"6"'
    assert body["scoring"]["rounding"] == "half_up"


async def test_the_register_ranks_by_current_score_and_filters(gov):
    low, high = [await raise_risk(gov, title=title) for title in ("low", "high")]
    await raise_risk(gov, title="none")
    await assess(gov, low, stage="inherent", probability="0.1", impact="0.05")
    await assess(gov, high, stage="inherent", probability="0.9", impact="0.80")
    url = f"/v1/projects/{gov.project}/risks"
    ranked = (await gov.get(url, headers=gov.auditor)).json()
    assert [r["title"] for r in ranked["items"]] == ["high", "low", "none"]
    assert ranked["scoring"]["probability_scale"] == ["0.1", "0.3", "0.5", "0.7", "0.9"]
    page = (await gov.get(url, params={"limit": 1}, headers=gov.pm)).json()
    second = (await gov.get(url, params={"limit": 1, "cursor": page["next_cursor"]},
                            headers=gov.pm)).json()
    assert [r["title"] for r in page["items"] + second["items"]] == ["high", "low"]
    scored = (await gov.get(url, params={"min_score": "0.5"}, headers=gov.pm)).json()
    assert [(r["title"], r["inherent_score"]) for r in scored["items"]] == [("high", "0.72")]
    near = await gov.get(url, params={"proximity": "imminent"}, headers=gov.pm)
    assert near.json()["items"] == []


async def test_a_probability_off_the_scale_names_the_field(gov):
    risk = await raise_risk(gov)
    response = await assess(gov, risk, stage="inherent", probability="0.4", impact="0.40")
    assert response.status_code == 422
    assert response.json()["type"].endswith("value-not-on-scale")
    assert response.json()["pointer"] == "#/probability"


async def test_a_register_scale_is_configured_and_used(gov):
    url = f"/v1/projects/{gov.project}/risk-register"
    configured = await gov.put(url, headers={**gov.pm, "If-Match": '"0"'}, json={
        "probability_scale": ["0.2", "0.5", "0.8"], "impact_scale": ["0.3", "0.6"],
        "score_places": 1})
    assert configured.status_code == 200, configured.text
    assert configured.headers["ETag"] == '"1"'
    risk = await raise_risk(gov)
    scored = await assess(gov, risk, stage="inherent", probability="0.5", impact="0.3")
    assert scored.json()["inherent"]["score"] == "0.2"
    assert scored.json()["scoring"]["score_places"] == 1
    stale = await gov.put(url, headers={**gov.pm, "If-Match": '"0"'}, json={
        "probability_scale": ["0.2", "0.5"], "impact_scale": ["0.3", "0.6"]})
    assert stale.status_code == 412


async def test_an_illegal_status_change_is_a_conflict_naming_the_status(gov):
    risk = await raise_risk(gov)
    url = f"/v1/risks/{risk['id']}/status"
    await gov.post(url, headers=gov.pm, json={"status": "closed"})
    again = await gov.post(url, headers=gov.pm, json={"status": "closed"})
    assert again.status_code == 409
    assert again.json()["type"].endswith("status-change-refused")
    assert again.json()["current_status"] == "closed"


async def test_an_update_with_a_stale_if_match_is_refused(gov):
    risk = await raise_risk(gov)
    response = await gov.post(f"/v1/risks/{risk['id']}/status", json={"status": "accepted"},
                              headers={**gov.pm, "If-Match": '"7"'})
    assert response.status_code == 412


async def test_a_user_never_reads_another_projects_register(gov):
    risk = await raise_risk(gov)
    listing = await gov.get(f"/v1/projects/{gov.project}/risks", headers=gov.stranger)
    assert listing.status_code == 403
    single = await gov.get(f"/v1/risks/{risk['id']}", headers=gov.stranger)
    assert single.status_code == 404
    change = await gov.post(f"/v1/risks/{risk['id']}/status", json={"status": "closed"},
                            headers=gov.stranger)
    assert change.status_code == 404


async def test_an_auditor_reads_but_cannot_write(gov):
    risk = await raise_risk(gov)
    read = await gov.get(f"/v1/risks/{risk['id']}", headers=gov.auditor)
    assert (read.status_code, read.headers["ETag"]) == (200, '"1"')
    write = await gov.post(f"/v1/projects/{gov.project}/risks", headers=gov.auditor,
                           json={**RISK, "owner_id": str(uuid4())})
    assert write.status_code == 403


async def test_unknown_fields_and_bad_values_are_422_with_pointers(gov):
    url = f"/v1/projects/{gov.project}/risks"
    extra = await gov.post(url, headers=gov.pm, json={**RISK, "owner_id": str(uuid4()), "x": 1})
    assert [e["pointer"] for e in extra.json()["errors"]] == ["#/x"]
    bad = await gov.post(url, headers=gov.pm, json={**RISK, "owner_id": "nope"})
    assert [e["pointer"] for e in bad.json()["errors"]] == ["#/owner_id"]


async def test_an_idempotent_retry_raises_the_risk_once(gov):
    headers = {**gov.pm, "Idempotency-Key": "risk-1"}
    body = {**RISK, "owner_id": str(gov.pm_person)}
    first = await gov.post(f"/v1/projects/{gov.project}/risks", json=body, headers=headers)
    again = await gov.post(f"/v1/projects/{gov.project}/risks", json=body, headers=headers)
    assert again.json()["id"] == first.json()["id"]
    listing = await gov.get(f"/v1/projects/{gov.project}/risks", headers=gov.pm)
    assert len(listing.json()["items"]) == 1
