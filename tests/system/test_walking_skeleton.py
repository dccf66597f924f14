"""One event from each write service travels outbox -> stream -> reporting read model."""
from uuid import uuid4

ADMIN = {"roles": ["pmo_admin"]}


def charter():
    return {"code": "SLICE-1", "name": "Slice", "goals": ["prove the pipeline"],
            "sponsor_id": str(uuid4()), "manager_id": str(uuid4()),
            "planned_start_on": "2027-01-04", "planned_finish_on": "2027-03-31",
            "budget": {"amount": "250000.00", "currency": "EUR"}, "project_type": "it"}


async def test_events_of_all_three_write_services_become_visible_in_reporting(system):
    admin = system.auth(**ADMIN)
    project = await system.projects.post("/v1/projects", json=charter(), headers=admin)
    project_id = project.json()["id"]
    risk = await system.governance.post(
        f"/v1/projects/{project_id}/risks", headers=admin,
        json={"title": "Vendor late", "category": "supplier", "owner_id": str(uuid4())})
    person = await system.resources.post("/v1/people", headers=admin,
                                         json={"name": "Ada", "role": "engineer"})
    assert (project.status_code, risk.status_code, person.status_code) == (201, 201, 201)

    waited = ",".join([project.headers["PMO-Event-Ids"], risk.headers["PMO-Event-Ids"],
                       person.headers["PMO-Event-Ids"]])
    summary = await system.reporting.get(
        f"/v1/projects/{project_id}", headers=admin,
        params={"wait_for": waited, "wait_seconds": 10})
    people = await system.reporting.get("/v1/people/count", headers=admin)

    assert summary.status_code == 200, summary.text
    body = summary.json()
    assert (body["code"], body["budget_at_completion"], body["currency"]) == (
        "SLICE-1", "250000.0000", "EUR")
    assert body["open_risks"] == 1
    assert body["freshness"]["stream_sequence"] == 3
    assert people.json()["people"] == 1


async def test_a_report_waiting_for_an_unknown_event_answers_504_problem(system):
    admin = system.auth(**ADMIN)
    response = await system.reporting.get(
        "/v1/people/count", headers=admin,
        params={"wait_for": str(uuid4()), "wait_seconds": 0.2})
    assert response.status_code == 504
    assert response.json()["type"].endswith("not-yet-reflected")
