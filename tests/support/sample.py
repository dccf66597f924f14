"""A tiny aggregate and its events, registered in a private catalogue, for kernel tests."""
from __future__ import annotations

from typing import Any, Self
from uuid import UUID

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.catalogue import Catalogue
from pmo_shared.eventstore.aggregate import Aggregate, SnapshotAggregate, UnknownEvent

sample_catalogue = Catalogue()


@sample_catalogue.register
class CounterStarted(DomainEvent):
    event_type = "sample.counter.started"
    counter_id: UUID
    label: str


@sample_catalogue.register
class CounterIncremented(DomainEvent):
    event_type = "sample.counter.incremented"
    counter_id: UUID
    by: int


class Counter(Aggregate):
    aggregate_type = "counter"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.label = ""
        self.total = 0

    @classmethod
    def start(cls, counter_id: UUID, label: str) -> Self:
        counter = cls(counter_id)
        counter._record(CounterStarted(counter_id=counter_id, label=label))
        return counter

    def increment(self, by: int = 1) -> None:
        self._record(CounterIncremented(counter_id=self.id, by=by))

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case CounterStarted(label=label):
                self.label = label
            case CounterIncremented(by=by):
                self.total += by
            case _:
                raise UnknownEvent(event.event_type)


class SnapshotCounter(SnapshotAggregate, Counter):
    snapshot_every = 5
    snapshots_loaded = 0

    def snapshot_state(self) -> dict[str, Any]:
        return {"label": self.label, "total": self.total}

    @classmethod
    def from_snapshot(cls, aggregate_id: UUID, version: int, state: dict[str, Any]) -> Self:
        counter = cls(aggregate_id)
        counter.version, counter.label, counter.total = version, state["label"], state["total"]
        cls.snapshots_loaded += 1
        return counter
