"""Keeps rm_cap_periods in step with rm_cap_days: after a person's days change, each touched
week and month is re-summed from the current days and re-recorded if its totals changed."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, case, delete, func, insert, select, update

from pmo_reporting.capacity.calendar import month_on, week_on
from pmo_reporting.capacity.tables import rm_cap_days, rm_cap_periods

Totals = tuple[int, int, int, int, int]
_periods = rm_cap_periods.c
_MINE = (_periods.person_id == bindparam("b_person_id"), _periods.kind == bindparam("b_kind"),
         _periods.superseded_at.is_(None), _periods.period_on.in_(bindparam("b_starts", expanding=True)))
# Expanding parameters keep one cached statement each, however many periods change.
_CURRENT = select(rm_cap_periods).where(*_MINE)
_SUPERSEDE = update(rm_cap_periods).where(*_MINE).values(superseded_at=bindparam("b_at"))
_DROP_INSTANT = delete(rm_cap_periods).where(*_MINE, _periods.recorded_at == bindparam("b_at"))
KINDS: dict[str, tuple[str, Callable[[date], date]]] = {
    "week": ("week_on", week_on), "month": ("month_on", month_on)}


def roll_up(conn: Connection, person_id: str, changed: Iterable[date], at: datetime) -> None:
    changed = list(changed)
    for kind, (column, start_of) in KINDS.items():
        starts = sorted({start_of(day) for day in changed})
        if starts:
            _roll_up(conn, person_id, kind, column, starts, at)


def _roll_up(conn: Connection, person_id: str, kind: str, column: str, starts: list[date],
             at: datetime) -> None:
    wanted = _sums(conn, person_id, column, starts)
    key = {"b_person_id": person_id, "b_kind": kind}
    existing = {row.period_on: (row.capacity_e4, row.hard_e4, row.soft_e4, row.free_e4,
                                row.over_days)
                for row in conn.execute(_CURRENT, {**key, "b_starts": starts})}
    stale = [start for start, totals in existing.items() if wanted.get(start) != totals]
    fresh = [start for start, totals in wanted.items() if existing.get(start) != totals]
    if stale:
        # A version recorded at this very instant was never visible: replace it outright.
        conn.execute(_DROP_INSTANT, {**key, "b_starts": stale, "b_at": at})
        conn.execute(_SUPERSEDE, {**key, "b_starts": stale, "b_at": at})
    if fresh:
        conn.execute(insert(rm_cap_periods), [dict(
            person_id=person_id, kind=kind, period_on=start, capacity_e4=wanted[start][0],
            hard_e4=wanted[start][1], soft_e4=wanted[start][2], free_e4=wanted[start][3],
            over_days=wanted[start][4], recorded_at=at, superseded_at=None) for start in fresh])


def _sums_query(column: str) -> Any:
    days = rm_cap_days.c
    load = days.hard_e4 + days.soft_e4
    period = days[column]
    return select(
        period, func.sum(days.capacity_e4), func.sum(days.hard_e4), func.sum(days.soft_e4),
        func.sum(case((days.capacity_e4 > load, days.capacity_e4 - load), else_=0)),
        func.sum(case((load > days.capacity_e4, 1), else_=0)),
    ).where(days.person_id == bindparam("b_person_id"), days.superseded_at.is_(None),
            period.in_(bindparam("b_starts", expanding=True))).group_by(period)


_SUMS = {column: _sums_query(column) for column, _start in KINDS.values()}


def _sums(conn: Connection, person_id: str, column: str, starts: list[date]) -> dict[date, Totals]:
    rows = conn.execute(_SUMS[column], {"b_person_id": person_id, "b_starts": starts})
    return {row[0]: (int(row[1]), int(row[2]), int(row[3]), int(row[4]), int(row[5]))
            for row in rows}
