"""Schemas of the issues log."""
from __future__ import annotations

from datetime import date
from typing import Literal
from uuid import UUID

from pydantic import BaseModel

from pmo_governance.api.schemas.common import Listed, LongText, Reason, Title, strict
from pmo_governance.domain.issue import Issue

Severity = Literal["low", "medium", "high", "critical"]
OWNER = "0b7c1c1e-7f5e-4d4a-9a51-2f1f3c7a9e10"


class IssueCreate(BaseModel):
    model_config = strict({"title": "Vendor missed the delivery", "severity": "high",
                           "owner_id": OWNER, "due_on": "2027-03-15",
                           "risk_id": "5a0c8a84-2d7e-4c1e-8d49-0e6c2e1b7f31"})
    title: Title
    description: LongText = ""
    severity: Severity
    owner_id: UUID
    due_on: date | None = None
    risk_id: UUID | None = None


class IssueUpdate(BaseModel):
    model_config = strict({"title": "Vendor missed the delivery", "severity": "critical",
                           "owner_id": OWNER, "due_on": "2027-03-10"})
    title: Title
    description: LongText = ""
    severity: Severity
    owner_id: UUID
    due_on: date | None = None


class IssueResolution(BaseModel):
    model_config = strict({"resolution": "second vendor delivered", "resolved_on": "2027-03-09"})
    resolution: Reason
    resolved_on: date | None = None


class IssueRead(BaseModel):
    id: UUID
    version: int
    project_id: UUID
    title: str
    description: str
    severity: str
    status: str
    owner_id: UUID
    due_on: date | None
    risk_id: UUID | None
    resolution: str
    resolved_on: date | None

    @classmethod
    def of(cls, issue: Issue) -> IssueRead:
        assert issue.project_id is not None and issue.owner_id is not None
        return cls(id=issue.id, version=issue.next_version, project_id=issue.project_id,
                   title=issue.title, description=issue.description, severity=issue.severity,
                   status=issue.status, owner_id=issue.owner_id, due_on=issue.due_on,
                   risk_id=issue.risk_id, resolution=issue.resolution,
                   resolved_on=issue.resolved_on)


class IssueSummary(BaseModel):
    id: UUID
    project_id: UUID
    title: str
    severity: str
    status: str
    owner_id: UUID
    due_on: date | None
    risk_id: UUID | None


class IssuePage(Listed):
    items: list[IssueSummary]
