"""Allocations over HTTP: over-allocation warnings, request -> fill -> confirm, staffing."""
from decimal import Decimal as D
from uuid import uuid4

PROJECT = str(uuid4())
DAY = {"start_on": "2027-03-01", "end_on": "2027-03-01"}


def half(person_id, **extra):
    return {"project_id": PROJECT, "person_id": person_id, "percent_of_capacity": "50",
            "status": "confirmed", **DAY, **extra}


async def test_two_halves_on_a_full_day_are_fine_and_a_third_is_flagged(resources):
    person_id = await resources.person()
    post = resources.http.post
    first = await post("/v1/allocations", json=half(person_id), headers=resources.admin)
    second = await post("/v1/allocations", json=half(person_id), headers=resources.admin)
    third = await post("/v1/allocations", json=half(person_id), headers=resources.admin)

    assert (first.json()["warnings"], second.json()["warnings"]) == ([], [])
    assert third.status_code == 201
    [warning] = third.json()["warnings"]
    [day] = warning["days"]
    assert (warning["type"], warning["person_id"]) == ("over-allocation", person_id)
    assert (day["on"], D(day["load_hours"]), D(day["capacity_hours"])) == ("2027-03-01", 12, 8)
    later = await resources.http.get(f"/v1/people/{person_id}/over-allocations",
                                     headers=resources.admin,
                                     params={"from_on": "2027-03-01", "to_on": "2027-03-07"})
    assert [d["on"] for d in later.json()["days"]] == ["2027-03-01"]


async def test_cancelling_the_third_allocation_clears_the_over_allocation(resources):
    person_id = await resources.person()
    for _ in range(2):
        await resources.http.post("/v1/allocations", json=half(person_id), headers=resources.admin)
    third = await resources.http.post("/v1/allocations", json=half(person_id),
                                      headers=resources.admin)
    await resources.http.post(f"/v1/allocations/{third.json()['id']}/cancel", json={},
                              headers=resources.admin)
    calendar = await resources.http.get(f"/v1/people/{person_id}/calendar",
                                        headers=resources.admin,
                                        params={"from_on": "2027-03-01", "to_on": "2027-03-01"})
    day = calendar.json()["days"][0]
    assert (D(day["load_hours"]), day["over_allocated"]) == (8, False)


async def test_a_request_is_filled_then_confirmed_and_leaves_staffing_unfilled_count(resources):
    person_id = await resources.person()
    manager = resources.as_("project_manager", projects=[PROJECT])
    request = await resources.http.post("/v1/allocations", headers=manager, json={
        "project_id": PROJECT, "role": "engineer", "skills": [{"skill": "python", "min_level": 3}],
        "hours_per_day": "4", "start_on": "2027-03-01", "end_on": "2027-03-05"})
    url = request.headers["Location"]
    before = await resources.http.get(f"/v1/projects/{PROJECT}/staffing", headers=manager)
    filled = await resources.http.post(f"{url}/fill", json={"person_id": person_id},
                                       headers={**manager, "If-Match": '"1"'})
    confirmed = await resources.http.post(f"{url}/confirm", headers=manager)
    after = await resources.http.get(f"/v1/projects/{PROJECT}/staffing", headers=manager)

    assert (request.json()["status"], before.json()["unfilled_requests"]) == ("requested", 1)
    assert (filled.json()["person_id"], filled.headers["ETag"]) == (person_id, '"2"')
    assert (confirmed.json()["status"], confirmed.headers["ETag"]) == ("confirmed", '"3"')
    assert after.json()["unfilled_requests"] == 0
    assert [(a["person_id"], D(a["hours_per_day"])) for a in after.json()["items"]] == [
        (person_id, 4)]


async def test_a_project_manager_cannot_allocate_on_another_project(resources):
    person_id = await resources.person()
    manager = resources.as_("project_manager", projects=[str(uuid4())])
    made = await resources.http.post("/v1/allocations", json=half(person_id), headers=manager)
    assert made.status_code == 403


async def test_hours_and_percent_together_are_refused_and_nothing_is_written(resources):
    person_id = await resources.person()
    made = await resources.http.post("/v1/allocations", json=half(person_id, hours_per_day="2"),
                                     headers=resources.admin)
    staffing = await resources.http.get(f"/v1/projects/{PROJECT}/staffing",
                                        headers=resources.admin)
    assert (made.status_code, made.json()["pointer"]) == (422, "#/hours_per_day")
    assert staffing.json()["items"] == []


async def test_confirming_an_unfilled_request_is_a_409_problem(resources):
    request = await resources.http.post("/v1/allocations", headers=resources.admin, json={
        "project_id": PROJECT, "role": "engineer", "hours_per_day": "4", **DAY})
    confirmed = await resources.http.post(f"{request.headers['Location']}/confirm",
                                          headers=resources.admin)
    assert (confirmed.status_code, confirmed.json()["type"].rsplit("/", 1)[1]) == (
        409, "allocation-state-conflict")


async def test_an_idempotent_allocation_retry_writes_once(resources):
    person_id = await resources.person()
    headers = {**resources.admin, "Idempotency-Key": "alloc-1"}
    first = await resources.http.post("/v1/allocations", json=half(person_id), headers=headers)
    again = await resources.http.post("/v1/allocations", json=half(person_id), headers=headers)
    staffing = await resources.http.get(f"/v1/projects/{PROJECT}/staffing",
                                        headers=resources.admin, params={"person_id": person_id})
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json()["id"] == first.json()["id"]
    assert len(staffing.json()["items"]) == 1


async def test_staffing_pages_through_a_projects_requests_by_start_date(resources):
    project = str(uuid4())
    for day in ("2027-03-03", "2027-03-01", "2027-03-02"):
        await resources.http.post("/v1/allocations", headers=resources.admin, json={
            "project_id": project, "role": "engineer", "hours_per_day": "2",
            "start_on": day, "end_on": day})
    url = f"/v1/projects/{project}/staffing"
    first = await resources.http.get(url, headers=resources.admin,
                                     params={"unfilled": True, "limit": 2})
    second = await resources.http.get(url, headers=resources.admin, params={
        "unfilled": True, "limit": 2, "cursor": first.json()["next_cursor"]})
    assert [a["start_on"] for a in first.json()["items"]] == ["2027-03-01", "2027-03-02"]
    assert ([a["start_on"] for a in second.json()["items"]], second.json()["next_cursor"]) == (
        ["2027-03-03"], None)
    assert first.json()["unfilled_requests"] == 3


async def test_a_tampered_staffing_cursor_is_a_400_problem(resources):
    response = await resources.http.get(f"/v1/projects/{PROJECT}/staffing",
                                        headers=resources.admin, params={"cursor": "e30"})
    assert (response.status_code, response.json()["type"].rsplit("/", 1)[1]) == (
        400, "invalid-cursor")
