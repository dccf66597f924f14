"""The single writer: concurrent units of work share one database transaction (group commit).

Each unit runs inside its own SAVEPOINT, so one unit's failure (a lost version race, say) rolls back
only that unit while the others in the batch commit. Callers await their own outcome; nothing is
acknowledged before the shared COMMIT returns, so durability is exactly that of one commit.
Per unit the writer costs two driver-level statements and, per batch, one wake-up of each
waiting event loop: this thread runs on every command."""
from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import structlog
from sqlalchemy import Connection, Engine, RootTransaction

T = TypeVar("T")
Work = Callable[[Connection], Any]
log = structlog.get_logger(__name__)


@dataclass
class _Job:
    work: Work
    future: asyncio.Future[Any]
    loop: asyncio.AbstractEventLoop
    outcome: tuple[bool, Any] = field(default=(False, None))


# Raw SQL rather than `begin_nested()`: SQLAlchemy compiles its SAVEPOINT clause on every call.
_SAVEPOINT = "SAVEPOINT pmo_unit"
_RELEASE = "RELEASE SAVEPOINT pmo_unit"
_ROLLBACK_TO = "ROLLBACK TO SAVEPOINT pmo_unit"


def _settle(jobs: list[_Job]) -> None:
    for job in jobs:
        if job.future.done():
            continue
        ok, value = job.outcome
        if ok:
            job.future.set_result(value)
        else:
            job.future.set_exception(value)


def _wake(batch: list[_Job]) -> None:
    """One thread-safe call per event loop (each is a write to that loop's self-pipe)."""
    by_loop: dict[asyncio.AbstractEventLoop, list[_Job]] = {}
    for job in batch:
        by_loop.setdefault(job.loop, []).append(job)
    for loop, jobs in by_loop.items():
        loop.call_soon_threadsafe(_settle, jobs)


class Writer:
    """Owns the one write connection; `submit` from any event loop, work runs on the writer thread."""

    def __init__(self, engine: Engine, *, max_batch: int = 256,
                 on_commit: Callable[[], None] | None = None) -> None:
        self._engine = engine
        self._max_batch = max_batch
        self._on_commit = on_commit or (lambda: None)
        self._jobs: queue.SimpleQueue[_Job | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        self._thread = threading.Thread(target=self._run, name="pmo-writer", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        if self._thread is not None:
            self._jobs.put(None)
            self._thread.join()
            self._thread = None

    def add_commit_listener(self, listener: Callable[[], None]) -> None:
        previous = self._on_commit

        def both() -> None:
            previous()
            listener()

        self._on_commit = both

    async def submit(self, work: Callable[[Connection], T]) -> T:
        if self._thread is None:
            raise RuntimeError("writer is not running")
        loop = asyncio.get_running_loop()
        future: asyncio.Future[T] = loop.create_future()
        self._jobs.put(_Job(work, future, loop))
        return await future

    def _take_batch(self, first: _Job) -> tuple[list[_Job], bool]:
        batch, stopping = [first], False
        while len(batch) < self._max_batch:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is None:
                stopping = True
                break
            batch.append(job)
        return batch, stopping

    def _run(self) -> None:
        while True:
            first = self._jobs.get()
            if first is None:
                return
            batch, stopping = self._take_batch(first)
            self._commit_batch(batch)
            if stopping:
                return

    def _commit_batch(self, batch: list[_Job]) -> None:
        # The pool (size 1) keeps the connection; taking it per batch lets a dead one be replaced.
        try:
            with self._engine.connect() as conn, conn.begin() as transaction:
                if len(batch) == 1:
                    self._run_alone(batch[0], conn, transaction)
                else:
                    for job in batch:
                        self._run_isolated(job, conn)
        except Exception as exc:
            log.error("writer.commit_failed", error=repr(exc), batch=len(batch))
            for job in batch:
                job.outcome = (False, exc)
        else:
            self._on_commit()
        _wake(batch)

    @staticmethod
    def _run_isolated(job: _Job, conn: Connection) -> None:
        conn.exec_driver_sql(_SAVEPOINT)
        try:
            job.outcome = (True, job.work(conn))
            conn.exec_driver_sql(_RELEASE)
        except Exception as exc:  # the unit fails alone; its caller gets the error
            conn.exec_driver_sql(_ROLLBACK_TO)
            conn.exec_driver_sql(_RELEASE)
            job.outcome = (False, exc)

    @staticmethod
    def _run_alone(job: _Job, conn: Connection, transaction: RootTransaction) -> None:
        # A batch of one needs no SAVEPOINT (two more statements, compiled anew each time): on
        # failure the whole transaction is that unit's alone and is rolled back.
        try:
            job.outcome = (True, job.work(conn))
        except Exception as exc:
            transaction.rollback()
            job.outcome = (False, exc)
