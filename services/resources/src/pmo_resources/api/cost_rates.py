"""/v1/people/{id}/cost-rates and /v1/roles/{role}/cost-rates: effective-dated hourly rates.

Rates are visible only to resource managers and auditors; only PMO admins set them."""
from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse, Response

from pmo_resources.api.deps import admins_only, rate_readers_only
from pmo_resources.api.schemas.availability import CostRateCreate, CostRateRead, CostRatesRead
from pmo_resources.commands import SetCostRate
from pmo_resources.domain.person import Person
from pmo_resources.domain.rates import Rate
from pmo_resources.domain.role_rate import RoleRate, role_rate_id
from pmo_resources.handlers import people as handlers
from pmo_shared.http.commands import CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.kernel.errors import NotFound

router = APIRouter(tags=["cost rates"])
RolePath = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")]


def _rates(rates: tuple[Rate, ...]) -> list[CostRateRead]:
    return [CostRateRead(effective_from=r.effective_from, hourly_rate=r.hourly_rate)
            for r in rates]


def _person_rates(person: Person) -> CostRatesRead:
    return CostRatesRead(person_id=person.id, version=person.next_version,
                         rates=_rates(person.rates))


def _role_rates(rates: RoleRate) -> CostRatesRead:
    return CostRatesRead(role=rates.role, version=rates.next_version, rates=_rates(rates.rates))


@router.post("/v1/people/{person_id}/cost-rates", status_code=201, response_model=CostRatesRead,
             dependencies=admins_only)
async def set_person_rate(person_id: UUID, body: CostRateCreate,
                          scope: CommandScopeDep) -> Response:
    cmd = SetCostRate(effective_from=body.effective_from, hourly_rate=body.hourly_rate)
    return await scope.run(lambda uow: handlers.set_person_rate(person_id, cmd, uow),
                           _person_rates, status=201)


@router.get("/v1/people/{person_id}/cost-rates", response_model=CostRatesRead,
            dependencies=rate_readers_only)
async def read_person_rates(person_id: UUID, write_side: WriteSideDep) -> JSONResponse:
    person = await write_side.load(Person, person_id)
    if person is None:
        raise NotFound(f"person {person_id} does not exist")
    return resource_response(_person_rates(person), version=person.version)


@router.post("/v1/roles/{role}/cost-rates", status_code=201, response_model=CostRatesRead,
             dependencies=admins_only)
async def set_role_rate(role: RolePath, body: CostRateCreate, scope: CommandScopeDep) -> Response:
    cmd = SetCostRate(effective_from=body.effective_from, hourly_rate=body.hourly_rate)
    return await scope.run(lambda uow: handlers.set_role_rate(role, cmd, uow), _role_rates,
                           status=201)


@router.get("/v1/roles/{role}/cost-rates", response_model=CostRatesRead,
            dependencies=rate_readers_only)
async def read_role_rates(role: RolePath, write_side: WriteSideDep) -> JSONResponse:
    rates = await write_side.load(RoleRate, role_rate_id(role))
    if rates is None:
        raise NotFound(f"role {role} has no cost rates")
    return resource_response(_role_rates(rates), version=rates.version)
