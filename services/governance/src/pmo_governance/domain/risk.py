"""The Risk aggregate: one entry of a project's risk register, its scores, response and actions."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Self
from uuid import UUID

from pmo_governance.commands.risks import (
    AssessRisk,
    ChangeRiskStatus,
    CompleteMitigation,
    IdentifyRisk,
    PlanMitigation,
    PlanRiskResponse,
    ReviseRisk,
)
from pmo_governance.domain.errors import InvalidInput, StatusChangeRefused
from pmo_governance.domain.scoring import Scoring, expected_monetary_value
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import (
    RiskAssessed,
    RiskIdentified,
    RiskMitigationCompleted,
    RiskMitigationPlanned,
    RiskResponsePlanned,
    RiskRevised,
    RiskStatusChanged,
)
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.errors import InvalidTransition, NotFound
from pmo_shared.kernel.money import Money

KINDS = ("threat", "opportunity")
PROXIMITIES = ("imminent", "near_term", "mid_term", "long_term")
STRATEGIES = {
    "threat": ("avoid", "mitigate", "transfer", "accept", "escalate"),
    "opportunity": ("exploit", "enhance", "share", "accept"),
}
# Closed is final except for reopening; an occurred risk can only be closed (its issue lives on).
TRANSITIONS = {
    "open": {"mitigating", "accepted", "closed", "occurred"},
    "mitigating": {"open", "accepted", "closed", "occurred"},
    "accepted": {"open", "mitigating", "closed", "occurred"},
    "occurred": {"closed"},
    "closed": {"open"},
}


@dataclass(frozen=True)
class Assessment:
    stage: str
    probability: Decimal
    impact: Decimal
    score: Decimal
    cost_impact: Money | None
    emv: Money | None
    assessed_on: date


@dataclass
class MitigationAction:
    action_id: UUID
    description: str
    owner_id: UUID
    due_on: date
    completed_on: date | None = None


def check_choice(value: str, allowed: tuple[str, ...] | set[str], pointer: str) -> None:
    if value not in allowed:
        raise InvalidInput(f"{value!r} is not one of {sorted(allowed)}", pointer=pointer)


class Risk(Aggregate):
    aggregate_type = "risk"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.project_id: UUID | None = None
        self.title = self.description = self.category = self.cause = self.effect = ""
        self.owner_id: UUID | None = None
        self.kind, self.proximity, self.status = "threat", "mid_term", "open"
        self.strategy: str | None = None
        self.response = ""
        self.history: list[Assessment] = []
        self.actions: dict[UUID, MitigationAction] = {}

    @classmethod
    def identify(cls, risk_id: UUID, cmd: IdentifyRisk) -> Self:
        check_choice(cmd.kind, KINDS, "#/kind")
        check_choice(cmd.proximity, PROXIMITIES, "#/proximity")
        risk = cls(risk_id)
        risk._record(RiskIdentified(
            risk_id=risk_id, project_id=cmd.project_id, title=cmd.title,
            description=cmd.description, category=cmd.category, owner_id=cmd.owner_id,
            kind=cmd.kind, proximity=cmd.proximity, cause=cmd.cause, effect=cmd.effect))
        return risk

    @property
    def inherent(self) -> Assessment | None:
        return next((a for a in reversed(self.history) if a.stage == "inherent"), None)

    @property
    def residual(self) -> Assessment | None:
        return next((a for a in reversed(self.history) if a.stage == "residual"), None)

    @property
    def current(self) -> Assessment | None:
        """Ranking uses the residual score once there is one: it is what remains after response."""
        return self.residual or self.inherent

    def revise(self, cmd: ReviseRisk) -> None:
        check_choice(cmd.proximity, PROXIMITIES, "#/proximity")
        self._record(RiskRevised(
            risk_id=self.id, project_id=self._project, title=cmd.title,
            description=cmd.description, category=cmd.category, owner_id=cmd.owner_id,
            proximity=cmd.proximity, cause=cmd.cause, effect=cmd.effect))

    def assess(self, cmd: AssessRisk, scoring: Scoring) -> None:
        check_choice(cmd.stage, ("inherent", "residual"), "#/stage")
        if cmd.stage == "residual" and self.inherent is None:
            raise InvalidTransition("assess the inherent risk before the residual risk")
        score = scoring.score(cmd.probability, cmd.impact)
        self._record(RiskAssessed(
            risk_id=self.id, project_id=self._project, stage=cmd.stage,
            probability=cmd.probability, impact=cmd.impact, score=score,
            cost_impact=cmd.cost_impact,
            emv=expected_monetary_value(cmd.probability, cmd.cost_impact),
            assessed_on=cmd.assessed_on, assessed_by=cmd.assessed_by, rationale=cmd.rationale))

    def change_status(self, cmd: ChangeRiskStatus) -> None:
        check_choice(cmd.status, tuple(TRANSITIONS), "#/status")
        if cmd.status not in TRANSITIONS[self.status]:
            raise StatusChangeRefused(f"a risk that is {self.status} cannot become {cmd.status}",
                                      current_status=self.status)
        self._record(RiskStatusChanged(risk_id=self.id, project_id=self._project,
                                       status=cmd.status, from_status=self.status,
                                       reason=cmd.reason))

    def plan_response(self, cmd: PlanRiskResponse) -> None:
        check_choice(cmd.strategy, STRATEGIES[self.kind], "#/strategy")
        self._record(RiskResponsePlanned(risk_id=self.id, project_id=self._project,
                                         strategy=cmd.strategy, description=cmd.description))

    def plan_mitigation(self, action_id: UUID, cmd: PlanMitigation) -> None:
        if self.status in ("closed", "occurred"):
            raise InvalidTransition(f"a risk that is {self.status} takes no new mitigation")
        self._record(RiskMitigationPlanned(
            risk_id=self.id, project_id=self._project, action_id=action_id,
            description=cmd.description, owner_id=cmd.owner_id, due_on=cmd.due_on))

    def complete_mitigation(self, cmd: CompleteMitigation) -> None:
        action = self.actions.get(cmd.action_id)
        if action is None:
            raise NotFound(f"mitigation action {cmd.action_id} does not exist")
        if action.completed_on is not None:
            raise InvalidTransition("the mitigation action is already completed")
        self._record(RiskMitigationCompleted(risk_id=self.id, project_id=self._project,
                                             action_id=cmd.action_id,
                                             completed_on=cmd.completed_on))

    @property
    def _project(self) -> UUID:
        assert self.project_id is not None, "a risk always belongs to a project"
        return self.project_id

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case RiskIdentified() | RiskRevised():
                self.project_id, self.title = event.project_id, event.title
                self.description, self.category = event.description, event.category
                self.owner_id, self.proximity = event.owner_id, event.proximity
                self.cause, self.effect = event.cause, event.effect
                if isinstance(event, RiskIdentified):
                    self.kind = event.kind
            case RiskAssessed():
                self.history.append(Assessment(
                    event.stage, event.probability, event.impact, event.score,
                    event.cost_impact, event.emv, event.assessed_on))
            case RiskStatusChanged():
                self.status = event.status
            case RiskResponsePlanned():
                self.strategy, self.response = event.strategy, event.description
            case RiskMitigationPlanned():
                self.actions[event.action_id] = MitigationAction(
                    event.action_id, event.description, event.owner_id, event.due_on)
            case RiskMitigationCompleted():
                self.actions[event.action_id].completed_on = event.completed_on
            case _:
                raise UnknownEvent(event.event_type)
