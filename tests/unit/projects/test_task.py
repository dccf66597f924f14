from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from pmo_projects.commands import ReplanTask
from pmo_projects.domain.errors import (
    CurrencyNotOfProject,
    DateInFuture,
    FinishBeforeStart,
    InvalidProgress,
    OutsideProjectDates,
)
from pmo_projects.domain.task import Task
from pmo_shared.kernel.money import Money
from tests.unit.projects.builders import TODAY, WINDOW, eur, plan_cmd, progress, saved_task


def test_a_planned_task_records_its_plan_with_the_project_id():
    project_id = uuid4()
    task = Task.plan_new(uuid4(), project_id, plan_cmd(), wbs_code="1.2", window=WINDOW)
    event = task.pending_events[0]
    assert (event.project_id, event.wbs_code, event.planned_cost) == (
        project_id, "1.2", eur("12000"))


def test_a_task_finishing_before_it_starts_is_rejected_naming_the_field():
    with pytest.raises(FinishBeforeStart) as raised:
        saved_task(planned_finish_on=date(2027, 1, 31))
    assert raised.value.extensions["pointer"] == "#/planned_finish_on"


def test_a_task_starting_before_the_project_is_rejected():
    with pytest.raises(OutsideProjectDates) as raised:
        saved_task(planned_start_on=date(2026, 12, 1))
    assert raised.value.extensions["pointer"] == "#/planned_start_on"


def test_a_task_finishing_after_the_project_is_rejected():
    with pytest.raises(OutsideProjectDates) as raised:
        saved_task(planned_finish_on=date(2028, 1, 1))
    assert raised.value.extensions["pointer"] == "#/planned_finish_on"


def test_a_task_cost_in_another_currency_is_a_422_currency_mismatch():
    with pytest.raises(CurrencyNotOfProject) as raised:
        saved_task(planned_cost=Money(amount=Decimal(5), currency="USD"))
    assert (raised.value.status, raised.value.problem_type) == (422, "currency-mismatch")
    assert raised.value.extensions["pointer"] == "#/planned_cost/currency"


def test_replanning_keeps_the_wbs_position_and_takes_the_new_values():
    task = saved_task()
    task.replan(ReplanTask(name="Build v2", planned_start_on=date(2027, 3, 1),
                           planned_finish_on=date(2027, 4, 30), planned_effort_hours=Decimal(90),
                           planned_cost=eur("15000"), earning_rule="fifty_fifty"), WINDOW)
    assert task.plan is not None
    assert (task.plan.wbs_code, task.plan.name, task.plan.planned_cost.amount) == (
        "1", "Build v2", Decimal(15000))


def test_progress_is_reported_as_of_a_status_date():
    task = saved_task()
    task.report_progress(progress(date(2027, 3, 1), "40"), TODAY)
    assert task.percent_complete == Decimal(40)
    assert task.pending_events[-1].status_on == date(2027, 3, 1)


def test_a_back_dated_correction_is_recorded_without_moving_the_current_percent():
    task = saved_task()
    task.report_progress(progress(date(2027, 3, 31), "60"), TODAY)
    task.report_progress(progress(date(2027, 2, 28), "25"), TODAY)
    assert task.percent_complete == Decimal(60)
    assert task.progress == {date(2027, 2, 28): Decimal(25), date(2027, 3, 31): Decimal(60)}
    assert [e.status_on for e in task.pending_events] == [date(2027, 3, 31), date(2027, 2, 28)]


def test_progress_for_a_future_status_date_is_rejected():
    with pytest.raises(DateInFuture):
        saved_task().report_progress(progress(date(2027, 7, 1), "10"), TODAY)


def test_a_zero_hundred_task_accepts_only_0_or_100():
    task = saved_task(earning_rule="zero_hundred")
    with pytest.raises(InvalidProgress) as raised:
        task.report_progress(progress(TODAY, "50"), TODAY)
    assert raised.value.extensions["allowed_values"] == ["0", "100"]
    task.report_progress(progress(TODAY, "100"), TODAY)


def test_a_fifty_fifty_task_accepts_50_once_started():
    task = saved_task(earning_rule="fifty_fifty")
    task.report_progress(progress(TODAY, "50"), TODAY)
    with pytest.raises(InvalidProgress):
        task.report_progress(progress(TODAY, "70"), TODAY)


@pytest.mark.parametrize("rule", ["milestone_weighted", "level_of_effort"])
def test_tasks_earning_by_milestones_or_effort_refuse_percent_reports(rule):
    with pytest.raises(InvalidProgress):
        saved_task(earning_rule=rule).report_progress(progress(TODAY, "10"), TODAY)


def test_a_task_replays_to_the_same_state():
    task = Task.plan_new(uuid4(), uuid4(), plan_cmd(), wbs_code="1", window=WINDOW)
    task.report_progress(progress(TODAY, "30"), TODAY)
    again = Task.replay(task.id, task.pending_events)
    assert (again.percent_complete, again.version, again.plan) == (Decimal(30), 2, task.plan)
