"""Handlers for allocations: create, fill, propose, confirm, change, cancel.

Over-allocation is a warning returned with the write, never a refusal: the days are computed
against the person's other live allocations before the commit."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from uuid import UUID

from pmo_resources import views
from pmo_resources.commands import ChangeAllocation, CreateAllocation
from pmo_resources.domain.allocation import Allocation
from pmo_resources.domain.capacity import Day
from pmo_resources.domain.errors import InvalidField
from pmo_resources.domain.person import Person
from pmo_resources.queries import over_allocation
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.kernel.errors import Forbidden
from pmo_shared.kernel.ids import new_id

MayManage = Callable[[UUID], bool]


@dataclass
class AllocationOutcome:
    allocation: Allocation
    over_allocated: list[Day]

    @property
    def next_version(self) -> int:
        return self.allocation.next_version


async def _finish(allocation: Allocation, uow: UnitOfWork) -> AllocationOutcome:
    uow.save(allocation)
    uow.also(lambda conn: views.write_allocation(conn, allocation))
    days = await over_allocation(uow.store, uow.database, allocation)
    return AllocationOutcome(allocation, days)


async def _require_person(uow: UnitOfWork, person_id: UUID | None) -> None:
    if person_id is not None and await uow.load(Person, person_id) is None:
        raise InvalidField(f"person {person_id} does not exist", pointer="#/person_id")


async def create_allocation(cmd: CreateAllocation, uow: UnitOfWork) -> AllocationOutcome:
    await _require_person(uow, cmd.person_id)
    return await _finish(Allocation.create(new_id(), cmd), uow)


async def _managed(allocation_id: UUID, uow: UnitOfWork, may_manage: MayManage) -> Allocation:
    allocation = await uow.get(Allocation, allocation_id)
    if not may_manage(allocation.project_id):
        raise Forbidden("you do not manage this allocation's project")
    return allocation


async def fill_allocation(allocation_id: UUID, person_id: UUID, uow: UnitOfWork,
                          may_manage: MayManage) -> AllocationOutcome:
    allocation = await _managed(allocation_id, uow, may_manage)
    await _require_person(uow, person_id)
    allocation.fill(person_id)
    return await _finish(allocation, uow)


async def propose_allocation(allocation_id: UUID, uow: UnitOfWork,
                             may_manage: MayManage) -> AllocationOutcome:
    allocation = await _managed(allocation_id, uow, may_manage)
    allocation.propose()
    return await _finish(allocation, uow)


async def confirm_allocation(allocation_id: UUID, uow: UnitOfWork,
                             may_manage: MayManage) -> AllocationOutcome:
    allocation = await _managed(allocation_id, uow, may_manage)
    allocation.confirm()
    return await _finish(allocation, uow)


async def cancel_allocation(allocation_id: UUID, reason: str | None, uow: UnitOfWork,
                            may_manage: MayManage) -> AllocationOutcome:
    allocation = await _managed(allocation_id, uow, may_manage)
    allocation.cancel(reason)
    return await _finish(allocation, uow)


async def change_allocation(allocation_id: UUID, cmd: ChangeAllocation, uow: UnitOfWork,
                            may_manage: MayManage) -> AllocationOutcome:
    allocation = await _managed(allocation_id, uow, may_manage)
    allocation.change(cmd)
    return await _finish(allocation, uow)
