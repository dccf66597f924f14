"""Commands on stage gates."""
from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from pmo_shared.events.governance import GateCriterion


@dataclass(frozen=True, kw_only=True)
class DefineStageGate:
    project_id: UUID
    phase: str
    project_type: str
    criteria: tuple[GateCriterion, ...]
    required_approver_ids: tuple[UUID, ...]
    standard_id: UUID | None = None


@dataclass(frozen=True, kw_only=True)
class AttachEvidence:
    gate_id: UUID
    criterion_id: UUID
    url: str
    note: str
    attached_by: UUID | None


@dataclass(frozen=True, kw_only=True)
class AttestCriterion:
    gate_id: UUID
    criterion_id: UUID
    attested_by: UUID
    note: str = ""


@dataclass(frozen=True, kw_only=True)
class DecideStageGate:
    gate_id: UUID
    decided_by: UUID
    decision: str
    reason: str
    conditions: tuple[str, ...] = ()
