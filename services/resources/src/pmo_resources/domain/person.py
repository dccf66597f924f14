"""The Person aggregate: someone who can be allocated to work."""
from __future__ import annotations

from typing import Self
from uuid import UUID

from pmo_resources.commands import RegisterPerson
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.resources import PersonRegistered
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent


class Person(Aggregate):
    aggregate_type = "person"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.name = ""
        self.role = ""
        self.team_id: UUID | None = None

    @classmethod
    def register(cls, person_id: UUID, cmd: RegisterPerson) -> Self:
        person = cls(person_id)
        person._record(PersonRegistered(person_id=person_id, name=cmd.name, role=cmd.role,
                                        team_id=cmd.team_id))
        return person

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case PersonRegistered():
                self.name, self.role, self.team_id = event.name, event.role, event.team_id
            case _:
                raise UnknownEvent(event.event_type)
