"""Schemas of stage gates: definition, evidence, attestation and decision."""
from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from pmo_governance.api.schemas.common import Listed, LongText, Name, Reason, Url, strict
from pmo_governance.domain.stage_gate import StageGate

APPROVER = "6f1d2b0e-4b8a-4a57-9f0e-0c5d7e3a2b19"


class CriterionCreate(BaseModel):
    model_config = strict({"description": "business case signed off", "mandatory": True})
    description: Annotated[str, Field(min_length=1, max_length=500)]
    mandatory: bool = True


class StageGateCreate(BaseModel):
    """Either `criteria` or a `standard_id` whose mandatory items become the criteria."""

    model_config = strict({"phase": "execution", "project_type": "it",
                           "criteria": [{"description": "business case signed off"}],
                           "required_approver_ids": [APPROVER]})
    phase: Name | None = None
    project_type: Name | None = None
    criteria: Annotated[list[CriterionCreate], Field(max_length=100)] = []
    standard_id: UUID | None = None
    required_approver_ids: Annotated[list[UUID], Field(min_length=1, max_length=20)]


class EvidenceCreate(BaseModel):
    model_config = strict({"url": "https://wiki.example.com/erp/business-case",
                           "note": "v3, signed"})
    url: Url
    note: LongText = ""


class AttestationCreate(BaseModel):
    model_config = strict({"note": "reviewed in the steering committee"})
    note: LongText = ""


class GateDecisionCreate(BaseModel):
    model_config = strict({"decision": "approved_with_conditions",
                           "reason": "benefits confirmed",
                           "conditions": ["hire a test lead by May"]})
    decision: Literal["approved", "rejected", "deferred", "approved_with_conditions"]
    reason: Reason
    conditions: Annotated[list[Annotated[str, Field(min_length=1, max_length=500)]],
                          Field(max_length=20)] = []


class EvidenceRead(BaseModel):
    evidence_id: UUID
    url: str
    note: str


class CriterionRead(BaseModel):
    criterion_id: UUID
    description: str
    mandatory: bool
    evidence: list[EvidenceRead]
    attested_by: UUID | None


class GateDecisionRead(BaseModel):
    decision: str
    decided_by: UUID
    reason: str
    conditions: list[str]


class StageGateRead(BaseModel):
    id: UUID
    version: int
    project_id: UUID
    phase: str
    project_type: str
    standard_id: UUID | None
    required_approver_ids: list[UUID]
    criteria: list[CriterionRead]
    missing_criterion_ids: list[UUID]
    decision: GateDecisionRead | None

    @classmethod
    def of(cls, gate: StageGate) -> StageGateRead:
        assert gate.project_id is not None
        criteria = [CriterionRead(
            criterion_id=c.criterion_id, description=c.description, mandatory=c.mandatory,
            evidence=[EvidenceRead(**vars(e)) for e in gate.evidence.get(c.criterion_id, [])],
            attested_by=gate.attestations.get(c.criterion_id, (None, ""))[0])
            for c in gate.criteria.values()]
        decision = GateDecisionRead(**{**vars(gate.decision), "conditions": list(
            gate.decision.conditions)}) if gate.decision else None
        return cls(id=gate.id, version=gate.next_version, project_id=gate.project_id,
                   phase=gate.phase, project_type=gate.project_type,
                   standard_id=gate.standard_id, required_approver_ids=list(gate.approver_ids),
                   criteria=criteria, missing_criterion_ids=gate.missing_criteria,
                   decision=decision)


class StageGateSummary(BaseModel):
    id: UUID
    project_id: UUID
    phase: str
    project_type: str
    decision: str | None


class StageGatePage(Listed):
    items: list[StageGateSummary]
