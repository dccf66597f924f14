"""Tasks, WBS codes, dependencies, milestones and baselines through the HTTP API."""
from uuid import uuid4

from tests.integration.projects.conftest import charter, created, eur, new_project, new_task, task

PROBLEM = "https://pmo.dev/problems/"


async def test_wbs_codes_follow_the_hierarchy_when_not_given(projects):
    project = await new_project(projects)
    url = f"/v1/projects/{project['id']}/tasks"
    first = await new_task(projects, project["id"])
    second = await new_task(projects, project["id"])
    child = await created(projects, url, {**task(), "parent_task_id": first["id"]})
    assert [first["wbs_code"], second["wbs_code"], child["wbs_code"]] == ["1", "2", "1.1"]


async def test_a_task_outside_the_project_dates_is_422_naming_the_field(projects):
    project = await new_project(projects)
    response = await projects.post(f"/v1/projects/{project['id']}/tasks", headers=projects.admin,
                                   json=task(planned_finish_on="2027-01-31"))
    assert response.status_code == 422
    assert (response.json()["type"], response.json()["pointer"]) == (
        PROBLEM + "outside-project-dates", "#/planned_finish_on")


async def test_a_task_cost_in_another_currency_is_422(projects):
    project = await new_project(projects)
    response = await projects.post(f"/v1/projects/{project['id']}/tasks", headers=projects.admin,
                                   json=task(planned_cost={"amount": "5", "currency": "USD"}))
    assert (response.status_code, response.json()["type"]) == (422, PROBLEM + "currency-mismatch")


async def test_an_amount_with_more_than_four_decimals_is_422_not_500(projects):
    project = await new_project(projects)
    response = await projects.post(f"/v1/projects/{project['id']}/tasks", headers=projects.admin,
                                   json=task(planned_cost=eur("1.123456")))
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "#/planned_cost/amount"


async def test_a_dependency_closing_a_cycle_is_409_and_nothing_is_written(projects):
    project = await new_project(projects)
    a, b, c = [await new_task(projects, project["id"]) for _ in range(3)]
    base = f"/v1/projects/{project['id']}/tasks"
    for task_id, predecessor in ((b["id"], a["id"]), (c["id"], b["id"])):
        added = await projects.post(f"{base}/{task_id}/dependencies", headers=projects.admin,
                                    json={"predecessor_id": predecessor})
        assert added.status_code == 201, added.text
    cycle = await projects.post(f"{base}/{a['id']}/dependencies", headers=projects.admin,
                                json={"predecessor_id": c["id"]})
    assert (cycle.status_code, cycle.json()["type"]) == (409, PROBLEM + "dependency-cycle")
    assert cycle.json()["cycle"] == [a["id"], c["id"], b["id"], a["id"]]
    after = await projects.get(f"{base}/{a['id']}", headers=projects.admin)
    assert (after.json()["predecessors"], after.headers["ETag"]) == ({}, '"1"')


async def test_two_people_updating_different_tasks_do_not_conflict(projects):
    project = await new_project(projects)
    a, b = [await new_task(projects, project["id"]) for _ in range(2)]
    base = f"/v1/projects/{project['id']}/tasks"
    for planned in (a, b):
        response = await projects.patch(f"{base}/{planned['id']}", json=task(name="Re-planned"),
                                        headers={**projects.admin, "If-Match": '"1"'})
        assert (response.status_code, response.headers["ETag"]) == (200, '"2"')


async def test_replanning_with_a_stale_if_match_is_412(projects):
    project = await new_project(projects)
    planned = await new_task(projects, project["id"])
    response = await projects.patch(f"/v1/projects/{project['id']}/tasks/{planned['id']}",
                                    json=task(), headers={**projects.admin, "If-Match": '"7"'})
    assert (response.status_code, response.json()["type"]) == (
        412, PROBLEM + "precondition-failed")


async def test_narrowing_the_charter_around_planned_tasks_is_rejected(projects):
    project = await new_project(projects)
    await new_task(projects, project["id"])
    body = {k: v for k, v in charter(planned_finish_on="2026-03-01").items()
            if k not in ("code",)}
    response = await projects.patch(f"/v1/projects/{project['id']}", json=body,
                                    headers={**projects.admin, "If-Match": '"1"'})
    assert (response.status_code, response.json()["pointer"]) == (422, "#/planned_finish_on")
    unchanged = await projects.get(f"/v1/projects/{project['id']}", headers=projects.admin)
    assert (unchanged.headers["ETag"], unchanged.json()["planned_finish_on"]) == (
        '"1"', "2026-12-18")


async def test_the_first_baseline_sets_bac_and_a_re_baseline_needs_a_reason(projects):
    project = await new_project(projects)
    await new_task(projects, project["id"], planned_cost=eur("12000.00"))
    await new_task(projects, project["id"], planned_cost=eur("3000.50"))
    url = f"/v1/projects/{project['id']}/baselines"
    first = await created(projects, url, {"name": "B1"})
    assert first["captured"]["budget_at_completion"] == eur("15000.50")
    no_reason = await projects.post(url, json={"name": "B2"}, headers=projects.admin)
    assert (no_reason.status_code, no_reason.json()["type"]) == (
        422, PROBLEM + "rebaseline-reason-required")
    change = str(uuid4())
    await created(projects, url, {"name": "B2", "reason": "CR-7", "change_request_id": change})
    read = (await projects.get(f"/v1/projects/{project['id']}", headers=projects.admin)).json()
    assert [(b["number"], b["reason"]) for b in read["baselines"]] == [(1, ""), (2, "CR-7")]
    assert read["baselines"][1]["change_request_id"] == change


async def test_a_baseline_stays_as_captured_when_the_plan_changes(projects):
    project = await new_project(projects)
    planned = await new_task(projects, project["id"])
    baseline = await created(projects, f"/v1/projects/{project['id']}/baselines", {"name": "B1"})
    await projects.patch(f"/v1/projects/{project['id']}/tasks/{planned['id']}",
                         headers=projects.admin,
                         json=task(planned_cost=eur("99999.00")))
    again = await projects.get(f"/v1/projects/{project['id']}/baselines/{baseline['id']}",
                               headers=projects.admin)
    assert again.json()["captured"]["tasks"][0]["budget"] == eur("12000.00")
    assert again.headers["ETag"] == '"1"'


async def test_the_plan_reads_back_tasks_dependencies_and_milestones(projects):
    project = await new_project(projects)
    a, b = [await new_task(projects, project["id"]) for _ in range(2)]
    base = f"/v1/projects/{project['id']}"
    await projects.post(f"{base}/tasks/{b['id']}/dependencies", headers=projects.admin,
                        json={"predecessor_id": a["id"]})
    await created(projects, f"{base}/milestones",
                  {"name": "Go-live", "due_on": "2026-09-30", "task_id": b["id"], "weight": "50"})
    plan = (await projects.get(f"{base}/plan", headers=projects.admin)).json()
    assert [(t["wbs_code"], t["predecessors"]) for t in plan["tasks"]] == [
        ("1", []), ("2", [a["id"]])]
    assert [(m["name"], m["weight"]) for m in plan["milestones"]] == [("Go-live", "50")]


async def test_a_milestone_reached_twice_is_409(projects):
    project = await new_project(projects)
    base = f"/v1/projects/{project['id']}/milestones"
    milestone = await created(projects, base, {"name": "Kick-off", "due_on": "2026-01-15"})
    url = f"{base}/{milestone['id']}/reached"
    first = await projects.post(url, json={"reached_on": "2026-01-16"}, headers=projects.admin)
    again = await projects.post(url, json={"reached_on": "2026-01-17"}, headers=projects.admin)
    assert (first.status_code, first.json()["reached_on"]) == (200, "2026-01-16")
    assert (again.status_code, again.json()["type"]) == (409, PROBLEM + "milestone-already-reached")
