"""The StageGate aggregate: criteria checklist, evidence, attestations and one final decision."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Self
from uuid import UUID

from pmo_governance.commands.gates import (
    AttachEvidence,
    AttestCriterion,
    DecideStageGate,
    DefineStageGate,
)
from pmo_governance.domain.errors import (
    GateAlreadyDecided,
    GateCriteriaUnmet,
    InvalidInput,
    NotAnApprover,
)
from pmo_governance.domain.risk import check_choice
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import (
    GateCriterion,
    StageGateCriterionAttested,
    StageGateDecided,
    StageGateDefined,
    StageGateEvidenceAttached,
)
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.errors import Duplicate, NotFound

DECISIONS = ("approved", "rejected", "deferred", "approved_with_conditions")
PASSING = ("approved", "approved_with_conditions")


@dataclass(frozen=True)
class Evidence:
    evidence_id: UUID
    url: str
    note: str


@dataclass(frozen=True)
class Decision:
    decision: str
    decided_by: UUID
    reason: str
    conditions: tuple[str, ...]


class StageGate(Aggregate):
    aggregate_type = "stage_gate"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.project_id: UUID | None = None
        self.phase = self.project_type = ""
        self.standard_id: UUID | None = None
        self.criteria: dict[UUID, GateCriterion] = {}
        self.approver_ids: tuple[UUID, ...] = ()
        self.evidence: dict[UUID, list[Evidence]] = {}
        self.attestations: dict[UUID, tuple[UUID, str]] = {}
        self.decision: Decision | None = None

    @classmethod
    def define(cls, gate_id: UUID, cmd: DefineStageGate) -> Self:
        if not cmd.required_approver_ids:
            raise InvalidInput("a gate names at least one approver",
                               pointer="#/required_approver_ids")
        if len(set(cmd.required_approver_ids)) != len(cmd.required_approver_ids):
            raise InvalidInput("an approver is named twice", pointer="#/required_approver_ids")
        if not cmd.criteria:
            raise InvalidInput("a gate has at least one criterion", pointer="#/criteria")
        gate = cls(gate_id)
        gate._record(StageGateDefined(
            gate_id=gate_id, project_id=cmd.project_id, phase=cmd.phase,
            project_type=cmd.project_type, criteria=list(cmd.criteria),
            required_approver_ids=list(cmd.required_approver_ids), standard_id=cmd.standard_id))
        return gate

    @property
    def missing_criteria(self) -> list[UUID]:
        """Mandatory criteria nobody has attested yet."""
        return [c.criterion_id for c in self.criteria.values()
                if c.mandatory and c.criterion_id not in self.attestations]

    def attach_evidence(self, evidence_id: UUID, cmd: AttachEvidence) -> None:
        self._open_criterion(cmd.criterion_id)
        self._record(StageGateEvidenceAttached(
            gate_id=self.id, project_id=self._project, criterion_id=cmd.criterion_id,
            evidence_id=evidence_id, url=cmd.url, note=cmd.note,
            attached_by=cmd.attached_by))

    def attest(self, cmd: AttestCriterion) -> None:
        self._open_criterion(cmd.criterion_id)
        if cmd.criterion_id in self.attestations:
            raise Duplicate("the criterion is already attested")
        self._record(StageGateCriterionAttested(
            gate_id=self.id, project_id=self._project, criterion_id=cmd.criterion_id,
            attested_by=cmd.attested_by, note=cmd.note))

    def decide(self, cmd: DecideStageGate) -> None:
        check_choice(cmd.decision, DECISIONS, "#/decision")
        if cmd.decided_by not in self.approver_ids:
            raise NotAnApprover("you are not a required approver of this gate")
        if self.decision is not None:
            raise GateAlreadyDecided(f"the gate was already decided: {self.decision.decision}",
                                     decision=self.decision.decision)
        self._check_conditions(cmd)
        if cmd.decision in PASSING and self.missing_criteria:
            raise GateCriteriaUnmet(
                "every mandatory criterion must be attested before the gate passes",
                missing_criterion_ids=[str(c) for c in self.missing_criteria])
        self._record(StageGateDecided(
            gate_id=self.id, project_id=self._project, phase=self.phase, decision=cmd.decision,
            decided_by=cmd.decided_by, reason=cmd.reason, conditions=list(cmd.conditions)))

    @staticmethod
    def _check_conditions(cmd: DecideStageGate) -> None:
        if cmd.decision == "approved_with_conditions" and not cmd.conditions:
            raise InvalidInput("an approval with conditions names its conditions",
                               pointer="#/conditions")
        if cmd.decision != "approved_with_conditions" and cmd.conditions:
            raise InvalidInput("only approved_with_conditions carries conditions",
                               pointer="#/conditions")

    def _open_criterion(self, criterion_id: UUID) -> None:
        if criterion_id not in self.criteria:
            raise NotFound(f"criterion {criterion_id} is not on this gate")
        if self.decision is not None:
            raise GateAlreadyDecided("the gate is decided; its checklist is closed")

    @property
    def _project(self) -> UUID:
        assert self.project_id is not None
        return self.project_id

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case StageGateDefined():
                self.project_id, self.phase = event.project_id, event.phase
                self.project_type, self.standard_id = event.project_type, event.standard_id
                self.criteria = {c.criterion_id: c for c in event.criteria}
                self.approver_ids = tuple(event.required_approver_ids)
            case StageGateEvidenceAttached():
                self.evidence.setdefault(event.criterion_id, []).append(
                    Evidence(event.evidence_id, event.url, event.note))
            case StageGateCriterionAttested():
                self.attestations[event.criterion_id] = (event.attested_by, event.note)
            case StageGateDecided():
                self.decision = Decision(event.decision, event.decided_by, event.reason,
                                         tuple(event.conditions))
            case _:
                raise UnknownEvent(event.event_type)
