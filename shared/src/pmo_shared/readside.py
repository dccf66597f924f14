"""A read service's kernel: runtime + the durable projection consumer over its read models."""
from __future__ import annotations

from collections.abc import Sequence

from nats.js import JetStreamContext

from pmo_shared.events.catalogue import Catalogue
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.tables import KernelTables
from pmo_shared.http.health import Check, CheckResult
from pmo_shared.kernel.clock import Clock
from pmo_shared.messaging.applier import Projection
from pmo_shared.messaging.consumer import ProjectionConsumer
from pmo_shared.messaging.tables import ConsumerTables
from pmo_shared.runtime import Runtime
from pmo_shared.settings import ServiceSettings


class ReadSide:
    def __init__(self, settings: ServiceSettings, *, consumer_name: str, kernel: KernelTables,
                 tables: ConsumerTables, catalogue: Catalogue,
                 projections: Sequence[Projection], clock: Clock | None = None) -> None:
        self.runtime = Runtime(settings, clock=clock)
        self.consumer_name = consumer_name
        self._kernel = kernel
        self._tables = tables
        self._catalogue = catalogue
        self._projections = tuple(projections)
        self.consumer: ProjectionConsumer | None = None
        self.runtime.add_worker(self._consume)

    @property
    def database(self) -> Database:
        return self.runtime.database

    async def _consume(self, js: JetStreamContext) -> None:
        self.consumer = ProjectionConsumer(
            name=self.consumer_name, js=js, stream=self.runtime.settings.stream_name,
            database=self.runtime.database, writer=self.runtime.writer, kernel=self._kernel,
            tables=self._tables, catalogue=self._catalogue, projections=self._projections,
            clock=self.runtime.clock, tracer=self.runtime.tracer,
        )
        await self.consumer.run()

    async def start(self) -> None:
        await self.runtime.start()

    async def stop(self) -> None:
        await self.runtime.stop()

    def health_checks(self) -> dict[str, Check]:
        async def consumer() -> CheckResult:
            if self.consumer is None:
                return CheckResult(ok=True, details={"running": False})
            stats = self.consumer.stats
            return CheckResult(ok=True, details={
                "running": True, "applied": stats.applied_total, "parked": stats.parked_total,
                "last_sequence": stats.last_sequence, "pending": stats.pending,
            })

        return {**self.runtime.health_checks(), "consumer": consumer}
