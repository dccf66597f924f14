"""Unit of work: the aggregates and extra rows of one command, committed in ONE transaction."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar
from uuid import UUID

from sqlalchemy import Connection
from sqlalchemy.exc import IntegrityError

from pmo_shared.envelope import Envelope
from pmo_shared.eventstore.aggregate import Aggregate
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.store import EventContext, EventStore
from pmo_shared.eventstore.writer import Writer
from pmo_shared.kernel.clock import Clock
from pmo_shared.kernel.errors import ConcurrencyConflict, NotFound, PreconditionFailed

A = TypeVar("A", bound=Aggregate)
ExtraWrite = Callable[[Connection], None]


class VersionTaken(Exception):
    """The events' (aggregate_id, version) primary key was already taken: a lost race."""


class UnitOfWork:
    def __init__(self, *, store: EventStore, database: Database, writer: Writer, clock: Clock,
                 context: EventContext, if_match: int | None = None) -> None:
        self.store = store
        self.database = database
        self._writer = writer
        self._clock = clock
        self.context = context
        self.if_match = if_match
        self._aggregates: list[Aggregate] = []
        self._extra: list[ExtraWrite] = []
        # Filled inside the transaction before extra writes run, so they can record event ids.
        self.written: list[Envelope] = []

    async def load(self, cls: type[A], aggregate_id: UUID) -> A | None:
        return await asyncio.to_thread(self.store.load, self.database.reader, cls, aggregate_id)

    async def get(self, cls: type[A], aggregate_id: UUID) -> A:
        """Loads an existing aggregate and checks the client's If-Match against its version."""
        aggregate = await self.load(cls, aggregate_id)
        if aggregate is None:
            raise NotFound(f"{cls.aggregate_type} {aggregate_id} does not exist")
        if self.if_match is not None and self.if_match != aggregate.version:
            raise PreconditionFailed(
                f"If-Match is {self.if_match} but the current version is {aggregate.version}",
                current_version=aggregate.version,
            )
        return aggregate

    def save(self, aggregate: A) -> A:
        if aggregate not in self._aggregates:
            self._aggregates.append(aggregate)
        return aggregate

    def also(self, write: ExtraWrite) -> None:
        """Adds a row write (an inline read table, an idempotency record) to the same transaction."""
        self._extra.append(write)

    async def commit(self) -> list[Envelope]:
        recorded_at = self._clock.now()
        aggregates, extra = list(self._aggregates), list(self._extra)

        def work(conn: Connection) -> list[Envelope]:
            envelopes: list[Envelope] = []
            for aggregate in aggregates:
                try:
                    envelopes += self.store.append(conn, aggregate, self.context, recorded_at)
                except IntegrityError as exc:
                    raise VersionTaken(str(aggregate.id)) from exc
            self.written = envelopes
            for write in extra:
                write(conn)
            return envelopes

        try:
            envelopes = await self._writer.submit(work)
        except VersionTaken as exc:
            raise self._conflict(exc) from None
        for aggregate in aggregates:
            aggregate.mark_saved()
        return envelopes

    def _conflict(self, exc: VersionTaken) -> ConcurrencyConflict | PreconditionFailed:
        detail = f"aggregate {exc} was changed concurrently; reload and retry"
        if self.if_match is not None:
            return PreconditionFailed(detail)
        return ConcurrencyConflict(detail)

