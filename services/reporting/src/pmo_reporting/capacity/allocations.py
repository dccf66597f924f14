"""Allocation versions (rm_cap_allocations): named loads and unnamed requests, as known then."""
from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from pmo_reporting.bitemporal import record, revise
from pmo_reporting.capacity.tables import rm_cap_allocations
from pmo_reporting.capacity.units import to_e4
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.resources import (
    AllocationCancelled,
    AllocationChanged,
    AllocationConfirmed,
    AllocationCreated,
    AllocationFilled,
    AllocationProposed,
)

Affected = tuple[str, date, date]


def apply(conn: Connection, event: DomainEvent, at: datetime) -> Iterator[Affected]:
    """Records the new version and yields the (person, first day, last day) to recompute."""
    if isinstance(event, AllocationCreated):
        values = _created(event)
        record(conn, rm_cap_allocations, values, at)
        yield from _affected(None, values)
        return
    changed = revise(conn, rm_cap_allocations, {"allocation_id": str(event.allocation_id)},
                     _changes(event), at)
    if changed is not None:
        old, new = changed
        yield from _affected(old, new)


def _created(event: AllocationCreated) -> dict[str, Any]:
    return {
        "allocation_id": str(event.allocation_id), "project_id": str(event.project_id),
        "task_id": _text(event.task_id), "person_id": _text(event.person_id), "role": event.role,
        "skills": json.dumps([skill.model_dump() for skill in event.skills]),
        "start_on": event.start_on, "end_on": event.end_on, "status": event.status,
        **_load(event.hours_per_day, event.percent_of_capacity),
    }


def _changes(event: DomainEvent) -> dict[str, Any]:
    person = getattr(event, "person_id", None)
    named = {} if person is None else {"person_id": str(person)}
    match event:
        case AllocationFilled():
            return named
        case AllocationProposed():
            return named | {"status": "proposed"}
        case AllocationConfirmed():
            return named | {"status": "confirmed"}
        case AllocationCancelled():
            return {"status": "cancelled"}
        case AllocationChanged():
            return named | {"start_on": event.start_on, "end_on": event.end_on,
                            **_load(event.hours_per_day, event.percent_of_capacity)}
    return {}


def _load(hours_per_day: Decimal | None, percent: Decimal | None) -> dict[str, int | None]:
    return {"hours_per_day_e4": None if hours_per_day is None else to_e4(hours_per_day),
            "percent_e4": None if percent is None else to_e4(percent)}


def _affected(old: dict[str, Any] | None, new: dict[str, Any]) -> Iterator[Affected]:
    versions = [version for version in (old, new) if version and version["person_id"]]
    for person_id in {version["person_id"] for version in versions}:
        mine = [version for version in versions if version["person_id"] == person_id]
        yield (person_id, min(version["start_on"] for version in mine),
               max(version["end_on"] for version in mine))


def _text(value: object | None) -> str | None:
    return None if value is None else str(value)
