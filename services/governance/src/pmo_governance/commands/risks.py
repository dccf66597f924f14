"""Commands on the risk register, its risks and their mitigation actions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from pmo_governance.domain.scoring import Scoring
from pmo_shared.kernel.money import Money


@dataclass(frozen=True, kw_only=True)
class ConfigureRiskRegister:
    project_id: UUID
    scoring: Scoring


@dataclass(frozen=True, kw_only=True)
class IdentifyRisk:
    project_id: UUID
    title: str
    description: str
    category: str
    owner_id: UUID
    kind: str = "threat"
    proximity: str = "mid_term"
    cause: str = ""
    effect: str = ""


@dataclass(frozen=True, kw_only=True)
class ReviseRisk:
    risk_id: UUID
    title: str
    description: str
    category: str
    owner_id: UUID
    proximity: str
    cause: str
    effect: str


@dataclass(frozen=True, kw_only=True)
class AssessRisk:
    risk_id: UUID
    stage: str
    probability: Decimal
    impact: Decimal
    cost_impact: Money | None
    assessed_on: date
    assessed_by: UUID | None
    rationale: str = ""


@dataclass(frozen=True, kw_only=True)
class ChangeRiskStatus:
    risk_id: UUID
    status: str
    reason: str = ""


@dataclass(frozen=True, kw_only=True)
class PlanRiskResponse:
    risk_id: UUID
    strategy: str
    description: str


@dataclass(frozen=True, kw_only=True)
class PlanMitigation:
    risk_id: UUID
    description: str
    owner_id: UUID
    due_on: date


@dataclass(frozen=True, kw_only=True)
class CompleteMitigation:
    risk_id: UUID
    action_id: UUID
    completed_on: date
