"""Errors of the projects domain: each names what is wrong and carries its HTTP status."""
from __future__ import annotations

from pmo_shared.kernel.errors import DomainError, InvalidTransition


class FinishBeforeStart(DomainError):
    problem_type = "finish-before-start"
    title = "The planned finish is before the planned start"


class CurrencyNotOfProject(DomainError):
    problem_type = "currency-mismatch"
    title = "The amount is not in the project's currency"


class OutsideProjectDates(DomainError):
    problem_type = "outside-project-dates"
    title = "The dates fall outside the project's planned start and finish"


class DependencyCycle(DomainError):
    status = 409
    problem_type = "dependency-cycle"
    title = "The dependency would create a cycle"


class InvalidDependency(DomainError):
    problem_type = "invalid-dependency"
    title = "This dependency is not allowed"


class PhaseNotAllowed(InvalidTransition):
    problem_type = "invalid-phase-transition"
    title = "The project cannot move to this phase from its current phase"


class GateNotApproved(DomainError):
    status = 409
    problem_type = "gate-not-approved"
    title = "The stage gate guarding this phase is not approved"


class ProjectClosed(DomainError):
    status = 409
    problem_type = "project-closed"
    title = "The project is closed or cancelled and no longer accepts changes"


class InvalidProgress(DomainError):
    problem_type = "invalid-progress"
    title = "This progress value is not allowed for the task"


class DateInFuture(DomainError):
    problem_type = "date-in-future"
    title = "The date is after today"


class RebaselineNeedsReason(DomainError):
    problem_type = "rebaseline-reason-required"
    title = "Re-baselining needs a reason"


class FundingExceedsBudget(DomainError):
    problem_type = "funding-exceeds-budget"
    title = "Approved funding would exceed the project's budget"


class MilestoneAlreadyReached(InvalidTransition):
    problem_type = "milestone-already-reached"
    title = "The milestone was already reached"


class UnknownReference(DomainError):
    problem_type = "unknown-reference"
    title = "A referenced resource does not exist here"


class EmptyPlan(DomainError):
    problem_type = "empty-plan"
    title = "There is nothing to baseline yet"
