"""Earned value end to end through the real projects and resources APIs: charter, plan, baseline,
progress, expenses and costed timesheets in; exact figures, and a steering-committee view
(`as_known_at`) that back-dated corrections made afterwards do not change."""
from uuid import uuid4

ADMIN = {"roles": ["pmo_admin"]}


def ok(response, status=201):
    assert response.status_code == status, response.text
    return response


async def write_plan(system, admin):
    project = ok(await system.projects.post("/v1/projects", headers=admin, json={
        "code": "E2E-1", "name": "End to end", "goals": ["earn value"],
        "sponsor_id": str(uuid4()), "manager_id": str(uuid4()),
        "planned_start_on": "2026-01-05", "planned_finish_on": "2026-03-31",
        "budget": {"amount": "3000.00", "currency": "EUR"}, "project_type": "it"})).json()
    base = f"/v1/projects/{project['id']}"
    ids = []
    for name, start, finish, cost, rule in (
            ("A", "2026-01-05", "2026-01-16", "1000.00", "percent_complete"),
            ("B", "2026-01-12", "2026-01-23", "2000.00", "fifty_fifty")):
        task = ok(await system.projects.post(f"{base}/tasks", headers=admin, json={
            "name": name, "planned_start_on": start, "planned_finish_on": finish,
            "planned_effort_hours": "40", "planned_cost": {"amount": cost, "currency": "EUR"},
            "earning_rule": rule}))
        ids.append(task.headers["PMO-Event-Ids"])
    ok(await system.projects.post(f"{base}/baselines", headers=admin, json={"name": "B1"}))
    return project["id"], [t["id"] for t in (await system.projects.get(
        f"{base}/tasks", headers=admin)).json()["items"]]


async def test_earned_value_of_a_project_written_through_the_real_apis(system):
    admin = system.auth(**ADMIN)
    project_id, (task_a, task_b) = await write_plan(system, admin)
    base = f"/v1/projects/{project_id}"
    events = []
    for task, status_on, percent in ((task_a, "2026-01-14", "60"), (task_b, "2026-01-13", "50")):
        events.append(ok(await system.projects.post(f"{base}/tasks/{task}/progress", headers=admin,
                                                    json={"status_on": status_on,
                                                          "percent_complete": percent})))
    events.append(ok(await system.projects.post(f"{base}/expenses", headers=admin, json={
        "spent_on": "2026-01-05", "amount": {"amount": "300.00", "currency": "EUR"},
        "category": "travel"})))
    person = ok(await system.resources.post("/v1/people", headers=admin,
                                            json={"name": "Ada", "role": "engineer"})).json()
    ok(await system.resources.post(f"/v1/people/{person['id']}/cost-rates", headers=admin, json={
        "effective_from": "2026-01-01", "hourly_rate": {"amount": "85.50", "currency": "EUR"}}))
    sheet = ok(await system.resources.post("/v1/timesheets", headers=admin, json={
        "person_id": person["id"], "week_start_on": "2026-01-12"})).json()
    events.append(ok(await system.resources.post(
        f"/v1/timesheets/{sheet['id']}/lines", headers=admin,
        json={"project_id": project_id, "worked_on": "2026-01-13", "hours": "10"}), 200))

    wait = ",".join(e.headers["PMO-Event-Ids"] for e in events)
    first = ok(await system.reporting.get(f"/v1/evm/projects/{project_id}", headers=admin,
                                          params={"as_of": "2026-01-14", "wait_for": wait,
                                                  "wait_seconds": 15}), 200).json()
    ev = first["earned_value"]
    assert (ev["bac"], ev["pv"], ev["ev"], ev["ac"]) == ("3000.00", "1400.00", "1600.00", "1155.00")
    assert (ev["cpi"]["value"], ev["spi"]["value"], ev["eac"]["value"]) == (
        "1.3853", "1.1429", "2165.62")

    steering = first["freshness"]["last_event_recorded_at"]
    corrected = ok(await system.projects.post(f"{base}/tasks/{task_a}/progress", headers=admin,
                                              json={"status_on": "2026-01-14",
                                                    "percent_complete": "40"}))
    now = ok(await system.reporting.get(f"/v1/evm/projects/{project_id}", headers=admin, params={
        "as_of": "2026-01-14", "wait_for": corrected.headers["PMO-Event-Ids"],
        "wait_seconds": 15}), 200).json()
    then = ok(await system.reporting.get(f"/v1/evm/projects/{project_id}", headers=admin, params={
        "as_of": "2026-01-14", "as_known_at": steering}), 200).json()
    assert (now["earned_value"]["ev"], then["earned_value"]["ev"]) == ("1400.00", "1600.00")
