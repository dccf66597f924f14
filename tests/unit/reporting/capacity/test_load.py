from datetime import date
from decimal import Decimal as D

from pmo_reporting.capacity.load import Allocation, DayLoad, person_days, request_hours

MON, TUE, WED = date(2027, 1, 4), date(2027, 1, 5), date(2027, 1, 6)
CAPACITY = {MON: D(8), TUE: D(4)}  # Wednesday is a holiday: no capacity


def allocation(status="confirmed", hours=None, percent=None):
    return Allocation("a", MON, WED, status, None if hours is None else D(hours),
                      None if percent is None else D(percent))


def test_a_confirmed_allocation_is_hard_load_on_each_day_with_capacity():
    days = person_days(CAPACITY, [allocation(hours="6")])
    assert days[MON] == DayLoad(D(8), D(6), D(0))
    assert days[TUE] == DayLoad(D(4), D(6), D(0))
    assert WED not in days


def test_requested_and_proposed_allocations_are_soft_load():
    days = person_days(CAPACITY, [allocation("requested", hours="1"),
                                  allocation("proposed", hours="2")])
    assert (days[MON].hard, days[MON].soft) == (D(0), D(3))


def test_a_cancelled_allocation_loads_nothing():
    assert person_days(CAPACITY, [allocation("cancelled", hours="6")])[MON].hard == D(0)


def test_a_percent_allocation_takes_that_share_of_each_days_capacity():
    days = person_days(CAPACITY, [allocation(percent="37.5")])
    assert (days[MON].hard, days[TUE].hard) == (D(3), D("1.5"))


def test_a_percent_load_is_kept_to_a_ten_thousandth_of_an_hour_half_even():
    assert allocation(percent="33.333333").load_on(D(8)) == D("2.6667")


def test_a_day_is_over_allocated_only_when_load_is_strictly_greater_than_capacity():
    assert not DayLoad(D(8), D(6), D(2)).over_allocated
    assert DayLoad(D(8), D(6), D("2.0001")).over_allocated


def test_an_unnamed_request_asks_for_its_hours_on_standard_weekdays_inside_the_period():
    hours = request_hours(MON, date(2027, 1, 17), D(4), None, date(2027, 1, 8), date(2027, 1, 31))
    assert hours == D(4) * 6  # Fri 8th, then Mon 11th to Fri 15th


def test_an_unnamed_percent_request_is_a_share_of_an_eight_hour_day():
    assert request_hours(MON, MON, None, D(50), MON, MON) == D(4)


def test_a_request_outside_the_period_asks_for_nothing():
    assert request_hours(MON, TUE, D(8), None, WED, WED) == D(0)
