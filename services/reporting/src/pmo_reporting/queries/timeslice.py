"""The two times of every report: the business status date and the record time ("as known at")."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime


@dataclass(frozen=True, slots=True)
class TimeSlice:
    as_of: date
    known_at: datetime
