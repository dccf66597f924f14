"""Body of a person's capacity calendar."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel

from pmo_resources.api.schemas.allocations import AllocationRead, OverAllocatedDay
from pmo_resources.api.schemas.availability import TimeOffRead


class CalendarDay(BaseModel):
    on: date
    scheduled_hours: Decimal
    time_off_hours: Decimal
    holiday: bool
    capacity_hours: Decimal
    load_hours: Decimal
    over_allocated: bool


class PersonCalendarRead(BaseModel):
    """Capacity = scheduled - time off (0 on holidays); load = live allocations; exact Decimals."""

    person_id: UUID
    from_on: date
    to_on: date
    capacity_hours: Decimal
    load_hours: Decimal
    days: list[CalendarDay]
    time_off: list[TimeOffRead]
    allocations: list[AllocationRead]


class OverAllocationsRead(BaseModel):
    person_id: UUID
    from_on: date
    to_on: date
    days: list[OverAllocatedDay]
