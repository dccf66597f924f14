"""Schemas of the risk register: registers, risks, assessments, responses and mitigation actions."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from pmo_governance.api.schemas.common import Fraction, LongText, Name, Reason, Title, strict
from pmo_governance.domain.risk import Risk
from pmo_governance.domain.scoring import Scoring
from pmo_shared.kernel.money import Money

Proximity = Literal["imminent", "near_term", "mid_term", "long_term"]
Status = Literal["open", "mitigating", "accepted", "closed", "occurred"]
Strategy = Literal["avoid", "mitigate", "transfer", "accept", "escalate", "exploit", "enhance",
                   "share"]
Scale = Annotated[list[Fraction], Field(min_length=2, max_length=10)]


class RegisterUpdate(BaseModel):
    model_config = strict({"probability_scale": ["0.1", "0.3", "0.5", "0.7", "0.9"],
                           "impact_scale": ["0.05", "0.10", "0.20", "0.40", "0.80"],
                           "score_places": 2})
    probability_scale: Scale
    impact_scale: Scale
    score_places: Annotated[int, Field(ge=0, le=6)] = 2


class ScoringRead(BaseModel):
    probability_scale: list[Decimal]
    impact_scale: list[Decimal]
    score_places: int
    rounding: str

    @classmethod
    def of(cls, scoring: Scoring) -> ScoringRead:
        return cls(probability_scale=list(scoring.probability_scale),
                   impact_scale=list(scoring.impact_scale), score_places=scoring.score_places,
                   rounding=scoring.rounding)


class RegisterRead(BaseModel):
    project_id: UUID
    version: int
    scoring: ScoringRead


class RiskCreate(BaseModel):
    model_config = strict({"title": "Key vendor delivers late", "category": "supplier",
                           "owner_id": "0b7c1c1e-7f5e-4d4a-9a51-2f1f3c7a9e10", "kind": "threat",
                           "proximity": "near_term", "cause": "single supplier",
                           "effect": "go-live slips"})
    title: Title
    description: LongText = ""
    category: Name
    owner_id: UUID
    kind: Literal["threat", "opportunity"] = "threat"
    proximity: Proximity = "mid_term"
    cause: LongText = ""
    effect: LongText = ""


class RiskUpdate(BaseModel):
    model_config = strict({"title": "Key vendor delivers late", "description": "",
                           "category": "supplier", "proximity": "imminent",
                           "owner_id": "0b7c1c1e-7f5e-4d4a-9a51-2f1f3c7a9e10",
                           "cause": "single supplier", "effect": "go-live slips"})
    title: Title
    description: LongText = ""
    category: Name
    owner_id: UUID
    proximity: Proximity
    cause: LongText = ""
    effect: LongText = ""


class AssessmentCreate(BaseModel):
    model_config = strict({"stage": "inherent", "probability": "0.7", "impact": "0.40",
                           "cost_impact": {"amount": "20000.00", "currency": "EUR"},
                           "assessed_on": "2027-03-01", "rationale": "vendor missed two dates"})
    stage: Literal["inherent", "residual"]
    probability: Fraction
    impact: Fraction
    cost_impact: Money | None = None
    assessed_on: date | None = None
    rationale: LongText = ""


class StatusChange(BaseModel):
    model_config = strict({"status": "mitigating", "reason": "second vendor engaged"})
    status: Status
    reason: LongText = ""


class ResponsePlan(BaseModel):
    model_config = strict({"strategy": "mitigate", "description": "qualify a second vendor"})
    strategy: Strategy
    description: LongText = ""


class MitigationActionCreate(BaseModel):
    model_config = strict({"description": "qualify a second vendor", "due_on": "2027-04-01",
                           "owner_id": "0b7c1c1e-7f5e-4d4a-9a51-2f1f3c7a9e10"})
    description: Reason
    owner_id: UUID
    due_on: date


class MitigationCompletion(BaseModel):
    model_config = strict({"completed_on": "2027-03-28"})
    completed_on: date | None = None


class AssessmentRead(BaseModel):
    stage: str
    probability: Decimal
    impact: Decimal
    score: Decimal
    cost_impact: Money | None
    emv: Money | None
    assessed_on: date


class MitigationActionRead(BaseModel):
    action_id: UUID
    description: str
    owner_id: UUID
    due_on: date
    completed_on: date | None


class RiskRead(BaseModel):
    id: UUID
    version: int
    project_id: UUID
    title: str
    description: str
    category: str
    kind: str
    proximity: str
    cause: str
    effect: str
    owner_id: UUID
    status: str
    strategy: str | None
    response: str
    inherent: AssessmentRead | None
    residual: AssessmentRead | None
    history: list[AssessmentRead]
    mitigation_actions: list[MitigationActionRead]
    scoring: ScoringRead

    @classmethod
    def of(cls, risk: Risk, scoring: Scoring) -> RiskRead:
        assert risk.project_id is not None and risk.owner_id is not None
        history = [AssessmentRead(**vars(a)) for a in risk.history]
        return cls(
            id=risk.id, version=risk.next_version, project_id=risk.project_id, title=risk.title,
            description=risk.description, category=risk.category, kind=risk.kind,
            proximity=risk.proximity, cause=risk.cause, effect=risk.effect,
            owner_id=risk.owner_id, status=risk.status, strategy=risk.strategy,
            response=risk.response,
            inherent=AssessmentRead(**vars(risk.inherent)) if risk.inherent else None,
            residual=AssessmentRead(**vars(risk.residual)) if risk.residual else None,
            history=history,
            mitigation_actions=[MitigationActionRead(**vars(a)) for a in risk.actions.values()],
            scoring=ScoringRead.of(scoring))


class RiskSummary(BaseModel):
    id: UUID
    project_id: UUID
    title: str
    category: str
    kind: str
    status: str
    owner_id: UUID
    proximity: str
    strategy: str | None
    inherent_score: Decimal | None
    residual_score: Decimal | None
    emv: Money | None


class RiskPage(BaseModel):
    items: list[RiskSummary]
    next_cursor: str | None = None
    scoring: ScoringRead
