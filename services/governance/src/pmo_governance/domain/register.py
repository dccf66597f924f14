"""The RiskRegister aggregate: one per project, holding the scoring configuration of its risks."""
from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

from pmo_governance.domain.scoring import Scoring
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import RiskRegisterConfigured
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent

_NAMESPACE = uuid5(NAMESPACE_URL, "urn:pmo:governance:risk-register")


def register_id_for(project_id: UUID) -> UUID:
    """Derived, so a project's register is found without a lookup table."""
    return uuid5(_NAMESPACE, str(project_id))


class RiskRegister(Aggregate):
    aggregate_type = "risk_register"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.project_id: UUID | None = None
        self.scoring = Scoring()

    @classmethod
    def of_project(cls, project_id: UUID) -> RiskRegister:
        register = cls(register_id_for(project_id))
        register.project_id = project_id
        return register

    def configure(self, scoring: Scoring) -> None:
        assert self.project_id is not None
        self._record(RiskRegisterConfigured(
            register_id=self.id, project_id=self.project_id,
            probability_scale=list(scoring.probability_scale),
            impact_scale=list(scoring.impact_scale), score_places=scoring.score_places,
            rounding=scoring.rounding))

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case RiskRegisterConfigured():
                self.project_id = event.project_id
                self.scoring = Scoring(tuple(event.probability_scale), tuple(event.impact_scale),
                                       event.score_places, event.rounding)
            case _:
                raise UnknownEvent(event.event_type)
