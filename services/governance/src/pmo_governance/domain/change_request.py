"""The ChangeRequest aggregate: draft -> submitted -> under_review -> approved/rejected/withdrawn."""
from __future__ import annotations

from typing import Self
from uuid import UUID

from pmo_governance.commands.changes import (
    DecideChangeRequest,
    DraftChangeRequest,
    MoveChangeRequest,
    ReviseChangeRequest,
)
from pmo_governance.domain.errors import AlreadyVoted, InvalidInput, NotAnApprover
from pmo_governance.domain.risk import check_choice
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import (
    ChangeRequestApproved,
    ChangeRequestDecisionRecorded,
    ChangeRequestDrafted,
    ChangeRequestRejected,
    ChangeRequestReviewStarted,
    ChangeRequestRevised,
    ChangeRequestSubmitted,
    ChangeRequestWithdrawn,
)
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.errors import InvalidTransition
from pmo_shared.kernel.money import Money

# step -> (states it may start from, the state it leads to)
STEPS = {
    "submit": ({"draft"}, "submitted"),
    "start_review": ({"submitted"}, "under_review"),
    "withdraw": ({"draft", "submitted", "under_review"}, "withdrawn"),
}


def _check_approvers(approver_ids: tuple[UUID, ...]) -> None:
    if not approver_ids:
        raise InvalidInput("a change request names at least one approver", pointer="#/approver_ids")
    if len(set(approver_ids)) != len(approver_ids):
        raise InvalidInput("an approver is named twice", pointer="#/approver_ids")


class ChangeRequest(Aggregate):
    aggregate_type = "change_request"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.project_id: UUID | None = None
        self.title = self.description = self.scope_impact = ""
        self.requested_by: UUID | None = None
        self.cost_impact: Money | None = None
        self.schedule_impact_days = 0
        self.approver_ids: tuple[UUID, ...] = ()
        self.status = "draft"
        self.decisions: dict[UUID, tuple[str, str]] = {}

    @classmethod
    def draft(cls, change_request_id: UUID, cmd: DraftChangeRequest) -> Self:
        _check_approvers(cmd.approver_ids)
        request = cls(change_request_id)
        request._record(ChangeRequestDrafted(
            change_request_id=change_request_id, project_id=cmd.project_id, title=cmd.title,
            description=cmd.description, requested_by=cmd.requested_by,
            cost_impact=cmd.cost_impact, schedule_impact_days=cmd.schedule_impact_days,
            scope_impact=cmd.scope_impact, approver_ids=list(cmd.approver_ids)))
        return request

    @property
    def alters_baseline(self) -> bool:
        cost_moves = self.cost_impact is not None and self.cost_impact.amount != 0
        return cost_moves or self.schedule_impact_days != 0

    def revise(self, cmd: ReviseChangeRequest) -> None:
        _check_approvers(cmd.approver_ids)
        if self.status != "draft":
            raise InvalidTransition(f"only a draft can be revised; this one is {self.status}")
        self._record(ChangeRequestRevised(
            change_request_id=self.id, project_id=self._project, title=cmd.title,
            description=cmd.description, cost_impact=cmd.cost_impact,
            schedule_impact_days=cmd.schedule_impact_days,
            scope_impact=cmd.scope_impact, approver_ids=list(cmd.approver_ids)))

    def move(self, cmd: MoveChangeRequest) -> None:
        check_choice(cmd.step, tuple(STEPS), "#/step")
        sources, _target = STEPS[cmd.step]
        if self.status not in sources:
            raise InvalidTransition(f"cannot {cmd.step.replace('_', ' ')} a change request "
                                    f"that is {self.status}", current_status=self.status)
        ids = {"change_request_id": self.id, "project_id": self._project}
        match cmd.step:
            case "submit":
                self._record(ChangeRequestSubmitted(**ids, submitted_by=cmd.actor_id))
            case "start_review":
                self._record(ChangeRequestReviewStarted(**ids, started_by=cmd.actor_id))
            case _:
                self._record(ChangeRequestWithdrawn(**ids, withdrawn_by=cmd.actor_id,
                                                    reason=cmd.reason))

    def decide(self, cmd: DecideChangeRequest) -> None:
        """Every named approver must approve; one rejection rejects the request."""
        check_choice(cmd.decision, ("approved", "rejected"), "#/decision")
        if cmd.approver_id not in self.approver_ids:
            raise NotAnApprover("you are not named as an approver of this change request")
        if self.status != "under_review":
            raise InvalidTransition(f"a change request that is {self.status} takes no decision",
                                    current_status=self.status)
        if cmd.approver_id in self.decisions:
            raise AlreadyVoted("you have already decided this change request")
        ids = {"change_request_id": self.id, "project_id": self._project}
        self._record(ChangeRequestDecisionRecorded(**ids, approver_id=cmd.approver_id,
                                                   decision=cmd.decision, reason=cmd.reason))
        if cmd.decision == "rejected":
            self._record(ChangeRequestRejected(**ids, decided_by=cmd.approver_id,
                                               reason=cmd.reason))
        elif set(self.decisions) == set(self.approver_ids):
            self._record(ChangeRequestApproved(
                **ids, cost_impact=self.cost_impact,
                schedule_impact_days=self.schedule_impact_days,
                alters_baseline=self.alters_baseline, decided_by=cmd.approver_id,
                reason=cmd.reason))

    @property
    def _project(self) -> UUID:
        assert self.project_id is not None
        return self.project_id

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case ChangeRequestDrafted() | ChangeRequestRevised():
                self.project_id, self.title = event.project_id, event.title
                self.description = event.description
                if isinstance(event, ChangeRequestDrafted):
                    self.requested_by = event.requested_by
                self.cost_impact = event.cost_impact
                self.schedule_impact_days = event.schedule_impact_days
                self.scope_impact = event.scope_impact
                self.approver_ids = tuple(event.approver_ids)
            case ChangeRequestSubmitted() | ChangeRequestReviewStarted() | ChangeRequestWithdrawn():
                self.status = STEPS[_STEP_OF[type(event)]][1]
            case ChangeRequestDecisionRecorded():
                self.decisions[event.approver_id] = (event.decision, event.reason)
            case ChangeRequestApproved():
                self.status = "approved"
            case ChangeRequestRejected():
                self.status = "rejected"
            case _:
                raise UnknownEvent(event.event_type)


_STEP_OF: dict[type[DomainEvent], str] = {
    ChangeRequestSubmitted: "submit", ChangeRequestReviewStarted: "start_review",
    ChangeRequestWithdrawn: "withdraw",
}
