"""Errors of the resources domain; each names the rule broken and, where it can, the field."""
from __future__ import annotations

from pmo_shared.kernel.errors import DomainError, InvalidTransition


class InvalidField(DomainError):
    """A value is well-formed but breaks a rule; `pointer` names the field."""

    status = 422
    problem_type = "invalid-field"
    title = "A field breaks a rule of the domain"


class TimeOffOverlaps(DomainError):
    status = 409
    problem_type = "time-off-overlaps"
    title = "The time off overlaps time off already booked"


class NoCostRate(DomainError):
    status = 422
    problem_type = "no-cost-rate"
    title = "No cost rate is effective on that day for the person or their role"


class DailyHoursExceeded(DomainError):
    status = 422
    problem_type = "daily-hours-exceeded"
    title = "A person cannot book more than 24 hours on one day"


class AllocationStateConflict(InvalidTransition):
    problem_type = "allocation-state-conflict"


class TimesheetStateConflict(InvalidTransition):
    problem_type = "timesheet-state-conflict"
