"""Events of the resources service: people, teams, rates, calendars, allocations, timesheets.

Hours are Decimal, rates Money; capacity inputs (schedules, holidays, time off) are carried whole
so reporting can compute capacity exactly as the service does (pmo_resources.domain.capacity)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.registry import catalogue
from pmo_shared.kernel.money import Money

AllocationStatus = Literal["requested", "proposed", "confirmed", "cancelled"]


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class SkillLevel(_Part):
    skill: str
    level: int


class SkillDemand(_Part):
    skill: str
    min_level: int


class Holiday(_Part):
    on: date
    name: str


# --- people and teams ----------------------------------------------------------------------

@catalogue.register
class PersonRegistered(DomainEvent):
    event_type = "resources.person.registered"
    person_id: UUID
    name: str
    role: str
    team_id: UUID | None = None
    skills: list[SkillLevel] = []
    employment_type: str = "employee"
    active_from: date | None = None
    active_until: date | None = None


@catalogue.register
class PersonChanged(DomainEvent):
    """Full new values of the changeable fields."""

    event_type = "resources.person.changed"
    person_id: UUID
    role: str
    team_id: UUID | None
    skills: list[SkillLevel]
    active_until: date | None
    # Always written by the service; optional so readers of the contract's fields need not care.
    name: str | None = None
    employment_type: str | None = None


@catalogue.register
class TeamFormed(DomainEvent):
    event_type = "resources.team.formed"
    team_id: UUID
    name: str
    lead_id: UUID | None = None


@catalogue.register
class TeamLeadChanged(DomainEvent):
    event_type = "resources.team.lead_changed"
    team_id: UUID
    lead_id: UUID | None


# --- capacity ------------------------------------------------------------------------------

@catalogue.register
class ScheduleSet(DomainEvent):
    """From `effective_from` on, until a later schedule; hours_per_weekday is Monday first."""

    event_type = "resources.schedule.set"
    person_id: UUID
    effective_from: date
    hours_per_weekday: list[Decimal]


@catalogue.register
class HolidayCalendarPublished(DomainEvent):
    """The full list of holidays; a republication replaces the previous one."""

    event_type = "resources.holiday_calendar.published"
    calendar_id: UUID
    name: str
    holidays: list[Holiday]


@catalogue.register
class PersonCalendarAssigned(DomainEvent):
    event_type = "resources.person.calendar_assigned"
    person_id: UUID
    calendar_id: UUID


@catalogue.register
class PersonCalendarUnassigned(DomainEvent):
    event_type = "resources.person.calendar_unassigned"
    person_id: UUID
    calendar_id: UUID


@catalogue.register
class TimeOffBooked(DomainEvent):
    event_type = "resources.time_off.booked"
    time_off_id: UUID
    person_id: UUID
    start_on: date
    end_on: date
    half_days: list[date]
    reason: str | None = None


@catalogue.register
class TimeOffCancelled(DomainEvent):
    event_type = "resources.time_off.cancelled"
    time_off_id: UUID
    person_id: UUID
    start_on: date
    end_on: date
    half_days: list[date]


# --- cost rates ----------------------------------------------------------------------------

@catalogue.register
class CostRateSet(DomainEvent):
    """A person's rate (person_id set) or a role's default rate (role set, person_id null)."""

    event_type = "resources.cost_rate.set"
    person_id: UUID | None = None
    role: str | None = None
    effective_from: date
    hourly_rate: Money


# --- allocations ---------------------------------------------------------------------------

@catalogue.register
class AllocationCreated(DomainEvent):
    """Exactly one of hours_per_day / percent_of_capacity is set; person_id null = a request."""

    event_type = "resources.allocation.created"
    allocation_id: UUID
    project_id: UUID
    task_id: UUID | None = None
    person_id: UUID | None = None
    role: str | None = None
    skills: list[SkillDemand] = []
    start_on: date
    end_on: date
    hours_per_day: Decimal | None = None
    percent_of_capacity: Decimal | None = None
    status: AllocationStatus


@catalogue.register
class AllocationFilled(DomainEvent):
    event_type = "resources.allocation.filled"
    allocation_id: UUID
    project_id: UUID
    person_id: UUID


@catalogue.register
class AllocationProposed(DomainEvent):
    event_type = "resources.allocation.proposed"
    allocation_id: UUID
    project_id: UUID
    person_id: UUID | None = None


@catalogue.register
class AllocationConfirmed(DomainEvent):
    event_type = "resources.allocation.confirmed"
    allocation_id: UUID
    project_id: UUID
    person_id: UUID | None = None


@catalogue.register
class AllocationCancelled(DomainEvent):
    event_type = "resources.allocation.cancelled"
    allocation_id: UUID
    project_id: UUID
    person_id: UUID | None = None
    reason: str | None = None


@catalogue.register
class AllocationChanged(DomainEvent):
    """Full new dates and load."""

    event_type = "resources.allocation.changed"
    allocation_id: UUID
    project_id: UUID
    person_id: UUID | None = None
    start_on: date
    end_on: date
    hours_per_day: Decimal | None = None
    percent_of_capacity: Decimal | None = None


# --- timesheets ----------------------------------------------------------------------------

@catalogue.register
class TimesheetOpened(DomainEvent):
    event_type = "resources.timesheet.opened"
    timesheet_id: UUID
    person_id: UUID
    week_start_on: date


@catalogue.register
class TimesheetLineRecorded(DomainEvent):
    """cost = hours x hourly_rate (the rate effective on worked_on), full precision."""

    event_type = "resources.timesheet.line_recorded"
    timesheet_id: UUID
    line_id: UUID
    person_id: UUID
    project_id: UUID
    task_id: UUID | None = None
    worked_on: date
    hours: Decimal
    hourly_rate: Money
    cost: Money
    comment: str | None = None


@catalogue.register
class TimesheetLineCorrected(DomainEvent):
    """Supersedes the line from its record time; the earlier event stays as known then."""

    event_type = "resources.timesheet.line_corrected"
    timesheet_id: UUID
    line_id: UUID
    person_id: UUID
    project_id: UUID
    task_id: UUID | None = None
    worked_on: date
    hours: Decimal
    hourly_rate: Money
    cost: Money
    comment: str | None = None
    reason: str


@catalogue.register
class TimesheetSubmitted(DomainEvent):
    event_type = "resources.timesheet.submitted"
    timesheet_id: UUID
    person_id: UUID
    week_start_on: date
    project_ids: list[UUID]


@catalogue.register
class TimesheetApproved(DomainEvent):
    """project_ids: the projects this approval covers (each project's manager approves theirs)."""

    event_type = "resources.timesheet.approved"
    timesheet_id: UUID
    person_id: UUID
    week_start_on: date
    project_ids: list[UUID]
    fully_approved: bool = True


@catalogue.register
class TimesheetRejected(DomainEvent):
    event_type = "resources.timesheet.rejected"
    timesheet_id: UUID
    person_id: UUID
    week_start_on: date
    project_ids: list[UUID]
    reason: str | None = None
