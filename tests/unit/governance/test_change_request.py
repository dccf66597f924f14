from dataclasses import replace
from uuid import uuid4

import pytest

from pmo_governance.commands.changes import (
    DecideChangeRequest,
    DraftChangeRequest,
    MoveChangeRequest,
)
from pmo_governance.domain.change_request import STEPS, ChangeRequest
from pmo_governance.domain.errors import AlreadyVoted, InvalidInput, NotAnApprover
from pmo_shared.events.governance import ChangeRequestApproved, ChangeRequestRejected
from pmo_shared.kernel.errors import InvalidTransition
from tests.unit.governance.builders import a_change_request, saved

STATES = ("draft", "submitted", "under_review", "approved", "rejected", "withdrawn")
ACTOR = uuid4()
DRAFT = DraftChangeRequest(project_id=uuid4(), title="t", description="", requested_by=ACTOR,
                           cost_impact=None, schedule_impact_days=0, scope_impact="",
                           approver_ids=(ACTOR,))


def step(request, name, reason=""):
    request.move(MoveChangeRequest(change_request_id=request.id, step=name, actor_id=ACTOR,
                                   reason=reason))


def in_review(*approvers):
    request = a_change_request(*approvers)
    step(request, "submit")
    step(request, "start_review")
    return saved(request)


def vote(request, approver, decision="approved", reason="fits the budget"):
    request.decide(DecideChangeRequest(change_request_id=request.id, approver_id=approver,
                                       decision=decision, reason=reason))


LEGAL = [(state, name) for name, (sources, _) in STEPS.items() for state in sorted(sources)]
ILLEGAL = [(state, name) for name, (sources, _) in STEPS.items() for state in STATES
           if state not in sources]


@pytest.mark.parametrize(("state", "name"), LEGAL)
def test_every_legal_workflow_step_moves_the_request(state, name):
    request = a_change_request()
    request.status = state
    step(request, name)
    assert request.status == STEPS[name][1]


@pytest.mark.parametrize(("state", "name"), ILLEGAL)
def test_every_illegal_workflow_step_is_refused(state, name):
    request = a_change_request()
    request.status = state
    with pytest.raises(InvalidTransition):
        step(request, name)


def test_a_request_without_approvers_is_refused_with_a_pointer():
    cmd = replace(DRAFT, approver_ids=())
    with pytest.raises(InvalidInput) as refused:
        ChangeRequest.draft(uuid4(), cmd)
    assert refused.value.extensions["pointer"] == "#/approver_ids"


def test_the_last_approval_approves_and_flags_a_rebaseline():
    first, second = uuid4(), uuid4()
    request = in_review(first, second)
    vote(request, first)
    assert request.status == "under_review"
    vote(request, second, reason="agreed by the board")
    approved = request.pending_events[-1]
    assert isinstance(approved, ChangeRequestApproved)
    assert approved.cost_impact is not None and str(approved.cost_impact.amount) == "5000.00"
    assert (approved.schedule_impact_days, approved.alters_baseline) == (10, True)
    assert (approved.decided_by, approved.reason, request.status) == (
        second, "agreed by the board", "approved")


def test_a_change_without_cost_or_date_impact_does_not_alter_the_baseline():
    approver = uuid4()
    request = a_change_request(approver, cost=None, days=0)
    step(request, "submit")
    step(request, "start_review")
    vote(request, approver)
    assert request.pending_events[-1].alters_baseline is False


def test_one_rejection_rejects_the_request_with_its_reason():
    first, second = uuid4(), uuid4()
    request = in_review(first, second)
    vote(request, first, decision="rejected", reason="no budget left")
    rejected = request.pending_events[-1]
    assert isinstance(rejected, ChangeRequestRejected)
    assert (rejected.reason, request.status) == ("no budget left", "rejected")


def test_someone_not_named_as_approver_cannot_decide():
    with pytest.raises(NotAnApprover):
        vote(in_review(uuid4()), uuid4())


def test_an_approver_decides_only_once():
    first = uuid4()
    request = in_review(first, uuid4())
    vote(request, first)
    with pytest.raises(AlreadyVoted):
        vote(request, first)


def test_a_submitted_request_is_not_decided_before_review_starts():
    approver = uuid4()
    request = a_change_request(approver)
    step(request, "submit")
    with pytest.raises(InvalidTransition):
        vote(request, approver)
