"""Errors of the governance domain; each carries its HTTP status and stable problem type."""
from __future__ import annotations

from pmo_shared.kernel.errors import DomainError, Duplicate, Forbidden, InvalidTransition


class InvalidInput(DomainError):
    """A value breaks a domain rule; `pointer` names the offending field of the request."""

    status = 422
    problem_type = "invalid-input"
    title = "A field breaks a governance rule"

    def __init__(self, detail: str, *, pointer: str) -> None:
        super().__init__(detail, pointer=pointer)


class NotOnScale(InvalidInput):
    problem_type = "value-not-on-scale"
    title = "The value is not on the register's declared scale"


class StatusChangeRefused(InvalidTransition):
    problem_type = "status-change-refused"
    title = "This status change is not allowed from the current status"


class GateAlreadyDecided(InvalidTransition):
    problem_type = "gate-already-decided"
    title = "The stage gate has already been decided"


class GateCriteriaUnmet(InvalidTransition):
    problem_type = "gate-criteria-unmet"
    title = "Mandatory criteria of the gate are not attested"


class NotAnApprover(Forbidden):
    problem_type = "not-an-approver"
    title = "You are not named as an approver"


class AlreadyVoted(Duplicate):
    problem_type = "already-decided"
    title = "This approver has already decided"


class Retired(InvalidTransition):
    problem_type = "standard-retired"
    title = "The standard is retired"


class ProjectNotKnown(DomainError):
    """Governance has not yet received the project's charter from the projects service."""

    status = 409
    problem_type = "project-not-known"
    title = "The project is not known to governance yet"
