"""A person's capacity calendar over HTTP: part-time, holidays, half-day time off."""
from decimal import Decimal as D
from uuid import uuid4

PART_TIME = ["8", "8", "4", "0", "0", "0", "0"]


async def test_a_calendar_over_weeks_combines_part_time_holidays_and_half_days(resources):
    http, admin = resources.http, resources.admin
    person_id = await resources.person()
    await http.post(f"/v1/people/{person_id}/schedules", headers=admin,
                    json={"effective_from": "2027-03-15", "hours_per_weekday": PART_TIME})
    holidays = await http.post("/v1/holiday-calendars", headers=admin, json={
        "name": "Germany", "holidays": [{"on": "2027-03-22", "name": "Spring day"}]})
    await http.post(f"/v1/people/{person_id}/holiday-calendars", headers=admin,
                    json={"calendar_id": holidays.json()["id"]})
    leave = await http.post(f"/v1/people/{person_id}/time-off", headers=admin, json={
        "start_on": "2027-03-04", "end_on": "2027-03-05", "half_days": ["2027-03-05"]})
    assert leave.status_code == 201, leave.text

    calendar = await http.get(f"/v1/people/{person_id}/calendar", headers=admin,
                              params={"from_on": "2027-03-01", "to_on": "2027-03-28"})

    body = calendar.json()
    # 40 - 8 - 4, then 40, then part-time 20, then 20 - 8 for the holiday
    assert D(body["capacity_hours"]) == 100
    friday = body["days"][4]
    assert [D(friday[k]) for k in ("scheduled_hours", "time_off_hours", "capacity_hours")] == [
        8, 4, 4]
    assert body["days"][21]["holiday"] is True
    assert [t["half_days"] for t in body["time_off"]] == [["2027-03-05"]]


async def test_a_calendar_longer_than_400_days_is_refused_naming_the_parameter(resources):
    person_id = await resources.person()
    response = await resources.http.get(
        f"/v1/people/{person_id}/calendar", headers=resources.admin,
        params={"from_on": "2027-01-01", "to_on": "2028-06-01"})
    assert (response.status_code, response.json()["parameter"]) == (422, "query.to_on")


async def test_a_person_books_their_own_time_off_but_not_someone_elses(resources):
    person_id = await resources.person()
    own = resources.as_("team_member", person_id=person_id)
    other = resources.as_("team_member", person_id=uuid4())
    body = {"start_on": "2027-03-08", "end_on": "2027-03-08"}
    booked = await resources.http.post(f"/v1/people/{person_id}/time-off", json=body,
                                       headers=own)
    refused = await resources.http.post(f"/v1/people/{person_id}/time-off", json=body,
                                        headers=other)
    assert (booked.status_code, refused.status_code) == (201, 403)


async def test_overlapping_time_off_is_a_409_problem(resources):
    person_id = await resources.person()
    url = f"/v1/people/{person_id}/time-off"
    await resources.http.post(url, headers=resources.admin,
                              json={"start_on": "2027-03-08", "end_on": "2027-03-10"})
    again = await resources.http.post(url, headers=resources.admin,
                                      json={"start_on": "2027-03-10", "end_on": "2027-03-11"})
    assert (again.status_code, again.json()["type"].rsplit("/", 1)[1]) == (
        409, "time-off-overlaps")


async def test_cancelled_time_off_gives_capacity_back(resources):
    person_id = await resources.person()
    booked = await resources.http.post(f"/v1/people/{person_id}/time-off", headers=resources.admin,
                                       json={"start_on": "2027-03-01", "end_on": "2027-03-01"})
    time_off_id = booked.json()["time_off_id"]
    await resources.http.delete(f"/v1/people/{person_id}/time-off/{time_off_id}",
                                headers=resources.admin)
    calendar = await resources.http.get(f"/v1/people/{person_id}/calendar",
                                        headers=resources.admin,
                                        params={"from_on": "2027-03-01", "to_on": "2027-03-01"})
    assert D(calendar.json()["capacity_hours"]) == 8


async def test_a_team_member_cannot_read_someone_elses_calendar(resources):
    person_id = await resources.person()
    response = await resources.http.get(
        f"/v1/people/{person_id}/calendar", headers=resources.as_("team_member"),
        params={"from_on": "2027-03-01", "to_on": "2027-03-07"})
    assert response.status_code == 404
