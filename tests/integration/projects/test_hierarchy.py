"""Portfolio -> program -> project, lists with filters and cursors, moves and access scopes."""
from uuid import uuid4

from tests.integration.projects.conftest import charter, created, new_project
from tests.support.apps import auth


async def hierarchy(client):
    portfolio = await created(client, "/v1/portfolios", {"name": "Digital", "currency": "EUR"})
    program = await created(client, "/v1/programs",
                            {"portfolio_id": portfolio["id"], "name": "Core"})
    return portfolio, program


async def test_a_project_created_in_a_program_takes_the_program_s_portfolio(projects):
    portfolio, program = await hierarchy(projects)
    project = await new_project(projects, program_id=program["id"])
    assert (project["portfolio_id"], project["program_id"]) == (portfolio["id"], program["id"])


async def test_a_program_of_an_unknown_portfolio_is_404(projects):
    response = await projects.post("/v1/programs", headers=projects.admin,
                                   json={"portfolio_id": str(uuid4()), "name": "X"})
    assert (response.status_code, response.json()["type"]) == (
        404, "https://pmo.dev/problems/not-found")


async def test_projects_are_listed_by_filter_with_a_cursor(projects):
    portfolio, program = await hierarchy(projects)
    for code in ("A-1", "A-2", "A-3"):
        await new_project(projects, code=code, program_id=program["id"])
    await new_project(projects, code="B-1")
    first = await projects.get("/v1/projects", headers=projects.admin,
                               params={"portfolio_id": portfolio["id"], "limit": 2})
    second = await projects.get("/v1/projects", headers=projects.admin,
                                params={"portfolio_id": portfolio["id"], "limit": 2,
                                        "cursor": first.json()["next_cursor"]})
    assert [p["code"] for p in first.json()["items"]] == ["A-1", "A-2"]
    assert [p["code"] for p in second.json()["items"]] == ["A-3"]
    assert second.json()["next_cursor"] is None


async def test_a_list_limit_above_200_is_a_422_naming_the_parameter(projects):
    response = await projects.get("/v1/projects", headers=projects.admin, params={"limit": 201})
    assert response.status_code == 422
    assert response.json()["errors"][0]["parameter"] == "query.limit"


async def test_moving_a_project_to_another_program_is_recorded(projects):
    _, program = await hierarchy(projects)
    project = await new_project(projects)
    moved = await projects.post(f"/v1/projects/{project['id']}/move", headers=projects.admin,
                                json={"program_id": program["id"]})
    assert moved.status_code == 200, moved.text
    assert (moved.json()["program_id"], moved.headers["ETag"]) == (program["id"], '"2"')
    listed = await projects.get("/v1/projects", headers=projects.admin,
                                params={"program_id": program["id"]})
    assert [p["id"] for p in listed.json()["items"]] == [project["id"]]


async def test_a_portfolio_manager_sees_only_projects_of_their_portfolios(projects):
    portfolio, _ = await hierarchy(projects)
    mine = await new_project(projects, portfolio_id=portfolio["id"])
    other = await new_project(projects)
    manager = auth(projects.keys, roles=["portfolio_manager"], portfolios=[portfolio["id"]])
    listed = await projects.get("/v1/projects", headers=manager)
    hidden = await projects.get(f"/v1/projects/{other['id']}", headers=manager)
    assert [p["id"] for p in listed.json()["items"]] == [mine["id"]]
    assert hidden.status_code == 404


async def test_a_team_member_reads_their_project_but_may_not_change_it(projects):
    project = await new_project(projects)
    member = auth(projects.keys, roles=["team_member"], projects=[project["id"]])
    read = await projects.get(f"/v1/projects/{project['id']}", headers=member)
    write = await projects.post(f"/v1/projects/{project['id']}/phase-changes", headers=member,
                                json={"to_phase": "approved", "changed_on": "2026-01-05"})
    assert (read.status_code, write.status_code) == (200, 403)
    assert write.json()["type"] == "https://pmo.dev/problems/forbidden"


async def test_a_duplicate_project_code_is_409_naming_the_field(projects):
    await new_project(projects, code="DUP-1")
    again = await projects.post("/v1/projects", headers=projects.admin,
                                json=charter(code="DUP-1"))
    assert again.status_code == 409
    assert (again.json()["type"], again.json()["pointer"]) == (
        "https://pmo.dev/problems/duplicate", "#/code")


async def test_projects_are_ranked_by_the_portfolio_s_weighted_criteria(projects):
    portfolio, _ = await hierarchy(projects)
    low = await new_project(projects, portfolio_id=portfolio["id"])
    high = await new_project(projects, portfolio_id=portfolio["id"])
    weights = {"weights": {"value": "60", "risk": "40"}}
    criteria = await projects.put(f"/v1/portfolios/{portfolio['id']}/criteria",
                                  headers=projects.admin, json=weights)
    assert criteria.status_code == 200, criteria.text
    for project, value in ((low, "4"), (high, "9")):
        rated = await projects.put(f"/v1/projects/{project['id']}/ratings", headers=projects.admin,
                                   json={"ratings": {"value": value, "risk": "5"}})
        assert rated.status_code == 200, rated.text
    ranking = await projects.get(f"/v1/portfolios/{portfolio['id']}/ranking",
                                 headers=projects.admin)
    assert [(r["project_id"], r["score"]) for r in ranking.json()] == [
        (high["id"], "7.4"), (low["id"], "4.4")]


async def test_a_project_links_to_an_objective_of_its_portfolio_only(projects):
    portfolio, _ = await hierarchy(projects)
    with_objective = await projects.post(f"/v1/portfolios/{portfolio['id']}/objectives",
                                         headers=projects.admin, json={"name": "Grow 20%"})
    objective_id = next(iter(with_objective.json()["objectives"]))
    project = await new_project(projects, portfolio_id=portfolio["id"])
    linked = await projects.post(f"/v1/projects/{project['id']}/objective-links",
                                 headers=projects.admin,
                                 json={"objective_id": objective_id, "weight": "60"})
    stray = await projects.post(f"/v1/projects/{project['id']}/objective-links",
                                headers=projects.admin,
                                json={"objective_id": str(uuid4()), "weight": "10"})
    assert linked.json()["objectives"] == {objective_id: "60"}
    assert (stray.status_code, stray.json()["pointer"]) == (422, "#/objective_id")
