"""Report parameters the capacity and risk queries share: periods, ranges, ratios, rounding."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Literal

from pmo_reporting.api.presentation import FigureRead
from pmo_shared.http.pagination import InvalidCursor, decode_cursor
from pmo_shared.kernel.errors import DomainError

Period = Literal["day", "week", "month"]
RATIO_PLACES = Decimal("0.0001")
ROUNDING = ("hours and money exact (stored to 4 decimal places); ratios and means half_even to 4 "
            "places; "
            "percent loads kept to 0.0001 h per day")
# A day-by-day series over years is not a report anyone reads; these bound the response size.
MAX_SPAN_DAYS: dict[str, int] = {"day": 92, "week": 742, "month": 1830}


class InvalidReportParameters(DomainError):
    status = 422
    problem_type = "invalid-report-parameters"
    title = "The report parameters do not make a valid report"


def check_range(from_on: date, to_on: date, period: str) -> None:
    if to_on < from_on:
        raise InvalidReportParameters("to_on is before from_on", parameter="query.to_on")
    if (to_on - from_on).days + 1 > MAX_SPAN_DAYS[period]:
        raise InvalidReportParameters(
            f"at most {MAX_SPAN_DAYS[period]} days for period={period}", parameter="query.to_on")


def period_start(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    if period == "month":
        return day.replace(day=1)
    return day


def whole_periods(from_on: date, to_on: date, period: str) -> dict[str, date]:
    """The range widened to whole periods: a week report always covers Monday to Sunday."""
    return {"from_on": period_start(from_on, period),
            "to_on": next_period(period_start(to_on, period), period) - timedelta(days=1)}


def period_starts(from_on: date, to_on: date, period: str) -> list[date]:
    starts, day = [], period_start(from_on, period)
    while day <= to_on:
        starts.append(day)
        day = next_period(day, period)
    return starts


def next_period(start: date, period: str) -> date:
    if period == "week":
        return start + timedelta(days=7)
    if period == "month":
        return date(start.year + start.month // 12, start.month % 12 + 1, 1)
    return start + timedelta(days=1)


def ratio(numerator: Decimal, denominator: Decimal, *, undefined: str) -> FigureRead:
    """The ratio rounded for presentation, or null with the reason when the denominator is zero:
    never 0 or infinity."""
    if denominator == 0:
        return FigureRead(value=None, reason=undefined)
    return FigureRead(value=(numerator / denominator).quantize(RATIO_PLACES, ROUND_HALF_EVEN))


def cursor_key(cursor: str | None) -> str | None:
    """The group key a page continues after; any other cursor content is a 400 problem."""
    if cursor is None:
        return None
    key = decode_cursor(cursor).get("key")
    if not isinstance(key, str):
        raise InvalidCursor("The cursor is malformed.")
    return key
