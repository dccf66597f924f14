"""Capacity vs demand end to end: people, schedules, holidays, time off, allocations and
timesheets written through the real resources API, read back from the real reporting API."""
from uuid import uuid4

ADMIN = {"roles": ["pmo_admin"]}
WEEK = {"from_on": "2027-01-04", "to_on": "2027-01-10", "period": "week", "as_of": "2027-01-08"}


async def post(client, path, body, headers):
    response = await client.post(path, json=body, headers=headers)
    assert response.status_code in (200, 201), response.text
    return response


async def test_a_part_time_week_written_through_the_resources_api_reports_exactly(system):
    admin = system.auth(**ADMIN)
    rs = system.resources
    person = (await post(rs, "/v1/people", {"name": "Ada", "role": "engineer", "skills": [
        {"skill": "python", "level": 3}], "active_from": "2027-01-01"}, admin)).json()["id"]
    calendar = (await post(rs, "/v1/holiday-calendars", {"name": "company", "holidays": [
        {"on": "2027-01-06", "name": "Company day"}]}, admin)).json()["id"]
    writes = [
        await post(rs, f"/v1/people/{person}/schedules", {
            "effective_from": "2027-01-01",
            "hours_per_weekday": ["8", "8", "8", "8", "4", "0", "0"]}, admin),
        await post(rs, f"/v1/people/{person}/holiday-calendars", {"calendar_id": calendar}, admin),
        await post(rs, f"/v1/people/{person}/time-off", {
            "start_on": "2027-01-07", "end_on": "2027-01-07", "half_days": ["2027-01-07"]}, admin),
        await post(rs, f"/v1/people/{person}/cost-rates", {
            "effective_from": "2027-01-01", "hourly_rate": {"amount": "100", "currency": "EUR"}},
            admin),
        await post(rs, "/v1/allocations", {
            "project_id": str(uuid4()), "person_id": person, "start_on": "2027-01-04",
            "end_on": "2027-01-08", "hours_per_day": "6", "status": "confirmed"}, admin),
        await post(rs, "/v1/allocations", {
            "project_id": str(uuid4()), "role": "tester", "skills": [{"skill": "qa", "min_level": 2}],
            "start_on": "2027-01-04", "end_on": "2027-01-08", "hours_per_day": "4"}, admin),
    ]
    sheet = (await post(rs, "/v1/timesheets", {"person_id": person, "week_start_on": "2027-01-04"},
                        admin)).json()
    writes.append(await post(rs, f"/v1/timesheets/{sheet['id']}/lines", {
        "project_id": str(uuid4()), "worked_on": "2027-01-04", "hours": "7.5"}, admin))
    waited = ",".join(w.headers["PMO-Event-Ids"] for w in writes)

    response = await system.reporting.get("/v1/capacity/demand", headers=admin, params={
        **WEEK, "wait_for": waited, "wait_seconds": 20})

    assert response.status_code == 200, response.text
    [row] = response.json()["items"][0]["periods"]
    assert (row["capacity_hours"], row["hard_allocated_hours"], row["availability_hours"],
            row["unfilled_request_hours"], row["actual_hours"], row["over_allocated_days"]) == (
        "24", "24", "4", "20", "7.5", 2)
    assert row["forecast_utilization"]["value"] == "1.0000"
