"""Domain errors carry their own HTTP status and stable problem type, so the API maps them uniformly."""
from __future__ import annotations

from typing import Any, ClassVar


class DomainError(Exception):
    """A rule of the domain refused a command. Subclasses name what is wrong."""

    status: ClassVar[int] = 422
    problem_type: ClassVar[str] = "domain-rule-violated"
    title: ClassVar[str] = "The request breaks a domain rule"

    def __init__(self, detail: str, **extensions: Any) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extensions = extensions


class NotFound(DomainError):
    status = 404
    problem_type = "not-found"
    title = "No such resource"


class Forbidden(DomainError):
    status = 403
    problem_type = "forbidden"
    title = "You may not do this"


class ConcurrencyConflict(DomainError):
    """Someone else changed the aggregate since it was loaded."""

    status = 409
    problem_type = "version-conflict"
    title = "The resource was changed by someone else"


class PreconditionFailed(DomainError):
    """The client's If-Match version is not the current one."""

    status = 412
    problem_type = "precondition-failed"
    title = "If-Match does not match the current version"


class InvalidTransition(DomainError):
    status = 409
    problem_type = "invalid-transition"
    title = "This state change is not allowed now"


class Duplicate(DomainError):
    status = 409
    problem_type = "duplicate"
    title = "This already exists"
