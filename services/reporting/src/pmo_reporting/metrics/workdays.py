"""Working-day arithmetic (Monday to Friday) as O(1) ordinals, so spreads are simple subtraction."""
from __future__ import annotations

from datetime import date, timedelta


def workdays_through(day: date) -> int:
    """Working days from 0001-01-01 (a Monday) up to and including `day`."""
    weeks, rest = divmod(day.toordinal(), 7)
    # toordinal() of a Monday is 1 mod 7: `rest` counts the days of the week already started.
    return weeks * 5 + min(rest, 5)


def workdays_before(day: date) -> int:
    return workdays_through(day - timedelta(days=1))


def workdays_between(start_on: date, finish_on: date) -> int:
    """Working days in [start_on, finish_on], 0 when the range is empty or a weekend."""
    return max(workdays_through(finish_on) - workdays_before(start_on), 0)


def date_of_workday(ordinal: int) -> date:
    """The date of the `ordinal`-th working day (1-based), the inverse of `workdays_through`."""
    weeks, rest = divmod(ordinal - 1, 5)
    return date.fromordinal(weeks * 7 + rest + 1)
