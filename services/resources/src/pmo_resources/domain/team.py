"""The Team aggregate: a named group of people with an optional lead."""
from __future__ import annotations

from typing import Self
from uuid import UUID

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.resources import TeamFormed, TeamLeadChanged
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent


class Team(Aggregate):
    aggregate_type = "team"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.name = ""
        self.lead_id: UUID | None = None

    @classmethod
    def form(cls, team_id: UUID, *, name: str, lead_id: UUID | None) -> Self:
        team = cls(team_id)
        team._record(TeamFormed(team_id=team_id, name=name, lead_id=lead_id))
        return team

    def change_lead(self, lead_id: UUID | None) -> None:
        if lead_id != self.lead_id:
            self._record(TeamLeadChanged(team_id=self.id, lead_id=lead_id))

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case TeamFormed():
                self.name, self.lead_id = event.name, event.lead_id
            case TeamLeadChanged():
                self.lead_id = event.lead_id
            case _:
                raise UnknownEvent(event.event_type)
