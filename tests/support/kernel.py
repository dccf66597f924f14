"""Fixtures wiring the kernel (database, writer, event store) on a real database for kernel tests."""
from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest

from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.store import EventContext, EventStore
from pmo_shared.eventstore.tables import KernelTables, kernel_tables, new_metadata
from pmo_shared.eventstore.uow import UnitOfWork
from pmo_shared.eventstore.writer import Writer
from pmo_shared.kernel.clock import SystemClock
from pmo_shared.messaging.tables import ConsumerTables, consumer_tables
from tests.support.sample import sample_catalogue


@dataclass
class Kernel:
    database: Database
    writer: Writer
    store: EventStore
    tables: KernelTables
    consumer_tables: ConsumerTables

    def uow(self, actor: str = "tester", if_match: int | None = None) -> UnitOfWork:
        return UnitOfWork(store=self.store, database=self.database, writer=self.writer,
                          clock=SystemClock(), context=EventContext(actor=actor),
                          if_match=if_match)


@pytest.fixture
async def kernel(database_url: str) -> AsyncIterator[Kernel]:
    metadata = new_metadata()
    tables = kernel_tables(metadata)
    ctables = consumer_tables(metadata)
    database = Database(database_url)
    metadata.create_all(database.writer)
    writer = Writer(database.writer)
    writer.start()
    yield Kernel(database, writer, EventStore(tables, sample_catalogue, source="/pmo/sample"),
                 tables, ctables)
    writer.stop()
    database.dispose()
