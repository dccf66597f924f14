"""The Allocation aggregate: a person, or an unnamed role/skill request, booked on a project.

requested -> proposed -> confirmed (soft, then hard booking); any live state -> cancelled.
Filling a request names its person; only a named allocation can be proposed or confirmed."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Self
from uuid import UUID

from pmo_resources.commands import ChangeAllocation, CreateAllocation
from pmo_resources.domain.capacity import Load
from pmo_resources.domain.errors import AllocationStateConflict, InvalidField
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.resources import (
    AllocationCancelled,
    AllocationChanged,
    AllocationConfirmed,
    AllocationCreated,
    AllocationFilled,
    AllocationProposed,
    SkillDemand,
)
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent

MAX_DAYS = 5 * 366  # bounds the over-allocation check of one write
_NEXT = {"propose": {"requested"}, "confirm": {"requested", "proposed"}}


def check_load(start_on: date, end_on: date, hours_per_day: Decimal | None,
               percent_of_capacity: Decimal | None) -> None:
    if end_on < start_on:
        raise InvalidField("end_on is before start_on", pointer="#/end_on")
    if (end_on - start_on).days >= MAX_DAYS:
        raise InvalidField(f"an allocation spans at most {MAX_DAYS} days", pointer="#/end_on")
    if (hours_per_day is None) == (percent_of_capacity is None):
        raise InvalidField("give exactly one of hours_per_day and percent_of_capacity",
                           pointer="#/hours_per_day")


class Allocation(Aggregate):
    aggregate_type = "allocation"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.project_id = UUID(int=0)
        self.task_id: UUID | None = None
        self.person_id: UUID | None = None
        self.role: str | None = None
        self.skills: list[SkillDemand] = []
        self.start_on = self.end_on = date.min
        self.hours_per_day: Decimal | None = None
        self.percent_of_capacity: Decimal | None = None
        self.status = "requested"

    @classmethod
    def create(cls, allocation_id: UUID, cmd: CreateAllocation) -> Self:
        check_load(cmd.start_on, cmd.end_on, cmd.hours_per_day, cmd.percent_of_capacity)
        if cmd.person_id is None and cmd.role is None:
            raise InvalidField("an unnamed request needs a role", pointer="#/role")
        if cmd.person_id is None and cmd.status != "requested":
            raise InvalidField("an unnamed request can only be requested", pointer="#/status")
        allocation = cls(allocation_id)
        allocation._record(AllocationCreated(
            allocation_id=allocation_id, project_id=cmd.project_id, task_id=cmd.task_id,
            person_id=cmd.person_id, role=cmd.role,
            skills=[SkillDemand(skill=s, min_level=level) for s, level in cmd.skills],
            start_on=cmd.start_on, end_on=cmd.end_on, hours_per_day=cmd.hours_per_day,
            percent_of_capacity=cmd.percent_of_capacity, status=cmd.status))
        return allocation

    @property
    def is_request(self) -> bool:
        return self.person_id is None

    @property
    def load(self) -> Load:
        return Load(self.start_on, self.end_on, self.hours_per_day, self.percent_of_capacity)

    def _refuse_unless(self, allowed: set[str], action: str) -> None:
        if self.status not in allowed:
            raise AllocationStateConflict(f"cannot {action} an allocation that is {self.status}",
                                          status_now=self.status)

    def fill(self, person_id: UUID) -> None:
        self._refuse_unless({"requested", "proposed"}, "fill")
        if not self.is_request:
            raise AllocationStateConflict("the allocation already names a person",
                                          status_now=self.status)
        self._record(AllocationFilled(allocation_id=self.id, project_id=self.project_id,
                                      person_id=person_id))

    def propose(self) -> None:
        self._refuse_unless(_NEXT["propose"], "propose")
        self._require_person("propose")
        self._record(AllocationProposed(allocation_id=self.id, project_id=self.project_id,
                                        person_id=self.person_id))

    def confirm(self) -> None:
        self._refuse_unless(_NEXT["confirm"], "confirm")
        self._require_person("confirm")
        self._record(AllocationConfirmed(allocation_id=self.id, project_id=self.project_id,
                                         person_id=self.person_id))

    def cancel(self, reason: str | None) -> None:
        self._refuse_unless({"requested", "proposed", "confirmed"}, "cancel")
        self._record(AllocationCancelled(allocation_id=self.id, project_id=self.project_id,
                                         person_id=self.person_id, reason=reason))

    def change(self, cmd: ChangeAllocation) -> None:
        self._refuse_unless({"requested", "proposed", "confirmed"}, "change")
        check_load(cmd.start_on, cmd.end_on, cmd.hours_per_day, cmd.percent_of_capacity)
        self._record(AllocationChanged(
            allocation_id=self.id, project_id=self.project_id, person_id=self.person_id,
            start_on=cmd.start_on, end_on=cmd.end_on, hours_per_day=cmd.hours_per_day,
            percent_of_capacity=cmd.percent_of_capacity))

    def _require_person(self, action: str) -> None:
        if self.is_request:
            raise AllocationStateConflict(f"fill the request with a person before you {action} it",
                                          status_now=self.status)

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case AllocationCreated():
                self.project_id, self.task_id = event.project_id, event.task_id
                self.person_id, self.role, self.skills = event.person_id, event.role, event.skills
                self.status = event.status
                self._set_load(event)
            case AllocationFilled():
                self.person_id = event.person_id
            case AllocationProposed():
                self.status = "proposed"
            case AllocationConfirmed():
                self.status = "confirmed"
            case AllocationCancelled():
                self.status = "cancelled"
            case AllocationChanged():
                self._set_load(event)
            case _:
                raise UnknownEvent(event.event_type)

    def _set_load(self, event: AllocationCreated | AllocationChanged) -> None:
        self.start_on, self.end_on = event.start_on, event.end_on
        self.hours_per_day, self.percent_of_capacity = event.hours_per_day, event.percent_of_capacity
