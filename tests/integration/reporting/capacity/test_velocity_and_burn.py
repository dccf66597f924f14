"""Velocity and burn rate through the real reporting service, including a back-dated report."""
from datetime import date
from decimal import Decimal
from uuid import uuid4

from pmo_shared.events import projects as p
from pmo_shared.events import resources as r
from tests.integration.reporting.capacity.scenario import ADA, PROJECT, line, week
from tests.integration.reporting.capacity.stream import at
from tests.integration.reporting.risk.scenario import charter, eur

PORTFOLIO = uuid4()
TASK_A, TASK_B = uuid4(), uuid4()


def task(task_id, effort):
    return p.TaskPlanned(
        project_id=PROJECT, task_id=task_id, parent_task_id=None, wbs_code="1", name="t",
        planned_start_on=date(2027, 1, 4), planned_finish_on=date(2027, 1, 29),
        planned_effort_hours=Decimal(effort), planned_cost=eur("1000"),
        earning_rule="percent_complete")


def progress(task_id, on, percent):
    return p.ProgressReported(project_id=PROJECT, task_id=task_id, status_on=on,
                              percent_complete=Decimal(percent))


def plan():
    known = at("2027-01-02T08:00")
    return [(charter(PROJECT, PORTFOLIO, "VEL"), known), (task(TASK_A, "40"), known),
            (task(TASK_B, "24"), known),
            (progress(TASK_A, date(2027, 1, 6), "100"), at("2027-01-06T17:00"))]


async def test_velocity_counts_a_tasks_effort_in_the_week_it_reached_100(reporting):
    await reporting.publish(*plan())
    body = (await reporting.get("/v1/velocity", from_on="2027-01-04", as_of="2027-01-17",
                                last_n=2, project_id=str(PROJECT))).json()
    assert [(w["period_on"], w["completed_effort_hours"], w["closed"]) for w in body["periods"]] \
        == [("2027-01-04", "40", True), ("2027-01-11", "0", True)]
    assert body["mean_of_last_closed"] == {"value": "20.0000", "reason": None}


async def test_a_back_dated_completion_recorded_later_is_not_seen_before_it_was_recorded(
        reporting):
    await reporting.publish(*plan())
    await reporting.publish((progress(TASK_B, date(2027, 1, 8), "100"), at("2027-01-15T09:00")))
    params = {"from_on": "2027-01-04", "as_of": "2027-01-17", "last_n": 2,
              "project_id": str(PROJECT)}
    before = (await reporting.get("/v1/velocity", **params,
                                  as_known_at="2027-01-14T00:00Z")).json()
    after = (await reporting.get("/v1/velocity", **params)).json()
    assert before["periods"][0]["completed_effort_hours"] == "40"
    assert after["periods"][0]["completed_effort_hours"] == "64"


async def test_burn_rate_per_person_sums_hours_and_cost_per_week(reporting):
    await reporting.publish((charter(PROJECT, PORTFOLIO, "VEL"), at("2027-01-01T08:00")), *week())
    body = (await reporting.get("/v1/burn-rate", group_by="person", from_on="2027-01-04",
                                to_on="2027-01-17", as_of="2027-01-31")).json()
    [ada] = body["items"]
    assert (ada["key"], ada["currency"], ada["total_hours"], ada["total_cost"]) == (
        str(ADA), "EUR", "15.5", "1550")
    assert [(w["period_on"], w["cost"]) for w in ada["periods"]] == [
        ("2027-01-04", "1550"), ("2027-01-11", "0")]
    assert ada["mean_cost_per_period"] == "775.0000"


async def test_a_corrected_timesheet_line_replaces_the_old_hours_from_its_record_time(reporting):
    line_id = uuid4()
    await reporting.publish((charter(PROJECT, PORTFOLIO, "VEL"), at("2027-01-01T08:00")),
                            (line(date(2027, 1, 4), "8", line_id), at("2027-01-04T18:00")))
    fixed = line(date(2027, 1, 4), "6", line_id)
    corrected = r.TimesheetLineCorrected(**fixed.model_dump(), reason="typo")
    await reporting.publish((corrected, at("2027-01-09T10:00")))
    params = {"group_by": "project", "from_on": "2027-01-04", "to_on": "2027-01-10",
              "as_of": "2027-01-31"}
    before = (await reporting.get("/v1/burn-rate", **params, as_known_at="2027-01-08T00:00Z"))
    after = (await reporting.get("/v1/burn-rate", **params))
    assert before.json()["items"][0]["total_hours"] == "8"
    assert after.json()["items"][0]["total_hours"] == "6"


async def test_burn_rate_leaves_out_projects_the_caller_may_not_read(reporting):
    await reporting.publish((charter(PROJECT, PORTFOLIO, "VEL"), at("2027-01-01T08:00")), *week())
    outsider = {"roles": ["project_manager"], "projects": [uuid4()]}
    body = (await reporting.get("/v1/burn-rate", claims=outsider, from_on="2027-01-04",
                                to_on="2027-01-10")).json()
    assert body["items"] == []
