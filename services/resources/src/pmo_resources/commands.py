"""Commands of the resources service: imperative, frozen, validated already at the HTTP edge."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from pmo_shared.kernel.money import Money

Skills = tuple[tuple[str, int], ...]


@dataclass(frozen=True, kw_only=True)
class RegisterPerson:
    name: str
    role: str
    team_id: UUID | None = None
    skills: Skills = ()
    employment_type: str = "employee"
    active_from: date
    active_until: date | None = None


@dataclass(frozen=True, kw_only=True)
class ChangePerson:
    person_id: UUID
    name: str
    role: str
    team_id: UUID | None
    skills: Skills
    employment_type: str
    active_until: date | None


@dataclass(frozen=True, kw_only=True)
class FormTeam:
    name: str
    lead_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class SetSchedule:
    person_id: UUID
    effective_from: date
    hours_per_weekday: tuple[Decimal, ...]


@dataclass(frozen=True, kw_only=True)
class PublishHolidayCalendar:
    name: str
    holidays: tuple[tuple[date, str], ...]


@dataclass(frozen=True, kw_only=True)
class BookTimeOff:
    person_id: UUID
    start_on: date
    end_on: date
    half_days: tuple[date, ...] = ()
    reason: str | None = None


@dataclass(frozen=True, kw_only=True)
class SetCostRate:
    effective_from: date
    hourly_rate: Money


@dataclass(frozen=True, kw_only=True)
class CreateAllocation:
    project_id: UUID
    task_id: UUID | None = None
    person_id: UUID | None = None
    role: str | None = None
    skills: Skills = ()
    start_on: date
    end_on: date
    hours_per_day: Decimal | None = None
    percent_of_capacity: Decimal | None = None
    status: str = "requested"


@dataclass(frozen=True, kw_only=True)
class ChangeAllocation:
    start_on: date
    end_on: date
    hours_per_day: Decimal | None = None
    percent_of_capacity: Decimal | None = None


@dataclass(frozen=True, kw_only=True)
class RecordTimesheetLine:
    project_id: UUID
    task_id: UUID | None = None
    worked_on: date
    hours: Decimal
    comment: str | None = None


@dataclass(frozen=True, kw_only=True)
class CorrectTimesheetLine:
    line_id: UUID
    project_id: UUID
    task_id: UUID | None = None
    worked_on: date
    hours: Decimal
    comment: str | None = None
    reason: str
