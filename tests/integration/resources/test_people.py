"""People, teams and cost rates over HTTP: validation, authorization, ETags, listing."""
from uuid import uuid4


async def test_a_registered_person_reads_back_with_skills_and_version(resources):
    made = await resources.http.post("/v1/people", headers=resources.admin, json={
        "name": "Ada", "role": "engineer", "skills": [{"skill": "python", "level": 5}],
        "employment_type": "contractor", "active_from": "2027-01-04"})
    assert made.status_code == 201, made.text
    read = await resources.http.get(made.headers["Location"], headers=resources.admin)
    assert read.headers["ETag"] == '"1"'
    body = read.json()
    assert (body["skills"], body["employment_type"], body["active_from"]) == (
        [{"skill": "python", "level": 5}], "contractor", "2027-01-04")


async def test_active_from_defaults_to_today(resources):
    made = await resources.http.post("/v1/people", headers=resources.admin,
                                     json={"name": "Ada", "role": "engineer"})
    assert made.json()["active_from"] == "2027-03-01"


async def test_a_team_member_cannot_register_people(resources):
    made = await resources.http.post("/v1/people", headers=resources.as_("team_member"),
                                     json={"name": "Ada", "role": "engineer"})
    assert made.status_code == 403
    assert made.json()["type"].endswith("/forbidden")


async def test_a_skill_level_above_five_is_refused_with_its_pointer(resources):
    made = await resources.http.post("/v1/people", headers=resources.admin, json={
        "name": "Ada", "role": "engineer", "skills": [{"skill": "python", "level": 6}]})
    assert made.status_code == 422
    assert [e["pointer"] for e in made.json()["errors"]] == ["#/skills/0/level"]


async def test_an_unknown_team_is_refused_and_nothing_is_written(resources):
    made = await resources.http.post("/v1/people", headers=resources.admin, json={
        "name": "Ada", "role": "engineer", "team_id": str(uuid4())})
    listed = await resources.http.get("/v1/people", headers=resources.admin)
    assert (made.status_code, made.json()["pointer"]) == (422, "#/team_id")
    assert listed.json()["items"] == []


async def test_a_person_joins_a_formed_team_and_a_stale_if_match_is_412(resources):
    team = await resources.http.post("/v1/teams", headers=resources.admin,
                                     json={"name": "Platform"})
    person_id = await resources.person(schedule=None)
    url = f"/v1/people/{person_id}"
    moved = await resources.http.patch(url, json={"team_id": team.json()["id"]},
                                       headers={**resources.admin, "If-Match": '"1"'})
    stale = await resources.http.patch(url, json={"role": "architect"},
                                       headers={**resources.admin, "If-Match": '"1"'})
    assert (moved.status_code, moved.headers["ETag"], moved.json()["team_id"]) == (
        200, '"2"', team.json()["id"])
    assert (stale.status_code, stale.json()["type"].rsplit("/", 1)[1]) == (
        412, "precondition-failed")


async def test_people_are_listed_by_role_a_page_at_a_time(resources):
    for _ in range(3):
        await resources.person(role="engineer", schedule=None)
    await resources.person(role="designer", schedule=None)
    first = await resources.http.get("/v1/people", headers=resources.admin,
                                     params={"role": "engineer", "limit": 2})
    second = await resources.http.get("/v1/people", headers=resources.admin, params={
        "role": "engineer", "limit": 2, "cursor": first.json()["next_cursor"]})
    assert len(first.json()["items"]) == 2
    assert (len(second.json()["items"]), second.json()["next_cursor"]) == (1, None)


async def test_cost_rates_are_visible_to_auditors_but_not_to_project_managers(resources):
    person_id = await resources.person(schedule=None)
    await resources.rate(person_id, "2027-01-01", "80.00")
    url = f"/v1/people/{person_id}/cost-rates"
    audited = await resources.http.get(url, headers=resources.as_("auditor"))
    hidden = await resources.http.get(url, headers=resources.as_("project_manager"))
    assert audited.json()["rates"] == [{"effective_from": "2027-01-01",
                                        "hourly_rate": {"amount": "80.00", "currency": "EUR"}}]
    assert hidden.status_code == 403


async def test_a_role_default_rate_is_kept_per_role(resources):
    url = "/v1/roles/engineer/cost-rates"
    made = await resources.http.post(url, headers=resources.admin, json={
        "effective_from": "2027-01-01", "hourly_rate": {"amount": "70.00", "currency": "EUR"}})
    read = await resources.http.get(url, headers=resources.admin)
    assert (made.status_code, read.json()["role"], read.headers["ETag"]) == (201, "engineer", '"1"')


async def test_a_rate_in_fractions_of_a_cent_is_refused_with_its_pointer(resources):
    person_id = await resources.person(schedule=None)
    made = await resources.http.post(
        f"/v1/people/{person_id}/cost-rates", headers=resources.admin,
        json={"effective_from": "2027-01-01",
              "hourly_rate": {"amount": "80.005", "currency": "EUR"}})
    assert (made.status_code, made.json()["pointer"]) == (422, "#/hourly_rate/amount")


async def test_nulling_a_required_field_is_refused_naming_it(resources):
    person_id = await resources.person(schedule=None)
    response = await resources.http.patch(f"/v1/people/{person_id}", json={"name": None},
                                          headers=resources.admin)
    assert (response.status_code, response.json()["pointer"]) == (422, "#/name")
