"""Progress (with back-dated corrections), expenses, status reports and the audit trail."""
from tests.integration.projects.conftest import created, eur, new_project, new_task
from tests.support.apps import auth

PROBLEM = "https://pmo.dev/problems/"


async def test_a_back_dated_correction_keeps_the_latest_status_as_current(projects):
    project = await new_project(projects)
    task = await new_task(projects, project["id"])
    url = f"/v1/projects/{project['id']}/tasks/{task['id']}/progress"
    await created(projects, url, {"status_on": "2026-03-31", "percent_complete": "60"})
    corrected = await created(projects, url, {"status_on": "2026-02-28", "percent_complete": "25"})
    assert (corrected["percent_complete"], corrected["status_on"]) == ("60", "2026-03-31")
    assert corrected["progress"] == {"2026-02-28": "25", "2026-03-31": "60"}
    assert corrected["version"] == 3


async def test_progress_above_100_is_422_naming_the_field(projects):
    project = await new_project(projects)
    task = await new_task(projects, project["id"])
    response = await projects.post(
        f"/v1/projects/{project['id']}/tasks/{task['id']}/progress", headers=projects.admin,
        json={"status_on": "2026-03-31", "percent_complete": "100.5"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["pointer"] == "#/percent_complete"


async def test_half_progress_on_a_zero_hundred_task_is_422(projects):
    project = await new_project(projects)
    task = await new_task(projects, project["id"], earning_rule="zero_hundred")
    response = await projects.post(
        f"/v1/projects/{project['id']}/tasks/{task['id']}/progress", headers=projects.admin,
        json={"status_on": "2026-03-31", "percent_complete": "50"})
    assert (response.status_code, response.json()["type"]) == (422, PROBLEM + "invalid-progress")


async def test_an_expense_is_recorded_corrected_and_listed(projects):
    project = await new_project(projects)
    base = f"/v1/projects/{project['id']}/expenses"
    expense = await created(projects, base, {"spent_on": "2026-02-15", "amount": eur("2100.00"),
                                             "category": "travel"})
    fixed = await projects.patch(f"{base}/{expense['id']}", headers={
        **projects.admin, "If-Match": '"1"'}, json={
        "spent_on": "2026-02-14", "amount": eur("1200.00"), "category": "travel",
        "reason": "typo"})
    listed = await projects.get(base, headers=projects.admin, params={"category": "travel"})
    assert (fixed.status_code, fixed.headers["ETag"]) == (200, '"2"')
    assert [(e["amount"], e["spent_on"]) for e in listed.json()["items"]] == [
        (eur("1200.00"), "2026-02-14")]


async def test_an_expense_in_another_currency_is_422_currency_mismatch(projects):
    project = await new_project(projects)
    response = await projects.post(
        f"/v1/projects/{project['id']}/expenses", headers=projects.admin,
        json={"spent_on": "2026-02-15", "amount": {"amount": "5", "currency": "USD"},
              "category": "travel"})
    assert (response.status_code, response.json()["type"], response.json()["pointer"]) == (
        422, PROBLEM + "currency-mismatch", "#/amount/currency")


async def test_a_second_status_report_for_the_same_period_is_409(projects):
    project = await new_project(projects)
    url = f"/v1/projects/{project['id']}/status-reports"
    report = {"period_end_on": "2026-03-31", "schedule": "green", "cost": "red",
              "scope": "green", "overall": "amber", "comment": "licences"}
    await created(projects, url, report)
    again = await projects.post(url, json=report, headers=projects.admin)
    amber = await projects.get("/v1/projects", headers=projects.admin, params={"status": "amber"})
    assert (again.status_code, again.json()["pointer"]) == (409, "#/period_end_on")
    assert [p["id"] for p in amber.json()["items"]] == [project["id"]]


async def test_the_audit_trail_lists_who_did_what_across_the_project_s_parts(projects):
    project = await new_project(projects)
    task = await new_task(projects, project["id"])
    pm = auth(projects.keys, roles=["project_manager"], projects=[project["id"]], subject="pm-1")
    await created(projects, f"/v1/projects/{project['id']}/tasks/{task['id']}/progress",
                  {"status_on": "2026-03-31", "percent_complete": "10"}, headers=pm)
    auditor = auth(projects.keys, roles=["auditor"])
    first = await projects.get(f"/v1/projects/{project['id']}/events", headers=auditor,
                               params={"limit": 2})
    rest = await projects.get(f"/v1/projects/{project['id']}/events", headers=auditor,
                              params={"cursor": first.json()["next_cursor"]})
    entries = first.json()["items"] + rest.json()["items"]
    assert [(e["type"], e["actor"]) for e in entries] == [
        ("projects.project.chartered", "tester"), ("projects.task.planned", "tester"),
        ("projects.progress.reported", "pm-1")]
    assert entries[2]["data"]["percent_complete"] == "10"
