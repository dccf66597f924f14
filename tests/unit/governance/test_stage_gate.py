from uuid import uuid4

import pytest

from pmo_governance.commands.gates import AttachEvidence, AttestCriterion, DecideStageGate
from pmo_governance.domain.errors import (
    GateAlreadyDecided,
    GateCriteriaUnmet,
    InvalidInput,
    NotAnApprover,
)
from pmo_shared.events.governance import StageGateDecided
from pmo_shared.kernel.errors import Duplicate, NotFound
from tests.unit.governance.builders import a_gate

APPROVER = uuid4()


def attest_all(gate):
    for criterion_id in list(gate.criteria):
        gate.attest(AttestCriterion(gate_id=gate.id, criterion_id=criterion_id,
                                    attested_by=uuid4()))


def decide(gate, decision="approved", by=APPROVER, conditions=()):
    gate.decide(DecideStageGate(gate_id=gate.id, decided_by=by, decision=decision,
                                reason="business case holds", conditions=conditions))


def test_an_attested_gate_is_approved_by_its_approver():
    gate = a_gate(APPROVER)
    attest_all(gate)
    decide(gate)
    decided = gate.pending_events[-1]
    assert isinstance(decided, StageGateDecided)
    assert (decided.phase, decided.decision, decided.decided_by) == (
        "execution", "approved", APPROVER)


def test_a_gate_cannot_be_decided_twice():
    gate = a_gate(APPROVER)
    decide(gate, "rejected")
    with pytest.raises(GateAlreadyDecided):
        decide(gate, "deferred")


def test_a_non_approvers_decision_is_forbidden():
    gate = a_gate(APPROVER)
    attest_all(gate)
    with pytest.raises(NotAnApprover) as refused:
        decide(gate, by=uuid4())
    assert refused.value.status == 403


def test_a_gate_does_not_pass_with_unattested_mandatory_criteria():
    gate = a_gate(APPROVER, mandatory=(True, False))
    mandatory = next(c for c in gate.criteria.values() if c.mandatory)
    with pytest.raises(GateCriteriaUnmet) as refused:
        decide(gate)
    assert refused.value.extensions["missing_criterion_ids"] == [str(mandatory.criterion_id)]


def test_optional_criteria_do_not_block_approval():
    gate = a_gate(APPROVER, mandatory=(True, False))
    mandatory = next(c for c in gate.criteria.values() if c.mandatory)
    gate.attest(AttestCriterion(gate_id=gate.id, criterion_id=mandatory.criterion_id,
                                attested_by=uuid4()))
    decide(gate)
    assert gate.decision is not None and gate.decision.decision == "approved"


def test_a_rejection_needs_no_attested_criteria():
    gate = a_gate(APPROVER)
    decide(gate, "rejected")
    assert gate.decision is not None and gate.decision.decision == "rejected"


def test_approval_with_conditions_names_its_conditions():
    gate = a_gate(APPROVER)
    attest_all(gate)
    with pytest.raises(InvalidInput) as refused:
        decide(gate, "approved_with_conditions")
    assert refused.value.extensions["pointer"] == "#/conditions"
    decide(gate, "approved_with_conditions", conditions=("hire a tester by May",))
    assert gate.decision is not None and gate.decision.conditions == ("hire a tester by May",)


def test_a_plain_approval_carries_no_conditions():
    gate = a_gate(APPROVER)
    attest_all(gate)
    with pytest.raises(InvalidInput):
        decide(gate, conditions=("x",))


def test_a_criterion_is_attested_once():
    gate = a_gate(APPROVER)
    criterion = next(iter(gate.criteria))
    gate.attest(AttestCriterion(gate_id=gate.id, criterion_id=criterion, attested_by=uuid4()))
    with pytest.raises(Duplicate):
        gate.attest(AttestCriterion(gate_id=gate.id, criterion_id=criterion, attested_by=uuid4()))


def test_evidence_for_an_unknown_criterion_is_not_found():
    gate = a_gate(APPROVER)
    with pytest.raises(NotFound):
        gate.attach_evidence(uuid4(), AttachEvidence(gate_id=gate.id, criterion_id=uuid4(),
                                                     url="https://x", note="", attached_by=None))


def test_a_decided_gates_checklist_is_closed():
    gate = a_gate(APPROVER)
    decide(gate, "deferred")
    with pytest.raises(GateAlreadyDecided):
        attest_all(gate)
