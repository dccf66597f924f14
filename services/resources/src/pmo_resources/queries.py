"""Reads behind the capacity views: a person with their holidays and allocations for a range.

Everything is read in one worker-thread hop (aggregates replayed from the store, allocations from
the inline table), so a year-long calendar costs a handful of indexed selects."""
from __future__ import annotations

import asyncio
import json
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, TypeVar
from uuid import UUID

from sqlalchemy import Connection, Engine, select

from pmo_resources.domain.allocation import Allocation
from pmo_resources.domain.capacity import Day, Load, calendar, over_allocated_days
from pmo_resources.domain.holiday_calendar import HolidayCalendar
from pmo_resources.domain.person import Person
from pmo_resources.domain.role_rate import RoleRate, role_rate_id
from pmo_resources.tables import allocations_view
from pmo_shared.events.base import DomainEvent
from pmo_shared.eventstore.aggregate import Aggregate
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.store import EventStore

LIVE = ("requested", "proposed", "confirmed")
A = TypeVar("A", bound=Aggregate)


def _decimal(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)


@dataclass(frozen=True)
class AllocationRow:
    allocation_id: UUID
    project_id: UUID
    task_id: UUID | None
    person_id: UUID | None
    role: str | None
    start_on: date
    end_on: date
    hours_per_day: Decimal | None
    percent_of_capacity: Decimal | None
    status: str

    @classmethod
    def of(cls, row: Any) -> AllocationRow:
        return cls(
            allocation_id=UUID(row.allocation_id), project_id=UUID(row.project_id),
            task_id=UUID(row.task_id) if row.task_id else None,
            person_id=UUID(row.person_id) if row.person_id else None, role=row.role,
            start_on=row.start_on, end_on=row.end_on,
            hours_per_day=_decimal(row.hours_per_day),
            percent_of_capacity=_decimal(row.percent_of_capacity), status=row.status)

    @property
    def load(self) -> Load:
        return Load(self.start_on, self.end_on, self.hours_per_day, self.percent_of_capacity)


@dataclass(frozen=True)
class PersonPlan:
    person: Person
    holidays: frozenset[date]
    allocations: list[AllocationRow]

    def days(self, start_on: date, end_on: date, *, replacing: Allocation | None = None) -> list[Day]:
        loads = [a.load for a in self.allocations
                 if replacing is None or a.allocation_id != replacing.id]
        if replacing is not None and replacing.status in LIVE:
            loads.append(replacing.load)
        return calendar(start_on, end_on, self.person.capacity_inputs(self.holidays), loads)


def _replay(conn: Connection, store: EventStore, cls: type[A], ids: list[UUID]) -> list[A]:
    """Replays several aggregates with one SELECT (none of these types snapshots)."""
    events = store.tables.events
    rows = conn.execute(select(events.c.aggregate_id, events.c.event_type,
                               events.c.event_version, events.c.data)
                        .where(events.c.aggregate_id.in_([str(i) for i in ids]),
                               events.c.aggregate_type == cls.aggregate_type)
                        .order_by(events.c.aggregate_id, events.c.version)).all()
    grouped: dict[str, list[DomainEvent]] = {}
    for row in rows:
        grouped.setdefault(row.aggregate_id, []).append(
            store.catalogue.parse(row.event_type, row.event_version, json.loads(row.data)))
    return [cls.replay(UUID(key), parsed) for key, parsed in grouped.items()]


def _read_plan(store: EventStore, engine: Engine, person_id: UUID, start_on: date,
               end_on: date) -> PersonPlan | None:
    """One connection for the person, their calendars and their allocations in the range."""
    table = allocations_view
    with engine.connect() as conn:
        found = _replay(conn, store, Person, [person_id])
        if not found:
            return None
        person = found[0]
        calendars = _replay(conn, store, HolidayCalendar, person.calendar_ids)
        rows = conn.execute(select(table).where(
            table.c.person_id == str(person_id), table.c.status.in_(LIVE),
            table.c.start_on <= end_on, table.c.end_on >= start_on,
        ).order_by(table.c.start_on, table.c.allocation_id)).all()
    holidays = frozenset(day for calendar in calendars for day in calendar.days)
    return PersonPlan(person, holidays, [AllocationRow.of(r) for r in rows])


def _read_rates(store: EventStore, engine: Engine,
                person_id: UUID) -> tuple[Person | None, RoleRate | None]:
    with engine.connect() as conn:
        found = _replay(conn, store, Person, [person_id])
        if not found:
            return None, None
        rates = _replay(conn, store, RoleRate, [role_rate_id(found[0].role)])
    return found[0], (rates[0] if rates else None)


async def person_rates(store: EventStore, database: Database,
                       person_id: UUID) -> tuple[Person | None, RoleRate | None]:
    """A person and their role's default rates, in one worker-thread hop."""
    return await asyncio.to_thread(_read_rates, store, database.reader, person_id)


async def person_plan(store: EventStore, database: Database, person_id: UUID, start_on: date,
                      end_on: date) -> PersonPlan | None:
    return await asyncio.to_thread(_read_plan, store, database.reader, person_id, start_on,
                                   end_on)


async def over_allocation(store: EventStore, database: Database,
                          allocation: Allocation) -> list[Day]:
    """The days this allocation, as it now stands, leaves its person over-allocated."""
    if allocation.person_id is None or allocation.status not in LIVE:
        return []
    plan = await person_plan(store, database, allocation.person_id, allocation.start_on,
                             allocation.end_on)
    if plan is None:
        return []
    return [day for day in plan.days(allocation.start_on, allocation.end_on,
                                     replacing=allocation) if day.over_allocated]


__all__ = ["AllocationRow", "PersonPlan", "over_allocated_days", "over_allocation", "person_plan"]
