from uuid import uuid4

from tests.integration.governance.conftest import publish_charter
from tests.support.waiting import wait_until


async def standard(gov, *texts, project_types=("it",)):
    response = await gov.post("/v1/standards", headers=gov.admin, json={
        "kind": "checklist", "title": "IT initiation", "project_types": list(project_types),
        "mandatory_items": [{"text": t} for t in texts]})
    assert response.status_code == 201, response.text
    return response.json()


async def chartered(gov, project_id, portfolio_id=None):
    await publish_charter(gov.client.nats_url, project_id, portfolio_id=portfolio_id)

    async def known():
        response = await gov.get(f"/v1/projects/{project_id}/compliance", headers=gov.admin)
        return response.status_code == 200

    await wait_until(known, message="the charter never reached governance")


async def test_compliance_rolls_up_attested_mandatory_items(gov):
    checklist = await standard(gov, "DPIA done", "risk register opened")
    await standard(gov, "not for IT", project_types=("construction",))
    await chartered(gov, gov.project)
    first = checklist["mandatory_items"][0]["item_id"]
    attested = await gov.post(f"/v1/projects/{gov.project}/compliance/attestations",
                              headers=gov.pm, json={"standard_id": checklist["id"],
                                                    "item_id": first})
    assert attested.status_code == 201, attested.text
    assert (attested.json()["mandatory_items"], attested.json()["attested_items"],
            attested.json()["compliant"]) == (2, 1, False)
    report = (await gov.get(f"/v1/projects/{gov.project}/compliance", headers=gov.auditor)).json()
    assert report["missing_item_ids"] == [checklist["mandatory_items"][1]["item_id"]]
    assert report["items"][0]["attested_by"] == str(gov.pm_person)
    assert report["items"][1]["attested_by"] is None


async def test_an_item_is_attested_once(gov):
    checklist = await standard(gov, "DPIA done")
    await chartered(gov, gov.project)
    body = {"standard_id": checklist["id"], "item_id": checklist["mandatory_items"][0]["item_id"]}
    url = f"/v1/projects/{gov.project}/compliance/attestations"
    assert (await gov.post(url, headers=gov.pm, json=body)).json()["compliant"] is True
    again = await gov.post(url, headers=gov.pm, json=body)
    assert again.status_code == 409


async def test_an_item_of_a_foreign_standard_is_refused_with_a_pointer(gov):
    other = await standard(gov, "pour concrete", project_types=("construction",))
    await chartered(gov, gov.project)
    response = await gov.post(f"/v1/projects/{gov.project}/compliance/attestations",
                              headers=gov.pm, json={
                                  "standard_id": other["id"],
                                  "item_id": other["mandatory_items"][0]["item_id"]})
    assert response.status_code == 422
    assert response.json()["pointer"] == "#/item_id"


async def test_non_compliance_is_queryable_across_the_portfolio(gov):
    portfolio, elsewhere = uuid4(), uuid4()
    checklist = await standard(gov, "DPIA done")
    compliant_project, lagging = uuid4(), uuid4()
    for project in (compliant_project, lagging):
        await chartered(gov, project, portfolio)
    await chartered(gov, uuid4(), elsewhere)
    await gov.post(f"/v1/projects/{compliant_project}/compliance/attestations",
                   headers=gov.admin, json={"standard_id": checklist["id"],
                                            "item_id": checklist["mandatory_items"][0]["item_id"]})
    manager = gov.as_(["portfolio_manager"], portfolios=[portfolio])
    page = await gov.get("/v1/compliance/non-compliant", params={"portfolio_id": str(portfolio)},
                         headers=manager)
    assert [(p["project_id"], p["missing_items"]) for p in page.json()["items"]] == [
        (str(lagging), 1)]
    everywhere = await gov.get("/v1/compliance/non-compliant", headers=gov.auditor)
    assert len(everywhere.json()["items"]) == 2
    nobody = await gov.get("/v1/compliance/non-compliant", headers=gov.stranger)
    assert nobody.json()["items"] == []


async def test_a_revised_standard_keeps_attestations_of_kept_items(gov):
    checklist = await standard(gov, "DPIA done")
    await chartered(gov, gov.project)
    item = checklist["mandatory_items"][0]["item_id"]
    await gov.post(f"/v1/projects/{gov.project}/compliance/attestations", headers=gov.pm,
                   json={"standard_id": checklist["id"], "item_id": item})
    revised = await gov.put(f"/v1/standards/{checklist['id']}",
                            headers={**gov.admin, "If-Match": '"1"'}, json={
                                "title": "IT initiation 2027", "project_types": ["it"],
                                "mandatory_items": [{"item_id": item, "text": "DPIA done"},
                                                    {"text": "security review"}]})
    assert (revised.status_code, revised.json()["content_version"]) == (200, 2)
    report = (await gov.get(f"/v1/projects/{gov.project}/compliance", headers=gov.pm)).json()
    assert (report["mandatory_items"], report["attested_items"]) == (2, 1)
    first = await gov.get(f"/v1/standards/{checklist['id']}", params={"version": 1},
                          headers=gov.pm)
    assert first.json()["title"] == "IT initiation"


async def test_only_pmo_admins_manage_the_library(gov):
    response = await gov.post("/v1/standards", headers=gov.pm, json={
        "kind": "policy", "title": "x", "project_types": ["it"]})
    assert response.status_code == 403
    checklist = await standard(gov, "DPIA done")
    retired = await gov.post(f"/v1/standards/{checklist['id']}/retirement", headers=gov.admin,
                             json={"reason": "replaced"})
    assert retired.json()["retired"] is True
    listing = await gov.get("/v1/standards", headers=gov.pm)
    assert listing.json()["items"] == []
