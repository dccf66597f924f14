from uuid import uuid4

CHANGE = {"title": "Add single sign-on", "description": "customer asked",
          "cost_impact": {"amount": "15000.00", "currency": "EUR"}, "schedule_impact_days": 10,
          "scope_impact": "one more integration"}


async def drafted(gov, **overrides):
    body = {**CHANGE, "approver_ids": [str(gov.approver_person)], **overrides}
    response = await gov.post(f"/v1/projects/{gov.project}/change-requests", json=body,
                              headers=gov.pm)
    assert response.status_code == 201, response.text
    return response.json()


async def step(gov, request, name, headers=None):
    return await gov.post(f"/v1/change-requests/{request['id']}/{name}", json={},
                          headers=headers or gov.pm)


async def in_review(gov):
    request = await drafted(gov)
    await step(gov, request, "submission")
    review = await step(gov, request, "review")
    assert review.json()["status"] == "under_review"
    return request


async def test_a_change_request_is_approved_by_its_approver(gov):
    request = await in_review(gov)
    decided = await gov.post(f"/v1/change-requests/{request['id']}/decisions",
                             json={"decision": "approved", "reason": "within contingency"},
                             headers=gov.approver)
    assert decided.status_code == 200, decided.text
    body = decided.json()
    assert (body["status"], body["alters_baseline"], body["version"]) == ("approved", True, 5)
    assert body["decisions"] == [{"approver_id": str(gov.approver_person),
                                  "decision": "approved", "reason": "within contingency"}]
    assert len(decided.headers["PMO-Event-Ids"].split(",")) == 2
    assert body["requested_by"] == str(gov.pm_person)


async def test_someone_not_named_as_approver_gets_403(gov):
    request = await in_review(gov)
    response = await gov.post(f"/v1/change-requests/{request['id']}/decisions",
                              json={"decision": "approved", "reason": "ok"}, headers=gov.pm)
    assert response.status_code == 403
    assert response.json()["type"].endswith("not-an-approver")


async def test_a_draft_cannot_be_decided_or_reviewed_before_submission(gov):
    request = await drafted(gov)
    review = await step(gov, request, "review")
    assert review.status_code == 409
    assert review.json()["current_status"] == "draft"
    vote = await gov.post(f"/v1/change-requests/{request['id']}/decisions",
                          json={"decision": "approved", "reason": "ok"}, headers=gov.approver)
    assert vote.status_code == 409


async def test_a_withdrawn_request_cannot_be_submitted(gov):
    request = await drafted(gov)
    assert (await step(gov, request, "withdrawal")).json()["status"] == "withdrawn"
    assert (await step(gov, request, "submission")).status_code == 409


async def test_only_a_draft_is_revised_and_if_match_guards_it(gov):
    request = await drafted(gov)
    url = f"/v1/change-requests/{request['id']}"
    body = {**CHANGE, "schedule_impact_days": 0, "cost_impact": None,
            "approver_ids": [str(uuid4())]}
    stale = await gov.put(url, json=body, headers={**gov.pm, "If-Match": '"3"'})
    assert stale.status_code == 412
    revised = await gov.put(url, json=body, headers={**gov.pm, "If-Match": '"1"'})
    assert (revised.json()["alters_baseline"], revised.headers["ETag"]) == (False, '"2"')
    await step(gov, request, "submission")
    late = await gov.put(url, json=body, headers=gov.pm)
    assert late.status_code == 409


async def test_a_request_needs_an_approver_with_a_pointer(gov):
    response = await gov.post(f"/v1/projects/{gov.project}/change-requests", headers=gov.pm,
                              json={**CHANGE, "approver_ids": []})
    assert response.status_code == 422
    assert [e["pointer"] for e in response.json()["errors"]] == ["#/approver_ids"]


async def test_a_float_like_amount_with_too_many_places_is_refused(gov):
    response = await gov.post(f"/v1/projects/{gov.project}/change-requests", headers=gov.pm, json={
        **CHANGE, "cost_impact": {"amount": "1.123456", "currency": "EUR"},
        "approver_ids": [str(uuid4())]})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "#/cost_impact/amount"


async def test_change_requests_are_listed_by_status(gov):
    await drafted(gov)
    submitted = await drafted(gov, title="Move go-live")
    await step(gov, submitted, "submission")
    page = await gov.get(f"/v1/projects/{gov.project}/change-requests",
                         params={"status": "submitted"}, headers=gov.auditor)
    assert [r["title"] for r in page.json()["items"]] == ["Move go-live"]
    hidden = await gov.get(f"/v1/change-requests/{submitted['id']}", headers=gov.stranger)
    assert hidden.status_code == 404
