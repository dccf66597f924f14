"""Timesheets over HTTP: a week at effective-dated rates, approval, corrections, access."""
import json
from datetime import timedelta
from decimal import Decimal as D
from uuid import uuid4

from sqlalchemy import select

from pmo_resources.tables import kernel

PROJECT = str(uuid4())


async def week_of(resources, person_id, hours="8"):
    """Opens the week of 2027-03-01 and books Monday to Friday on PROJECT."""
    own = resources.as_("team_member", person_id=person_id)
    sheet = await resources.http.post("/v1/timesheets", headers=own,
                                      json={"person_id": person_id, "week_start_on": "2027-03-01"})
    assert sheet.status_code == 201, sheet.text
    url = sheet.headers["Location"]
    for day in range(1, 6):
        line = await resources.http.post(f"{url}/lines", headers=own, json={
            "project_id": PROJECT, "worked_on": f"2027-03-0{day}", "hours": hours,
            "comment": "migration"})
        assert line.status_code == 200, line.text
    return url, own


async def test_a_week_submitted_and_approved_costs_each_day_at_its_effective_rate(resources):
    person_id = await resources.person()
    await resources.rate(person_id, "2027-01-01", "80.00")
    await resources.rate(person_id, "2027-03-04", "100.00")
    url, own = await week_of(resources, person_id, hours="7.25")
    submitted = await resources.http.post(f"{url}/submit", headers=own)
    manager = resources.as_("project_manager", projects=[PROJECT])
    approved = await resources.http.post(f"{url}/approve", headers=manager)
    audited = await resources.http.get(url, headers=resources.as_("auditor"))

    assert (submitted.json()["status"], approved.json()["status"]) == ("submitted", "approved")
    lines = audited.json()["lines"]
    assert [D(x["hourly_rate"]["amount"]) for x in lines] == [80, 80, 80, 100, 100]
    assert [D(x["cost"]["amount"]) for x in lines] == [D("580")] * 3 + [D("725")] * 2
    assert D(audited.json()["total_hours"]) == D("36.25")


async def test_the_person_sees_their_timesheet_without_rates_and_others_do_not_see_it(resources):
    person_id = await resources.person()
    await resources.rate(person_id, "2027-01-01", "80.00")
    url, own = await week_of(resources, person_id)
    mine = await resources.http.get(url, headers=own)
    stranger = await resources.http.get(url, headers=resources.as_("team_member",
                                                                   person_id=uuid4()))
    assert {(x["hourly_rate"], x["cost"]) for x in mine.json()["lines"]} == {(None, None)}
    assert stranger.status_code == 404


async def test_a_manager_of_another_project_cannot_approve(resources):
    person_id = await resources.person()
    await resources.rate(person_id, "2027-01-01", "80.00")
    url, own = await week_of(resources, person_id)
    await resources.http.post(f"{url}/submit", headers=own)
    other = resources.as_("project_manager", projects=[uuid4()])
    self_approval = await resources.http.post(f"{url}/approve", headers=own)
    refused = await resources.http.post(f"{url}/approve", headers=other)
    assert (refused.status_code, self_approval.status_code) == (403, 403)


async def test_more_than_24_hours_a_day_is_refused_and_nothing_is_written(resources):
    person_id = await resources.person()
    await resources.rate(person_id, "2027-01-01", "80.00")
    url, own = await week_of(resources, person_id, hours="20")
    before = await resources.http.get(url, headers=own)
    refused = await resources.http.post(f"{url}/lines", headers=own, json={
        "project_id": PROJECT, "worked_on": "2027-03-01", "hours": "4.5"})
    after = await resources.http.get(url, headers=own)
    assert (refused.status_code, refused.json()["pointer"]) == (422, "#/hours")
    assert refused.json()["type"].endswith("daily-hours-exceeded")
    assert after.headers["ETag"] == before.headers["ETag"] == '"6"'


async def test_negative_hours_are_refused_with_the_field_pointer(resources):
    person_id = await resources.person()
    await resources.rate(person_id, "2027-01-01", "80.00")
    url, own = await week_of(resources, person_id)
    refused = await resources.http.post(f"{url}/lines", headers=own, json={
        "project_id": PROJECT, "worked_on": "2027-03-01", "hours": "-1"})
    assert [e["pointer"] for e in refused.json()["errors"]] == ["#/hours"]


async def test_a_line_without_any_effective_rate_is_refused(resources):
    person_id = await resources.person()
    url, own = await week_of_without_rate(resources, person_id)
    refused = await resources.http.post(f"{url}/lines", headers=own, json={
        "project_id": PROJECT, "worked_on": "2027-03-01", "hours": "8"})
    assert (refused.status_code, refused.json()["type"].rsplit("/", 1)[1]) == (422, "no-cost-rate")


async def week_of_without_rate(resources, person_id):
    own = resources.as_("team_member", person_id=person_id)
    sheet = await resources.http.post("/v1/timesheets", headers=own,
                                      json={"person_id": person_id, "week_start_on": "2027-03-01"})
    return sheet.headers["Location"], own


async def test_the_role_default_rate_applies_when_the_person_has_none(resources):
    person_id = await resources.person(role="designer")
    await resources.http.post("/v1/roles/designer/cost-rates", headers=resources.admin, json={
        "effective_from": "2027-01-01", "hourly_rate": {"amount": "60.00", "currency": "EUR"}})
    url, _ = await week_of(resources, person_id, hours="1")
    audited = await resources.http.get(url, headers=resources.admin)
    assert {D(x["cost"]["amount"]) for x in audited.json()["lines"]} == {60}


async def test_a_second_sheet_for_the_same_week_is_a_409_naming_the_week(resources):
    person_id = await resources.person()
    _, own = await week_of_without_rate(resources, person_id)
    again = await resources.http.post("/v1/timesheets", headers=own,
                                      json={"person_id": person_id, "week_start_on": "2027-03-01"})
    assert (again.status_code, again.json()["pointer"]) == (409, "#/week_start_on")


async def test_a_correction_after_approval_is_a_later_event_and_the_first_stays_as_known(
        resources):
    person_id = await resources.person()
    await resources.rate(person_id, "2027-01-01", "80.00")
    url, own = await week_of(resources, person_id)
    await resources.http.post(f"{url}/submit", headers=own)
    manager = resources.as_("project_manager", projects=[PROJECT])
    await resources.http.post(f"{url}/approve", headers=manager)
    line = (await resources.http.get(url, headers=own)).json()["lines"][0]
    resources.clock.advance(timedelta(days=10))
    corrected = await resources.http.put(f"{url}/lines/{line['line_id']}", headers=manager, json={
        "project_id": PROJECT, "worked_on": line["worked_on"], "hours": "6",
        "reason": "two hours were training"})

    assert (corrected.status_code, corrected.json()["status"]) == (200, "approved")
    assert D(corrected.json()["total_hours"]) == 38
    history = await line_history(resources, line["line_id"])
    assert [(kind, D(hours), str(at.date())) for kind, hours, at in history] == [
        ("resources.timesheet.line_recorded", 8, "2027-03-01"),
        ("resources.timesheet.line_corrected", 6, "2027-03-11")]


async def line_history(resources, line_id):
    events = kernel.events
    database = resources.http.app.state.write_side.database
    rows = await database.read(lambda conn: conn.execute(
        select(events.c.event_type, events.c.data, events.c.recorded_at)
        .where(events.c.aggregate_type == "timesheet").order_by(events.c.version)).all())
    return [(r.event_type, json.loads(r.data)["hours"], r.recorded_at) for r in rows
            if json.loads(r.data).get("line_id") == line_id]


async def test_a_rejected_sheet_is_corrected_and_resubmitted(resources):
    person_id = await resources.person()
    await resources.rate(person_id, "2027-01-01", "80.00")
    url, own = await week_of(resources, person_id)
    await resources.http.post(f"{url}/submit", headers=own)
    manager = resources.as_("project_manager", projects=[PROJECT])
    rejected = await resources.http.post(f"{url}/reject", headers=manager,
                                         json={"reason": "Friday was a holiday"})
    listed = await resources.http.get("/v1/timesheets", headers=manager,
                                      params={"project_id": PROJECT, "status": "rejected"})
    resubmitted = await resources.http.post(f"{url}/submit", headers=own)
    assert rejected.json()["status"] == "rejected"
    assert [s["id"] for s in listed.json()["items"]] == [rejected.json()["id"]]
    assert resubmitted.json()["status"] == "submitted"
