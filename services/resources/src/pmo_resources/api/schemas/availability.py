"""Bodies of a person's availability (schedules, time off, calendars) and of cost rates."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from pmo_resources.api.schemas.common import Reason, Write
from pmo_resources.domain.person import Person
from pmo_shared.kernel.money import Money

DayHours = Annotated[Decimal, Field(ge=0, le=24, max_digits=4, decimal_places=2,
                                    allow_inf_nan=False)]


class CalendarAssignment(Write):
    calendar_id: UUID


class ScheduleCreate(Write):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "effective_from": "2027-01-04", "hours_per_weekday": ["8", "8", "8", "4", "0", "0", "0"]}]})

    effective_from: date
    hours_per_weekday: Annotated[list[DayHours], Field(min_length=7, max_length=7)]


class ScheduleRead(BaseModel):
    effective_from: date
    hours_per_weekday: list[Decimal]


class TimeOffCreate(Write):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "start_on": "2027-03-01", "end_on": "2027-03-05", "half_days": ["2027-03-05"]}]})

    start_on: date
    end_on: date
    half_days: Annotated[list[date], Field(max_length=400)] = []
    reason: Reason | None = None


class TimeOffRead(BaseModel):
    time_off_id: UUID
    start_on: date
    end_on: date
    half_days: list[date]


class PersonCapacityRead(BaseModel):
    """The capacity inputs of a person: schedules, calendars and time off."""

    person_id: UUID
    version: int
    schedules: list[ScheduleRead]
    calendar_ids: list[UUID]
    time_off: list[TimeOffRead]
    time_off_id: UUID | None = None

    @classmethod
    def of(cls, person: Person, time_off_id: UUID | None = None) -> PersonCapacityRead:
        return cls(
            person_id=person.id, version=person.next_version,
            schedules=[ScheduleRead(effective_from=s.effective_from,
                                    hours_per_weekday=list(s.hours_per_weekday))
                       for s in person.schedules],
            calendar_ids=person.calendar_ids, time_off_id=time_off_id,
            time_off=[TimeOffRead(time_off_id=t.time_off_id, start_on=t.start_on,
                                  end_on=t.end_on, half_days=t.half_days)
                      for t in sorted(person.time_off.values(), key=lambda t: t.start_on)])


class CostRateCreate(Write):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{
        "effective_from": "2027-01-01", "hourly_rate": {"amount": "85.00", "currency": "EUR"}}]})

    effective_from: date
    hourly_rate: Money


class CostRateRead(BaseModel):
    effective_from: date
    hourly_rate: Money


class CostRatesRead(BaseModel):
    person_id: UUID | None = None
    role: str | None = None
    version: int
    rates: list[CostRateRead]
