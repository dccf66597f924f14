"""Over-allocations, unfilled requests and shortages through the real reporting service."""
from uuid import uuid4

from tests.integration.reporting.capacity.scenario import ADA, part_time, person, week
from tests.integration.reporting.capacity.stream import at

WEEK = {"from_on": "2027-01-04", "to_on": "2027-01-10"}


async def test_over_allocated_days_list_each_day_whose_load_exceeds_capacity(reporting):
    await reporting.publish(*week())
    body = (await reporting.get("/v1/capacity/over-allocations", **WEEK)).json()
    [ada] = body["items"]
    assert ada["person_id"] == str(ADA)
    assert [(d["day"], d["capacity_hours"], d["allocated_hours"], d["excess_hours"])
            for d in ada["days"]] == [
        ("2027-01-04", "8", "10", "2"), ("2027-01-05", "8", "10", "2"),
        ("2027-01-07", "4", "8", "4"), ("2027-01-08", "4", "8", "4")]


async def test_unfilled_requests_show_the_hours_asked_for_inside_the_range(reporting):
    await reporting.publish(*week())
    body = (await reporting.get("/v1/capacity/unfilled-requests", from_on="2027-01-06",
                                to_on="2027-01-31")).json()
    [request] = body["items"]
    assert (request["role"], request["skills"], request["requested_hours"]) == (
        "tester", [{"skill": "qa", "min_level": 2}], "12")


async def test_a_shortage_is_unfilled_demand_beyond_the_free_hours_of_skilled_people(reporting):
    tester = uuid4()
    known = at("2027-01-01T08:00")
    await reporting.publish(*week(), (person(tester, skill="qa", level=3), known),
                            (part_time(tester), known))
    body = (await reporting.get("/v1/capacity/shortages", **WEEK)).json()
    [row] = body["items"]
    # The tester is free all week (36 h), the request asks for 20 h: no shortage.
    assert (row["skill"], row["min_level"], row["demand_hours"], row["available_hours"],
            row["shortage_hours"]) == ("qa", 2, "20", "36", "0")


async def test_a_skill_below_the_minimum_level_does_not_count_as_available(reporting):
    junior = uuid4()
    known = at("2027-01-01T08:00")
    await reporting.publish(*week(), (person(junior, skill="qa", level=1), known),
                            (part_time(junior), known))
    [row] = (await reporting.get("/v1/capacity/shortages", **WEEK)).json()["items"]
    assert (row["available_hours"], row["shortage_hours"]) == ("0", "20")


async def test_a_team_member_may_not_list_shortages(reporting):
    response = await reporting.get("/v1/capacity/shortages", claims={"roles": ["team_member"]},
                                   **WEEK)
    assert response.status_code == 403
