from datetime import date

from pmo_reporting.metrics.workdays import date_of_workday, workdays_between, workdays_through

MONDAY = date(2027, 1, 4)


def test_a_full_week_has_five_working_days():
    assert workdays_between(MONDAY, date(2027, 1, 10)) == 5


def test_a_weekend_has_no_working_days():
    assert workdays_between(date(2027, 1, 9), date(2027, 1, 10)) == 0


def test_an_inverted_range_has_no_working_days():
    assert workdays_between(date(2027, 1, 8), MONDAY) == 0


def test_saturday_and_sunday_count_like_the_friday_before():
    friday = workdays_through(date(2027, 1, 8))
    assert (workdays_through(date(2027, 1, 9)), workdays_through(date(2027, 1, 10))) == (
        friday, friday)


def test_the_date_of_a_working_day_inverts_the_count_for_every_weekday_of_a_year():
    day = date(2027, 1, 1)
    while day.year == 2027:
        if day.weekday() < 5:
            assert date_of_workday(workdays_through(day)) == day
        day = date.fromordinal(day.toordinal() + 1)
