"""/v1/people: register people and read them back."""
from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict, Field

from pmo_resources import handlers
from pmo_resources.commands import RegisterPerson
from pmo_resources.domain.person import Person
from pmo_shared.http.auth import PrincipalDep, require_roles
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/people", tags=["people"])
RESOURCE_MANAGERS = ("pmo_admin", "portfolio_manager")


class PersonCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, Field(min_length=1, max_length=200)]
    role: Annotated[str, Field(min_length=1, max_length=64)]
    team_id: UUID | None = None


class PersonRead(BaseModel):
    id: UUID
    version: int
    name: str
    role: str
    team_id: UUID | None

    @classmethod
    def of(cls, person: Person) -> PersonRead:
        return cls(id=person.id, version=person.next_version, name=person.name,
                   role=person.role, team_id=person.team_id)


@router.post("", status_code=201, response_model=PersonRead,
             dependencies=[Depends(require_roles(*RESOURCE_MANAGERS))])
async def register_person(body: PersonCreate, scope: CommandScopeDep) -> Response:
    cmd = RegisterPerson(**body.model_dump())
    return await scope.run(lambda uow: handlers.register_person(cmd, uow), PersonRead.of,
                           status=201, location=lambda p: f"/v1/people/{p.id}")


@router.get("/{person_id}", response_model=PersonRead)
async def read_person(person_id: UUID, principal: PrincipalDep,
                      write_side: WriteSideDep) -> JSONResponse:
    person = await write_side.load(Person, person_id)
    if person is None:
        raise NotFound(f"person {person_id} does not exist")
    return resource_response(PersonRead.of(person), version=person.version)
