"""Events of the governance service: risks, issues, change requests, gates, standards, lessons."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.registry import catalogue
from pmo_shared.kernel.money import Money


class _Part(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --- risk register -------------------------------------------------------------------------

@catalogue.register
class RiskRegisterConfigured(DomainEvent):
    """The scoring scales and rounding of one project's register (the defaults are PMBOK's)."""

    event_type = "governance.risk_register.configured"
    register_id: UUID
    project_id: UUID
    probability_scale: list[Decimal]
    impact_scale: list[Decimal]
    score_places: int
    rounding: str


@catalogue.register
class RiskIdentified(DomainEvent):
    event_type = "governance.risk.identified"
    risk_id: UUID
    project_id: UUID
    title: str
    description: str
    category: str
    owner_id: UUID
    kind: Literal["threat", "opportunity"] = "threat"
    proximity: str = "mid_term"
    cause: str = ""
    effect: str = ""


@catalogue.register
class RiskRevised(DomainEvent):
    """Full new values of the descriptive fields."""

    event_type = "governance.risk.revised"
    risk_id: UUID
    project_id: UUID
    title: str
    description: str
    category: str
    owner_id: UUID
    proximity: str
    cause: str
    effect: str


@catalogue.register
class RiskAssessed(DomainEvent):
    event_type = "governance.risk.assessed"
    risk_id: UUID
    project_id: UUID
    stage: Literal["inherent", "residual"]
    probability: Decimal
    impact: Decimal
    score: Decimal
    cost_impact: Money | None = None
    emv: Money | None = None
    assessed_on: date
    assessed_by: UUID | None = None
    rationale: str = ""


@catalogue.register
class RiskStatusChanged(DomainEvent):
    event_type = "governance.risk.status_changed"
    risk_id: UUID
    project_id: UUID
    status: str
    from_status: str = ""
    reason: str = ""


@catalogue.register
class RiskResponsePlanned(DomainEvent):
    event_type = "governance.risk.response_planned"
    risk_id: UUID
    project_id: UUID
    strategy: str
    description: str


@catalogue.register
class RiskMitigationPlanned(DomainEvent):
    event_type = "governance.risk.mitigation_planned"
    risk_id: UUID
    project_id: UUID
    action_id: UUID
    description: str
    owner_id: UUID
    due_on: date


@catalogue.register
class RiskMitigationCompleted(DomainEvent):
    event_type = "governance.risk.mitigation_completed"
    risk_id: UUID
    project_id: UUID
    action_id: UUID
    completed_on: date


# --- issues log ----------------------------------------------------------------------------

@catalogue.register
class IssueRaised(DomainEvent):
    event_type = "governance.issue.raised"
    issue_id: UUID
    project_id: UUID
    title: str
    description: str
    severity: Literal["low", "medium", "high", "critical"]
    owner_id: UUID
    due_on: date | None = None
    risk_id: UUID | None = None


@catalogue.register
class IssueRevised(DomainEvent):
    event_type = "governance.issue.revised"
    issue_id: UUID
    project_id: UUID
    title: str
    description: str
    severity: Literal["low", "medium", "high", "critical"]
    owner_id: UUID
    due_on: date | None = None


@catalogue.register
class IssueResolved(DomainEvent):
    event_type = "governance.issue.resolved"
    issue_id: UUID
    project_id: UUID
    severity: Literal["low", "medium", "high", "critical"]
    resolution: str
    resolved_on: date


# --- change requests -----------------------------------------------------------------------

@catalogue.register
class ChangeRequestDrafted(DomainEvent):
    event_type = "governance.change_request.drafted"
    change_request_id: UUID
    project_id: UUID
    title: str
    description: str
    requested_by: UUID
    cost_impact: Money | None = None
    schedule_impact_days: int = 0
    scope_impact: str = ""
    approver_ids: list[UUID]


@catalogue.register
class ChangeRequestRevised(DomainEvent):
    """Full new values of a draft."""

    event_type = "governance.change_request.revised"
    change_request_id: UUID
    project_id: UUID
    title: str
    description: str
    cost_impact: Money | None = None
    schedule_impact_days: int = 0
    scope_impact: str = ""
    approver_ids: list[UUID]


@catalogue.register
class ChangeRequestSubmitted(DomainEvent):
    event_type = "governance.change_request.submitted"
    change_request_id: UUID
    project_id: UUID
    submitted_by: UUID


@catalogue.register
class ChangeRequestReviewStarted(DomainEvent):
    event_type = "governance.change_request.review_started"
    change_request_id: UUID
    project_id: UUID
    started_by: UUID


@catalogue.register
class ChangeRequestDecisionRecorded(DomainEvent):
    """One named approver's vote; the request is approved when every approver approved."""

    event_type = "governance.change_request.decision_recorded"
    change_request_id: UUID
    project_id: UUID
    approver_id: UUID
    decision: Literal["approved", "rejected"]
    reason: str


@catalogue.register
class ChangeRequestApproved(DomainEvent):
    """`alters_baseline` tells the projects service a re-baseline is due (cost or dates move)."""

    event_type = "governance.change_request.approved"
    change_request_id: UUID
    project_id: UUID
    cost_impact: Money | None = None
    schedule_impact_days: int = 0
    alters_baseline: bool = False
    decided_by: UUID | None = None
    reason: str = ""


@catalogue.register
class ChangeRequestRejected(DomainEvent):
    event_type = "governance.change_request.rejected"
    change_request_id: UUID
    project_id: UUID
    decided_by: UUID
    reason: str


@catalogue.register
class ChangeRequestWithdrawn(DomainEvent):
    event_type = "governance.change_request.withdrawn"
    change_request_id: UUID
    project_id: UUID
    withdrawn_by: UUID
    reason: str


# --- stage gates ---------------------------------------------------------------------------

class GateCriterion(_Part):
    criterion_id: UUID
    description: str
    mandatory: bool = True


@catalogue.register
class StageGateDefined(DomainEvent):
    """`phase` is the life-cycle phase the gate guards entry to."""

    event_type = "governance.stage_gate.defined"
    gate_id: UUID
    project_id: UUID
    phase: str
    project_type: str
    criteria: list[GateCriterion]
    required_approver_ids: list[UUID]
    standard_id: UUID | None = None


@catalogue.register
class StageGateEvidenceAttached(DomainEvent):
    event_type = "governance.stage_gate.evidence_attached"
    gate_id: UUID
    project_id: UUID
    criterion_id: UUID
    evidence_id: UUID
    url: str
    note: str = ""
    attached_by: UUID | None = None


@catalogue.register
class StageGateCriterionAttested(DomainEvent):
    event_type = "governance.stage_gate.criterion_attested"
    gate_id: UUID
    project_id: UUID
    criterion_id: UUID
    attested_by: UUID
    note: str = ""


@catalogue.register
class StageGateDecided(DomainEvent):
    event_type = "governance.stage_gate.decided"
    gate_id: UUID
    project_id: UUID
    phase: str
    decision: Literal["approved", "rejected", "deferred", "approved_with_conditions"]
    decided_by: UUID
    reason: str
    conditions: list[str] = []


# --- standards library and compliance ------------------------------------------------------

class ChecklistItem(_Part):
    item_id: UUID
    text: str


@catalogue.register
class StandardPublished(DomainEvent):
    """A new version of a policy, template or checklist; full content every version."""

    event_type = "governance.standard.published"
    standard_id: UUID
    version: int
    kind: Literal["policy", "template", "checklist"]
    title: str
    body: str
    project_types: list[str]
    mandatory_items: list[ChecklistItem] = []
    phase: str | None = None


@catalogue.register
class StandardRetired(DomainEvent):
    event_type = "governance.standard.retired"
    standard_id: UUID
    reason: str


@catalogue.register
class ComplianceItemAttested(DomainEvent):
    event_type = "governance.compliance.item_attested"
    project_id: UUID
    standard_id: UUID
    standard_version: int
    item_id: UUID
    attested_by: UUID
    evidence_url: str = ""


@catalogue.register
class ComplianceEvaluated(DomainEvent):
    event_type = "governance.compliance.evaluated"
    project_id: UUID
    mandatory_items: int
    attested_items: int
    missing_item_ids: list[UUID]
    compliant: bool


# --- knowledge repository ------------------------------------------------------------------

@catalogue.register
class LessonRecorded(DomainEvent):
    """Version 1 on first record, then one more per revision; full content every time."""

    event_type = "governance.lesson.recorded"
    lesson_id: UUID
    project_id: UUID
    version: int
    phase: str
    title: str
    what_happened: str
    impact: str
    recommendation: str
    tags: list[str]


@catalogue.register
class ArticlePublished(DomainEvent):
    event_type = "governance.article.published"
    article_id: UUID
    version: int
    title: str
    body: str
    tags: list[str]
