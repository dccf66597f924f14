"""Keeps rm_cap_periods in step with rm_cap_days: after a person's days change, each touched
week and month is re-summed from the current days and re-recorded if its totals changed."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta

from sqlalchemy import Connection, bindparam, delete, insert, select, update

from pmo_reporting.capacity.calendar import month_on, week_on
from pmo_reporting.capacity.tables import rm_cap_periods

Totals = tuple[int, int, int, int, int]
# A day as stored: capacity, hard and soft hours (e4).
Stored = tuple[int, int, int]
_periods = rm_cap_periods.c
_MINE = (_periods.person_id == bindparam("b_person_id"), _periods.kind == bindparam("b_kind"),
         _periods.superseded_at.is_(None), _periods.period_on.in_(bindparam("b_starts", expanding=True)))
# Statements are built once; expanding parameters keep one cached statement each, however many
# periods change. Both kinds' current periods are read at once and told apart by `kind`.
_CURRENT = select(_periods.kind, _periods.period_on, _periods.capacity_e4, _periods.hard_e4,
                  _periods.soft_e4, _periods.free_e4, _periods.over_days).where(
    _periods.person_id == bindparam("b_person_id"), _periods.superseded_at.is_(None),
    _periods.period_on.in_(bindparam("b_starts", expanding=True)))
_SUPERSEDE = update(rm_cap_periods).where(*_MINE).values(superseded_at=bindparam("b_at"))
_DROP_INSTANT = delete(rm_cap_periods).where(*_MINE, _periods.recorded_at == bindparam("b_at"))
_INSERT = insert(rm_cap_periods)
KINDS: dict[str, Callable[[date], date]] = {"week": week_on, "month": month_on}


def reach(lo: date, hi: date) -> tuple[date, date]:
    """From the first day of the earliest week or month touching [lo, hi] to the last day of
    the latest: the days whose current rows `roll_up` needs to re-sum those periods."""
    following = date(hi.year + hi.month // 12, hi.month % 12 + 1, 1)
    return (min(week_on(lo), month_on(lo)),
            max(week_on(hi) + timedelta(days=6), following - timedelta(days=1)))


def roll_up(conn: Connection, person_id: str, changed: Iterable[date], at: datetime,
            current: Mapping[date, Stored]) -> None:
    """Re-records each week and month holding a changed day whose totals moved. `current` holds
    the person's current days over the `reach` of the changed ones (a day without a row has
    none), so every total is summed here rather than in SQL."""
    changed = set(changed)
    if not changed:
        return
    touched = {kind: {start_of(day) for day in changed} for kind, start_of in KINDS.items()}
    existing = _existing(conn, person_id, touched)
    fresh: list[dict[str, object]] = []
    for kind, start_of in KINDS.items():
        wanted = _totals(current, start_of, touched[kind])
        before = existing[kind]
        _supersede(conn, person_id, kind, at,
                   [start for start, totals in before.items() if wanted.get(start) != totals])
        fresh.extend(dict(
            person_id=person_id, kind=kind, period_on=start, capacity_e4=totals[0],
            hard_e4=totals[1], soft_e4=totals[2], free_e4=totals[3], over_days=totals[4],
            recorded_at=at) for start, totals in wanted.items() if before.get(start) != totals)
    if fresh:
        conn.execute(_INSERT, fresh)


def _existing(conn: Connection, person_id: str,
              touched: dict[str, set[date]]) -> dict[str, dict[date, Totals]]:
    """The current totals of the touched periods, by kind."""
    existing: dict[str, dict[date, Totals]] = {kind: {} for kind in touched}
    starts = sorted(set().union(*touched.values()))
    if starts:
        rows = conn.execute(_CURRENT, {"b_person_id": person_id, "b_starts": starts})
        for kind, start, capacity, hard, soft, free, over in rows:
            if start in touched[kind]:
                existing[kind][start] = (capacity, hard, soft, free, over)
    return existing


def _supersede(conn: Connection, person_id: str, kind: str, at: datetime, stale: list[date]) -> None:
    if stale:
        key = {"b_person_id": person_id, "b_kind": kind, "b_starts": stale, "b_at": at}
        # A version recorded at this very instant was never visible: replace it outright.
        conn.execute(_DROP_INSTANT, key)
        conn.execute(_SUPERSEDE, key)


def _totals(current: Mapping[date, Stored], start_of: Callable[[date], date],
            starts: set[date]) -> dict[date, Totals]:
    """Capacity, hard, soft and free hours and over-allocated days of each period in `starts`
    that has any current day."""
    totals: dict[date, list[int]] = {}
    for day, (capacity, hard, soft) in current.items():
        start = start_of(day)
        if start in starts:
            sums = totals.setdefault(start, [0, 0, 0, 0, 0])
            load = hard + soft
            sums[0] += capacity
            sums[1] += hard
            sums[2] += soft
            sums[3] += max(capacity - load, 0)
            sums[4] += load > capacity
    return {start: (s[0], s[1], s[2], s[3], s[4]) for start, s in totals.items()}
