"""Commands on the issues log."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID


@dataclass(frozen=True, kw_only=True)
class RaiseIssue:
    project_id: UUID
    title: str
    description: str
    severity: str
    owner_id: UUID
    due_on: date | None = None
    risk_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class ReviseIssue:
    issue_id: UUID
    title: str
    description: str
    severity: str
    owner_id: UUID
    due_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class ResolveIssue:
    issue_id: UUID
    resolution: str
    resolved_on: date
