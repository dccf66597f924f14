from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from pmo_projects.domain.baseline import Baseline, PlannedTask, monthly_spread
from pmo_projects.domain.errors import RebaselineNeedsReason
from tests.unit.projects.builders import eur, saved_project


def planned(cost="3000", start=date(2027, 1, 16), finish=date(2027, 3, 15)):
    return PlannedTask(task_id=uuid4(), wbs_code="1", planned_start_on=start,
                       planned_finish_on=finish, planned_cost=eur(cost),
                       earning_rule="percent_complete", planned_effort_hours=Decimal(10))


def test_a_budget_is_spread_over_the_months_by_calendar_days_and_sums_exactly():
    spread = monthly_spread(eur("1000"), date(2027, 1, 30), date(2027, 2, 2))
    assert [(p.period_start_on, p.amount.amount) for p in spread] == [
        (date(2027, 1, 1), Decimal("500.0000")), (date(2027, 2, 1), Decimal("500.0000"))]


def test_rounding_is_absorbed_by_the_last_period():
    spread = monthly_spread(eur("100"), date(2027, 1, 31), date(2027, 3, 1))
    assert sum(p.amount.amount for p in spread) == Decimal(100)
    assert spread[0].amount.amount == Decimal("3.3333")


def test_a_baseline_captures_each_task_and_totals_bac():
    tasks = [planned("3000"), planned("1500.50")]
    baseline = Baseline.capture(uuid4(), uuid4(), name="B1", reason="", change_request_id=None,
                                number=1, currency="EUR", tasks=tasks)
    event = baseline.pending_events[0]
    assert event.budget_at_completion == eur("4500.50")
    assert [t.budget for t in event.tasks] == [eur("3000"), eur("1500.50")]
    assert [p.period_start_on.month for p in event.tasks[0].spread] == [1, 2, 3]


def test_a_baseline_has_no_command_that_could_change_it():
    commands = {name for name in vars(Baseline) if not name.startswith("_")}
    assert commands == {"aggregate_type", "capture"}


def test_the_first_baseline_needs_no_reason_and_is_number_one():
    project = saved_project()
    number = project.adopt_baseline(uuid4(), "B1", eur("4500"), reason="", change_request_id=None)
    assert number == 1
    assert project.s.current_baseline.budget_at_completion == eur("4500")


def test_re_baselining_without_a_reason_is_rejected():
    project = saved_project()
    project.adopt_baseline(uuid4(), "B1", eur("4500"), reason="", change_request_id=None)
    with pytest.raises(RebaselineNeedsReason) as raised:
        project.adopt_baseline(uuid4(), "B2", eur("5000"), reason=" ", change_request_id=None)
    assert raised.value.extensions["pointer"] == "#/reason"


def test_re_baselining_records_why_and_the_change_request_and_becomes_current():
    project = saved_project()
    project.adopt_baseline(uuid4(), "B1", eur("4500"), reason="", change_request_id=None)
    change = uuid4()
    number = project.adopt_baseline(uuid4(), "B2", eur("5000"), reason="CR-7 adds scope",
                                    change_request_id=change)
    current = project.s.current_baseline
    assert (number, current.name, current.reason, current.change_request_id) == (
        2, "B2", "CR-7 adds scope", change)
    assert [b.name for b in project.s.baselines] == ["B1", "B2"]
