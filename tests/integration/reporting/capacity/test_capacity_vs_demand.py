"""Capacity vs demand through the real reporting service, fed real envelopes over JetStream."""
from datetime import date
from uuid import uuid4

from pmo_shared.events import resources as r
from tests.integration.reporting.capacity.scenario import ADA, PROJECT, part_time, person, week
from tests.integration.reporting.capacity.stream import at

WEEK = {"from_on": "2027-01-04", "to_on": "2027-01-10", "period": "week"}


async def test_a_part_time_week_with_a_holiday_and_half_a_day_off_has_24_hours_and_its_loads(
        reporting):
    await reporting.publish(*week())
    response = await reporting.get("/v1/capacity/demand", **WEEK, as_of="2027-01-08")
    assert response.status_code == 200, response.text
    [group] = response.json()["items"]
    [row] = group["periods"]
    assert (group["key"], row["period_on"]) == ("all", "2027-01-04")
    assert (row["capacity_hours"], row["hard_allocated_hours"], row["soft_allocated_hours"],
            row["allocated_hours"], row["availability_hours"]) == ("24", "24", "12", "36", "0")
    assert row["forecast_utilization"] == {"value": "1.5000", "reason": None}
    assert (row["actual_hours"], row["actual_utilization"]["value"]) == ("15.5", "0.6458")
    assert (row["unfilled_request_hours"], row["over_allocated_days"]) == ("20", 4)


async def test_time_off_recorded_later_does_not_count_as_known_before_it(reporting):
    await reporting.publish((person(), at("2027-01-01T08:00")),
                            (part_time(), at("2027-01-01T08:00")))
    await reporting.publish((r.TimeOffBooked(
        time_off_id=uuid4(), person_id=ADA, start_on=date(2027, 1, 4), end_on=date(2027, 1, 5),
        half_days=[date(2027, 1, 5)]), at("2027-01-03T10:00")))

    before = await reporting.get("/v1/capacity/demand", **WEEK, as_known_at="2027-01-02T00:00Z")
    after = await reporting.get("/v1/capacity/demand", **WEEK)

    assert before.json()["items"][0]["periods"][0]["capacity_hours"] == "36"
    assert after.json()["items"][0]["periods"][0]["capacity_hours"] == "24"


async def test_grouping_by_skill_shows_the_unfilled_qa_request_beside_python_capacity(reporting):
    await reporting.publish(*week())
    response = await reporting.get("/v1/capacity/demand", **WEEK, group_by="skill")
    rows = {item["key"]: item["periods"][0] for item in response.json()["items"]}
    assert (rows["python"]["capacity_hours"], rows["python"]["unfilled_request_hours"]) == ("24", "0")
    assert (rows["qa"]["capacity_hours"], rows["qa"]["unfilled_request_hours"]) == ("0", "20")
    assert rows["qa"]["forecast_utilization"] == {"value": None,
                                                  "reason": "no capacity in this period"}


async def test_a_project_manager_sees_only_the_staffing_of_their_project(reporting):
    other = uuid4()
    await reporting.publish(*week(), (person(other), at("2027-01-01T08:00")),
                            (part_time(other), at("2027-01-01T08:00")))
    pm = {"roles": ["project_manager"], "projects": [PROJECT]}

    refused = await reporting.get("/v1/capacity/demand", claims=pm, **WEEK)
    mine = await reporting.get("/v1/capacity/demand", claims=pm, **WEEK, group_by="person",
                               project_id=str(PROJECT))
    foreign = await reporting.get("/v1/capacity/demand", claims=pm, **WEEK,
                                  project_id=str(uuid4()))

    assert (refused.status_code, refused.json()["type"].rsplit("/", 1)[-1]) == (403, "forbidden")
    assert [item["key"] for item in mine.json()["items"]] == [str(ADA)]
    assert foreign.status_code == 404


async def test_a_team_member_may_not_read_capacity(reporting):
    response = await reporting.get("/v1/capacity/demand", claims={"roles": ["team_member"]},
                                   **WEEK)
    assert response.status_code == 403


async def test_a_day_series_longer_than_a_quarter_is_refused_naming_the_parameter(reporting):
    response = await reporting.get("/v1/capacity/demand", from_on="2027-01-01",
                                   to_on="2027-12-31", period="day")
    assert response.status_code == 422
    body = response.json()
    assert (body["type"].rsplit("/", 1)[-1], body["parameter"]) == (
        "invalid-report-parameters", "query.to_on")


async def test_a_role_filter_counts_only_the_requests_for_that_role(reporting):
    await reporting.publish(*week())
    engineers = await reporting.get("/v1/capacity/demand", **WEEK, role="engineer")
    testers = await reporting.get("/v1/capacity/demand", **WEEK, role="tester")
    assert engineers.json()["items"][0]["periods"][0]["unfilled_request_hours"] == "0"
    assert testers.json()["items"][0]["periods"][0]["unfilled_request_hours"] == "20"
