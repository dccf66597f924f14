"""Per-batch deferred bitemporal writes: a projection's supersedes and inserts are buffered while
the batch's events are applied and written at the end as one executemany per statement.

The result equals writing each event's rows as it is applied: a key's first supersede in the batch
goes to the database (where it can only close rows from earlier batches, as the updates run before
the inserts), later supersedes of that key close the buffered rows in memory, and inserts keep
event order (so ids are the same). Only tables that no projection reads while applying events may
be deferred. The buffer lives in `conn.info` (not on the projection, which a rebuild running beside
the live consumer shares), and the applier either flushes it inside the savepoint that applied
the events or discards it when that savepoint rolls back (pmo_shared.messaging.applier)."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Table

from pmo_reporting.bitemporal import inserting, superseding

Key = tuple[Table, tuple[tuple[str, Any], ...]]


@dataclass
class _Buffer:
    rows: dict[Table, list[dict[str, Any]]] = field(default_factory=dict)
    # The buffered rows of each key that are still current, and keys already closed in the database.
    current: dict[Key, list[dict[str, Any]]] = field(default_factory=dict)
    closed: dict[Key, datetime] = field(default_factory=dict)


class DeferredWrites:
    """One projection's buffer; `flush` and `discard` are the applier's end-of-batch hooks."""

    def __init__(self, name: str) -> None:
        self._slot = ("pmo_reporting.deferred", name)

    def replace(self, conn: Connection, table: Table, key: Mapping[str, Any],
                values: Mapping[str, Any], at: datetime, *, supersede: bool = True) -> None:
        """Supersedes the current fact under `key` (unless it cannot have one) with a new one.
        A projection names a table's key columns in one order every time: it is part of the key."""
        info = conn.info
        buffer: _Buffer | None = info.get(self._slot)
        if buffer is None:
            buffer = info[self._slot] = _Buffer()
        slot: Key = (table, tuple(key.items()))
        if supersede:
            for row in buffer.current.pop(slot, ()):
                row["superseded_at"] = at
            buffer.closed.setdefault(slot, at)
        row = {**key, **values, "recorded_at": at, "superseded_at": None}
        buffer.rows.setdefault(table, []).append(row)
        buffer.current.setdefault(slot, []).append(row)

    def flush(self, conn: Connection) -> None:
        buffer: _Buffer | None = conn.info.pop(self._slot, None)
        if buffer is None:
            return
        updates: dict[tuple[Table, tuple[str, ...]], list[dict[str, Any]]] = {}
        for (table, key), at in buffer.closed.items():
            names = tuple(name for name, _ in key)
            updates.setdefault((table, names), []).append(
                {"at": at, **{f"m_{name}": value for name, value in key}})
        for (table, names), params in updates.items():
            superseding(table, names).executemany(conn, params)
        for table, rows in buffer.rows.items():
            inserting(table).executemany(conn, rows)

    def discard(self, conn: Connection) -> None:
        conn.info.pop(self._slot, None)


class DeferringProjection:
    """Base of the projections that write through a DeferredWrites buffer of their own."""

    name: str

    def __init__(self) -> None:
        self.writes = DeferredWrites(self.name)

    def flush(self, conn: Connection) -> None:
        self.writes.flush(conn)

    def discard(self, conn: Connection) -> None:
        self.writes.discard(conn)
