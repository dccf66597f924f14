"""Schemas of change requests and their approval workflow."""
from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from pmo_governance.api.schemas.common import Listed, LongText, Reason, Title, strict
from pmo_governance.domain.change_request import ChangeRequest
from pmo_shared.kernel.money import Money

Approvers = Annotated[list[UUID], Field(min_length=1, max_length=20)]
Days = Annotated[int, Field(ge=-3650, le=3650)]
_EXAMPLE = {"title": "Add single sign-on", "description": "customer asked for SSO",
            "cost_impact": {"amount": "15000.00", "currency": "EUR"},
            "schedule_impact_days": 10, "scope_impact": "one more integration",
            "approver_ids": ["6f1d2b0e-4b8a-4a57-9f0e-0c5d7e3a2b19"]}


class ChangeRequestCreate(BaseModel):
    model_config = strict({**_EXAMPLE, "requested_by": "0b7c1c1e-7f5e-4d4a-9a51-2f1f3c7a9e10"})
    title: Title
    description: LongText = ""
    requested_by: UUID | None = None
    cost_impact: Money | None = None
    schedule_impact_days: Days = 0
    scope_impact: LongText = ""
    approver_ids: Approvers


class ChangeRequestUpdate(BaseModel):
    model_config = strict(_EXAMPLE)
    title: Title
    description: LongText = ""
    cost_impact: Money | None = None
    schedule_impact_days: Days = 0
    scope_impact: LongText = ""
    approver_ids: Approvers


class WorkflowStep(BaseModel):
    model_config = strict({"reason": "superseded by CR-12"})
    reason: LongText = ""


class ChangeDecision(BaseModel):
    model_config = strict({"decision": "approved", "reason": "within contingency"})
    decision: Literal["approved", "rejected"]
    reason: Reason


class DecisionRead(BaseModel):
    approver_id: UUID
    decision: str
    reason: str


class ChangeRequestRead(BaseModel):
    id: UUID
    version: int
    project_id: UUID
    title: str
    description: str
    requested_by: UUID
    cost_impact: Money | None
    schedule_impact_days: int
    scope_impact: str
    approver_ids: list[UUID]
    status: str
    decisions: list[DecisionRead]
    alters_baseline: bool

    @classmethod
    def of(cls, request: ChangeRequest) -> ChangeRequestRead:
        assert request.project_id is not None and request.requested_by is not None
        decisions = [DecisionRead(approver_id=a, decision=d, reason=r)
                     for a, (d, r) in request.decisions.items()]
        return cls(
            id=request.id, version=request.next_version, project_id=request.project_id,
            title=request.title, description=request.description,
            requested_by=request.requested_by, cost_impact=request.cost_impact,
            schedule_impact_days=request.schedule_impact_days,
            scope_impact=request.scope_impact, approver_ids=list(request.approver_ids),
            status=request.status, decisions=decisions, alters_baseline=request.alters_baseline)


class ChangeRequestSummary(BaseModel):
    id: UUID
    project_id: UUID
    title: str
    status: str
    requested_by: UUID


class ChangeRequestPage(Listed):
    items: list[ChangeRequestSummary]
