from datetime import date
from decimal import Decimal as D

from pmo_reporting.capacity.velocity import completed_on, velocity

MON = date(2027, 1, 4)


def test_a_task_completes_on_the_status_date_its_progress_reached_100():
    assert completed_on([(date(2027, 1, 8), D(100)), (MON, D(40))]) == date(2027, 1, 8)


def test_a_reopened_task_is_not_complete_until_it_reaches_100_again():
    reports = [(MON, D(100)), (date(2027, 1, 11), D(80))]
    assert completed_on(reports) is None
    assert completed_on([*reports, (date(2027, 1, 20), D(100))]) == date(2027, 1, 20)


def test_a_task_below_100_is_not_complete():
    assert completed_on([(MON, D("99.99"))]) is None


def test_velocity_sums_completed_effort_per_week_and_averages_the_last_closed_weeks():
    completions = {"a": date(2027, 1, 5), "b": date(2027, 1, 7), "c": date(2027, 1, 12)}
    effort = {"a": D(10), "b": D(5), "c": D(20)}
    result = velocity(completions, effort, period="week", from_on=MON,
                      as_of=date(2027, 1, 20), last_n=3)
    assert result.periods == [(MON, D(15), True), (date(2027, 1, 11), D(20), True),
                              (date(2027, 1, 18), D(0), False)]
    # Closed weeks counted back from the 20th: 11th, 4th and 28 Dec (empty).
    assert (result.mean, result.periods_in_mean) == (D(35) / 3, 3)


def test_a_week_ending_on_the_status_date_is_closed():
    result = velocity({"a": MON}, {"a": D(8)}, period="week", from_on=MON,
                      as_of=date(2027, 1, 10), last_n=1)
    assert result.mean == D(8)


def test_monthly_velocity_uses_calendar_months():
    result = velocity({"a": date(2027, 2, 27)}, {"a": D(8)}, period="month",
                      from_on=date(2027, 1, 1), as_of=date(2027, 3, 31), last_n=2)
    assert [start for start, _e, _c in result.periods] == [
        date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1)]
    assert result.mean == D(4)
