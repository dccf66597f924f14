"""The two times of every report: the business status date and the record time ("as known at")."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import ColumnElement, Table


@dataclass(frozen=True, slots=True)
class TimeSlice:
    as_of: date
    known_at: datetime


def known_at(table: Table, moment: datetime) -> ColumnElement[bool]:
    """Facts recorded by `moment` and not yet superseded then: what the PMO saw at that moment."""
    return (table.c.recorded_at <= moment) & (
        table.c.superseded_at.is_(None) | (table.c.superseded_at > moment))
