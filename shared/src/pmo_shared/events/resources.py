"""Events of the resources service: people, teams, rates, calendars, allocations, timesheets."""
from __future__ import annotations

from uuid import UUID

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.registry import catalogue


@catalogue.register
class PersonRegistered(DomainEvent):
    event_type = "resources.person.registered"
    person_id: UUID
    name: str
    role: str
    team_id: UUID | None = None
