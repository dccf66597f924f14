"""rm_people: who exists, with role and team, for capacity reports."""
from __future__ import annotations

from sqlalchemy import Connection, insert

from pmo_reporting.tables import rm_people
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.resources import PersonRegistered


class PeopleProjection:
    name = "people"
    handles = (PersonRegistered,)

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case PersonRegistered():
                conn.execute(insert(rm_people).values(
                    person_id=str(event.person_id), name=event.name, role=event.role,
                    team_id=None if event.team_id is None else str(event.team_id),
                ))
