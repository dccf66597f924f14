from datetime import date

from pmo_reporting.capacity.rollup import reach


def test_reach_runs_from_the_earliest_week_or_month_start_to_the_latest_end():
    # Fri 2027-01-01 sits in the week of Mon 2026-12-28; Tue 2027-03-02 in March.
    assert reach(date(2027, 1, 1), date(2027, 3, 2)) == (date(2026, 12, 28), date(2027, 3, 31))


def test_reach_ends_with_the_week_when_it_runs_into_the_next_month():
    # Fri 2027-12-31's week ends on Sun 2028-01-02, after the end of December.
    assert reach(date(2027, 12, 15), date(2027, 12, 31)) == (date(2027, 12, 1), date(2028, 1, 2))
