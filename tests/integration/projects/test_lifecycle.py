"""Phase changes over HTTP: the transition table, If-Match and funding release."""
from tests.integration.projects.conftest import created, eur, new_project

PROBLEM = "https://pmo.dev/problems/"


async def change(projects, project_id, phase, **headers):
    return await projects.post(f"/v1/projects/{project_id}/phase-changes",
                               headers={**projects.admin, **headers},
                               json={"to_phase": phase, "changed_on": "2026-01-05"})


async def test_an_illegal_transition_is_409_naming_the_allowed_next_phases(projects):
    project = await new_project(projects)
    response = await change(projects, project["id"], "closed")
    body = response.json()
    assert (response.status_code, body["type"]) == (409, PROBLEM + "invalid-phase-transition")
    assert body["allowed_next_phases"] == ["approved", "cancelled"]


async def test_a_phase_change_with_a_stale_if_match_is_412(projects):
    project = await new_project(projects)
    response = await change(projects, project["id"], "approved", **{"If-Match": '"5"'})
    assert (response.status_code, response.json()["current_version"]) == (412, 1)


async def test_entering_a_phase_releases_its_tranche_and_lists_by_phase(projects):
    project = await new_project(projects)
    await created(projects, f"/v1/projects/{project['id']}/funding-tranches",
                  {"phase": "approved", "amount": eur("30000.00")})
    response = await change(projects, project["id"], "approved", **{"If-Match": '"2"'})
    body = response.json()
    assert (response.status_code, response.headers["ETag"]) == (200, '"4"')
    assert [(t["phase"], t["released_on"]) for t in body["funding_tranches"]] == [
        ("approved", "2026-01-05")]
    assert body["allowed_next_phases"] == ["planning", "on_hold", "cancelled"]
    listed = await projects.get("/v1/projects", headers=projects.admin,
                                params={"phase": "approved"})
    assert [p["id"] for p in listed.json()["items"]] == [project["id"]]


async def test_funding_above_the_budget_is_422(projects):
    project = await new_project(projects)
    response = await projects.post(f"/v1/projects/{project['id']}/funding-tranches",
                                   headers=projects.admin,
                                   json={"phase": "planning", "amount": eur("100000.01")})
    assert (response.status_code, response.json()["type"]) == (
        422, PROBLEM + "funding-exceeds-budget")
