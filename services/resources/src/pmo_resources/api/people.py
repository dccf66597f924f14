"""/v1/people: register, change, list and read people."""
from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Query
from fastapi.responses import JSONResponse, Response
from sqlalchemy import Connection, and_, or_, select

from pmo_resources.api.deps import AccessDep, resource_managers_only
from pmo_resources.api.schemas.people import (
    PersonCreate,
    PersonRead,
    PersonSummary,
    PersonUpdate,
)
from pmo_resources.commands import ChangePerson, RegisterPerson
from pmo_resources.domain.errors import InvalidField
from pmo_resources.domain.person import Person
from pmo_resources.handlers import people as handlers
from pmo_resources.tables import people_view
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.http.pagination import CursorQuery, LimitQuery, Page, decode_cursor, encode_cursor
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/people", tags=["people"])


@router.post("", status_code=201, response_model=PersonRead, dependencies=resource_managers_only)
async def register_person(body: PersonCreate, scope: CommandScopeDep) -> Response:
    today = scope.write_side.clock.today()
    cmd = RegisterPerson(**body.model_dump(exclude={"skills", "active_from"}),
                         skills=tuple((s.skill, s.level) for s in body.skills),
                         active_from=body.active_from or today)
    return await scope.run(lambda uow: handlers.register_person(cmd, uow), PersonRead.of,
                           status=201, location=lambda p: f"/v1/people/{p.id}")


@router.patch("/{person_id}", response_model=PersonRead, dependencies=resource_managers_only)
async def change_person(person_id: UUID, body: PersonUpdate, scope: CommandScopeDep) -> Response:
    changes = body.model_dump(exclude_unset=True)
    for field in ("name", "role", "skills", "employment_type"):
        if field in changes and changes[field] is None:
            raise InvalidField(f"{field} cannot be null", pointer=f"#/{field}")

    async def decide(uow: UnitOfWork) -> Person:
        current = await uow.get(Person, person_id)
        skills = changes.pop("skills", None)
        values = {"name": current.name, "role": current.role, "team_id": current.team_id,
                  "employment_type": current.employment_type,
                  "active_until": current.active_until, **changes}
        pairs = ((s["skill"], s["level"]) for s in skills) if skills is not None else (
            (s.skill, s.level) for s in current.skills)
        cmd = ChangePerson(person_id=person_id, skills=tuple(pairs), **values)
        return await handlers.change_person(cmd, uow)

    return await scope.run(decide, PersonRead.of)


@router.get("", response_model=Page[PersonSummary])
async def list_people(write_side: WriteSideDep, _access: AccessDep, limit: LimitQuery = 50,
                      cursor: CursorQuery = None,
                      role: Annotated[str | None, Query(max_length=64)] = None,
                      team_id: UUID | None = None) -> Page[PersonSummary]:
    after = decode_cursor(cursor) if cursor else None
    table = people_view

    def query(conn: Connection) -> list[Any]:
        statement = select(table)
        if role is not None:
            statement = statement.where(table.c.role == role)
        if team_id is not None:
            statement = statement.where(table.c.team_id == str(team_id))
        if after is not None:
            name, last = str(after.get("name")), str(after.get("id"))
            statement = statement.where(or_(table.c.name > name,
                                            and_(table.c.name == name, table.c.person_id > last)))
        return list(conn.execute(statement.order_by(table.c.name, table.c.person_id)
                                 .limit(limit + 1)).all())

    rows = await write_side.database.read(query)
    items = [PersonSummary.of(row) for row in rows[:limit]]
    more = len(rows) > limit
    next_cursor = encode_cursor({"name": rows[limit - 1].name,
                                 "id": rows[limit - 1].person_id}) if more else None
    return Page[PersonSummary](items=items, next_cursor=next_cursor)


@router.get("/{person_id}", response_model=PersonRead)
async def read_person(person_id: UUID, _access: AccessDep,
                      write_side: WriteSideDep) -> JSONResponse:
    person = await write_side.load(Person, person_id)
    if person is None:
        raise NotFound(f"person {person_id} does not exist")
    return resource_response(PersonRead.of(person), version=person.version)
