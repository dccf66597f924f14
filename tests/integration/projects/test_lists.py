"""Every list endpoint answers with its items and a cursor, scoped to what the caller may read."""
from tests.integration.projects.conftest import created, eur, new_project, new_task
from tests.support.apps import auth


async def test_the_parts_of_a_project_are_listed(projects):
    project = await new_project(projects)
    base = f"/v1/projects/{project['id']}"
    task = await new_task(projects, project["id"])
    await created(projects, f"{base}/milestones", {"name": "M1", "due_on": "2026-06-01"})
    await created(projects, f"{base}/baselines", {"name": "B1"})
    await created(projects, f"{base}/status-reports", {
        "period_end_on": "2026-01-31", "schedule": "green", "cost": "green", "scope": "green",
        "overall": "green", "comment": ""})
    await created(projects, f"{base}/budget-lines", {"category": "hardware",
                                                     "amount": eur("5000.00")})
    reader = auth(projects.keys, roles=["team_member"], projects=[project["id"]])
    found = {part: (await projects.get(f"{base}/{part}", headers=reader)).json()["items"]
             for part in ("tasks", "milestones", "baselines", "status-reports")}
    assert [t["id"] for t in found["tasks"]] == [task["id"]]
    assert [(m["name"], m["weight"]) for m in found["milestones"]] == [("M1", "0")]
    assert [(b["number"], b["name"]) for b in found["baselines"]] == [(1, "B1")]
    assert [r["overall"] for r in found["status-reports"]] == ["green"]
    read = (await projects.get(base, headers=reader)).json()
    assert [(line["category"], line["amount"]) for line in read["budget_lines"]] == [
        ("hardware", eur("5000.00"))]


async def test_portfolios_and_programs_are_listed_for_those_who_manage_them(projects):
    mine = await created(projects, "/v1/portfolios", {"name": "Mine", "currency": "EUR"})
    await created(projects, "/v1/portfolios", {"name": "Other", "currency": "USD"})
    program = await created(projects, "/v1/programs", {"portfolio_id": mine["id"], "name": "P"})
    manager = auth(projects.keys, roles=["portfolio_manager"], portfolios=[mine["id"]])
    portfolios = await projects.get("/v1/portfolios", headers=manager)
    programs = await projects.get("/v1/programs", headers=manager)
    one = await projects.get(f"/v1/programs/{program['id']}", headers=manager)
    assert [p["name"] for p in portfolios.json()["items"]] == ["Mine"]
    assert [p["id"] for p in programs.json()["items"]] == [program["id"]]
    assert (one.status_code, one.headers["ETag"]) == (200, '"1"')


async def test_a_malformed_cursor_is_400(projects):
    response = await projects.get("/v1/projects", headers=projects.admin,
                                  params={"cursor": "not*a*cursor"})
    assert (response.status_code, response.json()["type"]) == (
        400, "https://pmo.dev/problems/invalid-cursor")
