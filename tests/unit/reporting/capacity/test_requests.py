from datetime import date
from decimal import Decimal as D

from pmo_reporting.capacity.requests import Request, demand_by_period, demand_for_skill

MON = date(2027, 1, 4)


def request(skills=(("qa", 2),), role="tester", hours="4", end=date(2027, 1, 15)):
    return Request("a", "p", role, tuple(skills), MON, end, "requested", D(hours), None)


def test_demand_is_split_into_the_weeks_it_falls_in():
    demand = demand_by_period([request()], group_by="role", period="week", from_on=MON,
                              to_on=date(2027, 1, 17))
    assert demand == {("tester", MON): D(20), ("tester", date(2027, 1, 11)): D(20)}


def test_a_request_needing_two_skills_counts_under_each():
    demand = demand_by_period([request(skills=(("qa", 2), ("sql", 1)), end=MON)],
                              group_by="skill", period="week", from_on=MON, to_on=MON)
    assert demand == {("qa", MON): D(4), ("sql", MON): D(4)}


def test_demand_outside_the_range_is_left_out():
    demand = demand_by_period([request()], group_by="total", period="month",
                              from_on=date(2027, 1, 11), to_on=date(2027, 1, 31))
    assert demand == {("all", date(2027, 1, 1)): D(20)}


def test_demand_for_a_skill_counts_only_requests_at_that_minimum_level():
    requests = [request(), request(skills=(("qa", 3),))]
    assert demand_for_skill(requests, ("qa", 3), period="week", from_on=MON,
                            to_on=date(2027, 1, 10)) == {MON: D(20)}
