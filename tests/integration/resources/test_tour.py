"""The README tour, step by step: if this passes, the tour in services/resources/README.md works."""
from decimal import Decimal as D
from uuid import uuid4

PROJECT = str(uuid4())


async def test_the_readme_tour(resources):
    http, admin = resources.http, resources.admin
    manager = resources.as_("project_manager", projects=[PROJECT])

    # 1. People with schedules and rates
    ada = await resources.person(name="Ada", role="engineer")
    grace = await resources.person(name="Grace", role="engineer",
                                   schedule=["8", "8", "8", "4", "0", "0", "0"])
    await resources.rate(ada, "2027-01-01", "90.00")
    role_rate = await http.post("/v1/roles/engineer/cost-rates", headers=admin, json={
        "effective_from": "2027-01-01", "hourly_rate": {"amount": "75.00", "currency": "EUR"}})
    assert role_rate.status_code == 201

    # 2. An allocation that over-allocates Grace on Thursday (4 h capacity, 6 h booked)
    booked = await http.post("/v1/allocations", headers=manager, json={
        "project_id": PROJECT, "person_id": grace, "hours_per_day": "6", "status": "confirmed",
        "start_on": "2027-03-01", "end_on": "2027-03-05"})
    [warning] = booked.json()["warnings"]
    assert booked.status_code == 201
    assert [(d["on"], D(d["load_hours"]), D(d["capacity_hours"])) for d in warning["days"]] == [
        ("2027-03-04", 6, 4)]  # Friday is not a working day for her: no load lands there

    # 3. A request for an engineer, filled with Ada, then confirmed
    request = await http.post("/v1/allocations", headers=manager, json={
        "project_id": PROJECT, "role": "engineer", "skills": [{"skill": "python", "min_level": 3}],
        "percent_of_capacity": "50", "start_on": "2027-03-01", "end_on": "2027-03-31"})
    filled = await http.post(f"/v1/allocations/{request.json()['id']}/fill", headers=manager,
                             json={"person_id": ada})
    confirmed = await http.post(f"/v1/allocations/{request.json()['id']}/confirm",
                                headers=manager)
    assert (filled.json()["person_id"], confirmed.json()["status"]) == (ada, "confirmed")

    # 4. A week of timesheets, submitted by Ada and approved by the project manager
    own = resources.as_("team_member", person_id=ada)
    sheet = await http.post("/v1/timesheets", headers=own,
                            json={"person_id": ada, "week_start_on": "2027-03-01"})
    url = sheet.headers["Location"]
    for day in range(1, 6):
        await http.post(f"{url}/lines", headers=own, json={
            "project_id": PROJECT, "worked_on": f"2027-03-0{day}", "hours": "4",
            "comment": "API design"})
    submitted = await http.post(f"{url}/submit", headers=own)
    approved = await http.post(f"{url}/approve", headers=manager)
    costed = await http.get(url, headers=resources.as_("auditor"))

    assert (submitted.json()["status"], approved.json()["status"]) == ("submitted", "approved")
    assert sum(D(x["cost"]["amount"]) for x in costed.json()["lines"]) == D("1800")
