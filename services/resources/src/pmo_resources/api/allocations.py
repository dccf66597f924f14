"""/v1/allocations: book people or unnamed requests on projects; over-allocation is a warning."""
from __future__ import annotations

from collections.abc import Awaitable, Callable
from uuid import UUID

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from pmo_resources.api.deps import AccessDep
from pmo_resources.api.schemas.allocations import (
    AllocationCancel,
    AllocationCreate,
    AllocationFill,
    AllocationRead,
    AllocationUpdate,
)
from pmo_resources.commands import ChangeAllocation, CreateAllocation
from pmo_resources.domain.allocation import Allocation
from pmo_resources.handlers import allocations as handlers
from pmo_resources.handlers.allocations import AllocationOutcome
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.http.commands import CommandScope, CommandScopeDep, WriteSideDep, resource_response
from pmo_shared.kernel.errors import NotFound

router = APIRouter(prefix="/v1/allocations", tags=["allocations"])
Decide = Callable[[UnitOfWork], Awaitable[AllocationOutcome]]


async def _run(scope: CommandScope, decide: Decide, *, status: int = 200) -> Response:
    """scope.run wants the aggregate (for the ETag); the warning days ride beside it."""
    outcomes: list[AllocationOutcome] = []

    async def run(uow: UnitOfWork) -> Allocation:
        outcomes.append(await decide(uow))
        return outcomes[0].allocation

    location = (lambda a: f"/v1/allocations/{a.id}") if status == 201 else None
    return await scope.run(run, lambda a: AllocationRead.of(a, outcomes[0].over_allocated),
                           status=status, location=location)


@router.post("", status_code=201, response_model=AllocationRead)
async def create_allocation(body: AllocationCreate, access: AccessDep,
                            scope: CommandScopeDep) -> Response:
    access.require(access.manages_project(body.project_id),
                   "you do not manage allocations of this project")
    cmd = CreateAllocation(**body.model_dump(exclude={"skills"}),
                           skills=tuple((s.skill, s.min_level) for s in body.skills))
    return await _run(scope, lambda uow: handlers.create_allocation(cmd, uow), status=201)


@router.post("/{allocation_id}/fill", response_model=AllocationRead)
async def fill_allocation(allocation_id: UUID, body: AllocationFill, access: AccessDep,
                          scope: CommandScopeDep) -> Response:
    return await _run(scope, lambda uow: handlers.fill_allocation(
        allocation_id, body.person_id, uow, access.manages_project))


@router.post("/{allocation_id}/propose", response_model=AllocationRead)
async def propose_allocation(allocation_id: UUID, access: AccessDep,
                             scope: CommandScopeDep) -> Response:
    return await _run(scope, lambda uow: handlers.propose_allocation(
        allocation_id, uow, access.manages_project))


@router.post("/{allocation_id}/confirm", response_model=AllocationRead)
async def confirm_allocation(allocation_id: UUID, access: AccessDep,
                             scope: CommandScopeDep) -> Response:
    return await _run(scope, lambda uow: handlers.confirm_allocation(
        allocation_id, uow, access.manages_project))


@router.post("/{allocation_id}/cancel", response_model=AllocationRead)
async def cancel_allocation(allocation_id: UUID, body: AllocationCancel, access: AccessDep,
                            scope: CommandScopeDep) -> Response:
    return await _run(scope, lambda uow: handlers.cancel_allocation(
        allocation_id, body.reason, uow, access.manages_project))


@router.patch("/{allocation_id}", response_model=AllocationRead)
async def change_allocation(allocation_id: UUID, body: AllocationUpdate, access: AccessDep,
                            scope: CommandScopeDep) -> Response:
    cmd = ChangeAllocation(**body.model_dump())
    return await _run(scope, lambda uow: handlers.change_allocation(
        allocation_id, cmd, uow, access.manages_project))


@router.get("/{allocation_id}", response_model=AllocationRead)
async def read_allocation(allocation_id: UUID, access: AccessDep,
                          write_side: WriteSideDep) -> JSONResponse:
    allocation = await write_side.load(Allocation, allocation_id)
    if allocation is None or not access.reads_project(allocation.project_id):
        raise NotFound(f"allocation {allocation_id} does not exist")
    return resource_response(AllocationRead.of(allocation), version=allocation.version)


