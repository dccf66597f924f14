"""The Risk aggregate: one entry of a project's risk register."""
from __future__ import annotations

from typing import Self
from uuid import UUID

from pmo_governance.commands import IdentifyRisk
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import RiskIdentified
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent


class Risk(Aggregate):
    aggregate_type = "risk"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.project_id: UUID | None = None
        self.title = ""
        self.description = ""
        self.category = ""
        self.owner_id: UUID | None = None
        self.status = "open"

    @classmethod
    def identify(cls, risk_id: UUID, cmd: IdentifyRisk) -> Self:
        risk = cls(risk_id)
        risk._record(RiskIdentified(risk_id=risk_id, project_id=cmd.project_id, title=cmd.title,
                                    description=cmd.description, category=cmd.category,
                                    owner_id=cmd.owner_id))
        return risk

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case RiskIdentified():
                self.project_id, self.title = event.project_id, event.title
                self.description, self.category = event.description, event.category
                self.owner_id = event.owner_id
            case _:
                raise UnknownEvent(event.event_type)
