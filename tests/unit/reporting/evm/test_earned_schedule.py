from datetime import date
from decimal import Decimal as D

from pmo_reporting.metrics.earned_schedule import earned_schedule
from pmo_reporting.metrics.evm import TaskPlan

# 10 working days at 100 per day, from Monday 2027-01-04.
PLAN = [TaskPlan("t1", date(2027, 1, 4), date(2027, 1, 15), D("1000"))]
WEDNESDAY_WEEK_2 = date(2027, 1, 13)  # AT = 8 working days


def test_on_plan_work_has_earned_schedule_equal_to_actual_time():
    result = earned_schedule(PLAN, ev=D("800"), as_of=WEDNESDAY_WEEK_2)
    assert (result.es.value, result.at, result.sv_t.value, result.spi_t.value) == (
        D("8"), 8, D("0"), D("1"))


def test_late_work_interpolates_within_the_day_it_reaches():
    result = earned_schedule(PLAN, ev=D("650"), as_of=WEDNESDAY_WEEK_2)
    assert result.es.value == D("6.5")
    assert (result.sv_t.value, result.spi_t.value) == (D("-1.5"), D("6.5") / D("8"))


def test_earned_schedule_points_at_the_date_of_the_last_whole_day_earned():
    result = earned_schedule(PLAN, ev=D("650"), as_of=WEDNESDAY_WEEK_2)
    assert result.es_on == date(2027, 1, 11)


def test_work_finished_early_caps_earned_schedule_at_the_plan_duration():
    result = earned_schedule(PLAN, ev=D("1000"), as_of=date(2027, 1, 6))
    assert (result.es.value, result.at) == (D("10"), 3)


def test_spi_t_is_null_before_the_plan_starts():
    result = earned_schedule(PLAN, ev=D("0"), as_of=date(2027, 1, 1))
    assert (result.spi_t.value, result.es.value) == (None, D("0"))
    assert result.spi_t.reason.startswith("AT is 0")


def test_no_plan_gives_null_earned_schedule_with_a_reason():
    result = earned_schedule([], ev=D("0"), as_of=WEDNESDAY_WEEK_2)
    assert (result.es.value, result.es.reason) == (None, "no planned tasks")


def test_a_gap_between_tasks_keeps_earned_schedule_at_the_end_of_the_first():
    plan = [TaskPlan("a", date(2027, 1, 4), date(2027, 1, 8), D("500")),
            TaskPlan("b", date(2027, 1, 18), date(2027, 1, 22), D("500"))]
    assert earned_schedule(plan, ev=D("500"), as_of=date(2027, 1, 22)).es.value == D("10")
