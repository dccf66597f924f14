"""One function per command: load, decide (pure domain), save in the unit of work."""
from __future__ import annotations

from sqlalchemy import Connection, insert

from pmo_resources.commands import RegisterPerson
from pmo_resources.domain.person import Person
from pmo_resources.tables import people_view
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.ids import new_id


async def register_person(cmd: RegisterPerson, uow: UnitOfWork) -> Person:
    person = uow.save(Person.register(new_id(), cmd))

    def write_view(conn: Connection) -> None:
        conn.execute(insert(people_view).values(
            person_id=str(person.id), name=person.name, role=person.role,
            team_id=None if person.team_id is None else str(person.team_id)))

    uow.also(write_view)
    return person
