"""Aggregate base: state rebuilt from events; decisions record new events through `_record`."""
from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Any, ClassVar, Self
from uuid import UUID

from pmo_shared.events.base import DomainEvent


class UnknownEvent(TypeError):
    """An aggregate was handed an event type it does not know how to apply."""


class Aggregate:
    """Subclasses set `aggregate_type`, implement `_apply` with a `match` over event classes
    (raising UnknownEvent on anything else)."""

    aggregate_type: ClassVar[str]

    def __init__(self, aggregate_id: UUID) -> None:
        self.id = aggregate_id
        self.version = 0
        self._pending: list[DomainEvent] = []

    def _apply(self, event: DomainEvent) -> None:
        raise UnknownEvent(f"{type(self).__name__} cannot apply {event.event_type}")

    def _record(self, event: DomainEvent) -> None:
        self._apply(event)
        self._pending.append(event)

    @property
    def pending_events(self) -> list[DomainEvent]:
        return list(self._pending)

    @property
    def loaded_version(self) -> int:
        """The version this instance was loaded at, before its pending events."""
        return self.version

    @property
    def next_version(self) -> int:
        return self.version + len(self._pending)

    def mark_saved(self) -> None:
        self.version += len(self._pending)
        self._pending.clear()

    @classmethod
    def replay(cls, aggregate_id: UUID, events: Iterable[DomainEvent], *,
               base: Self | None = None) -> Self:
        aggregate = base if base is not None else cls(aggregate_id)
        for event in events:
            aggregate._apply(event)
            aggregate.version += 1
        return aggregate



class SnapshotAggregate(Aggregate, ABC):
    """An aggregate whose state is saved every `snapshot_every` events, so loading it replays
    only the tail after the latest snapshot."""

    snapshot_every: ClassVar[int] = 100

    @abstractmethod
    def snapshot_state(self) -> dict[str, Any]: ...

    @classmethod
    @abstractmethod
    def from_snapshot(cls, aggregate_id: UUID, version: int, state: dict[str, Any]) -> Self: ...
