"""A write service's kernel: runtime + event store + outbox relay, and units of work on them."""
from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar
from uuid import UUID

from nats.js import JetStreamContext

from pmo_shared.events.catalogue import Catalogue
from pmo_shared.eventstore.aggregate import Aggregate
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.store import EventContext, EventStore
from pmo_shared.eventstore.tables import KernelTables
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.http.health import Check, CheckResult
from pmo_shared.kernel.clock import Clock
from pmo_shared.messaging.applier import Projection
from pmo_shared.messaging.consumer import ProjectionConsumer
from pmo_shared.messaging.relay import OutboxRelay
from pmo_shared.messaging.tables import ConsumerTables
from pmo_shared.runtime import Runtime, Worker
from pmo_shared.settings import ServiceSettings

A = TypeVar("A", bound=Aggregate)
# Well inside uvicorn's 10 s graceful shutdown and Kubernetes' default 30 s grace period.
RELAY_DRAIN_SECONDS = 5.0


@dataclass(frozen=True)
class Subscription:
    """Another service's events this write service keeps a local copy of (e.g. gate decisions),
    applied through the same exactly-once consumer as reporting, into this service's database."""

    name: str
    filter_subject: str
    projections: Sequence[Projection]
    tables: ConsumerTables


class WriteSide:
    def __init__(self, settings: ServiceSettings, *, tables: KernelTables, catalogue: Catalogue,
                 clock: Clock | None = None, subscriptions: Sequence[Subscription] = ()) -> None:
        self.runtime = Runtime(settings, clock=clock)
        self.store = EventStore(tables, catalogue, source=f"/pmo/{settings.service_name}")
        self.relay: OutboxRelay | None = None
        self.consumers: dict[str, ProjectionConsumer] = {}
        self.runtime.add_worker(self._relay)
        for subscription in subscriptions:
            self.runtime.add_worker(self._consumer_worker(subscription))

    def _consumer_worker(self, subscription: Subscription) -> Worker:
        async def consume(js: JetStreamContext) -> None:
            consumer = ProjectionConsumer(
                name=f"{self.runtime.settings.service_name}-{subscription.name}", js=js,
                stream=self.runtime.settings.stream_name, database=self.runtime.database,
                writer=self.runtime.writer, kernel=self.store.tables, tables=subscription.tables,
                catalogue=self.store.catalogue, projections=subscription.projections,
                clock=self.runtime.clock, filter_subject=subscription.filter_subject,
                tracer=self.runtime.tracer)
            self.consumers[subscription.name] = consumer
            await consumer.run()

        consume.__name__ = f"consume_{subscription.name}"
        return consume

    @property
    def database(self) -> Database:
        return self.runtime.database

    @property
    def clock(self) -> Clock:
        return self.runtime.clock

    async def _relay(self, js: JetStreamContext) -> None:
        s = self.runtime.settings
        self.relay = OutboxRelay(
            database=self.runtime.database, writer=self.runtime.writer, store=self.store, js=js,
            clock=self.runtime.clock, batch_size=s.relay_batch_size,
            publish_timeout=s.relay_publish_timeout_seconds,
        )
        self.runtime.writer.add_commit_listener(self.relay.notify)
        await self.relay.run()

    async def start(self) -> None:
        await self.runtime.start()

    async def stop(self) -> None:
        # Flush the outbox before the relay task is cancelled, so a deploy leaves no backlog.
        if self.relay is not None:
            await self.relay.drain(RELAY_DRAIN_SECONDS)
        await self.runtime.stop()

    async def load(self, cls: type[A], aggregate_id: UUID) -> A | None:
        return await asyncio.to_thread(self.store.load, self.database.reader, cls, aggregate_id)

    def unit_of_work(self, context: EventContext, *, if_match: int | None = None) -> UnitOfWork:
        return UnitOfWork(store=self.store, database=self.runtime.database,
                          writer=self.runtime.writer, clock=self.runtime.clock,
                          context=context, if_match=if_match)

    def health_checks(self) -> dict[str, Check]:
        """Only the database decides readiness: writes go on while NATS is away, so NATS and
        the relay backlog are reported, not required."""

        async def relay() -> CheckResult:
            if self.relay is None:
                return CheckResult(ok=True, details={"running": False})
            backlog = await self.relay.backlog()
            oldest = backlog.oldest_at.isoformat() if backlog.oldest_at else None
            return CheckResult(ok=True, details={"running": True, "backlog": backlog.size,
                                                 "oldest_pending_at": oldest})

        return {**self.runtime.health_checks(), "relay": relay}
