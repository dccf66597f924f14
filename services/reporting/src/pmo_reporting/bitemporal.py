"""Bitemporal fact rows: a fact is visible as known at T when it was recorded by T and not yet
superseded at T. Rows are never updated except to stamp `superseded_at`."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Select,
    Table,
    and_,
    bindparam,
    insert,
    or_,
    select,
    update,
)

from pmo_shared.eventstore.prepared import Prepared


def known_at(table: Table, at: datetime) -> ColumnElement[bool]:
    """`recorded_at <= T AND (superseded_at IS NULL OR superseded_at > T)`."""
    return and_(table.c.recorded_at <= at,
                or_(table.c.superseded_at.is_(None), table.c.superseded_at > at))


# Statements are built once per table and key shape: projections run them for every event, and a
# constant statement skips SQLAlchemy's per-call construction and compile-cache key.
@cache
def _current(table: Table, names: tuple[str, ...]) -> Select[Any]:
    return select(table).where(*[table.c[name] == bindparam(f"m_{name}") for name in names],
                               table.c.superseded_at.is_(None))


@cache
def superseding(table: Table, names: tuple[str, ...]) -> Prepared:
    """Stamps `superseded_at` (parameter `at`) on the current rows matching `m_<name>` for each
    key column."""
    return Prepared(update(table).where(
        *[table.c[name] == bindparam(f"m_{name}") for name in names],
        table.c.superseded_at.is_(None)).values(superseded_at=bindparam("at")))


@cache
def inserting(table: Table) -> Prepared:
    return Prepared(insert(table))


def current(conn: Connection, table: Table, key: Mapping[str, Any]) -> dict[str, Any] | None:
    row = conn.execute(_current(table, tuple(key)),
                       {f"m_{name}": value for name, value in key.items()}).mappings().first()
    return None if row is None else dict(row)


def supersede(conn: Connection, table: Table, key: Mapping[str, Any], at: datetime) -> None:
    """Closes the current version(s) under `key`: from `at` on they are no longer what is known."""
    superseding(table, tuple(sorted(key))).executemany(
        conn, [{"at": at, **{f"m_{name}": value for name, value in key.items()}}])


def record(conn: Connection, table: Table, values: Mapping[str, Any], at: datetime) -> None:
    inserting(table).executemany(conn, [{**values, "recorded_at": at, "superseded_at": None}])


def replace(conn: Connection, table: Table, key: Mapping[str, Any], values: Mapping[str, Any],
            at: datetime) -> None:
    """Supersedes the current fact under `key` (if any) with a new one."""
    supersede(conn, table, key, at)
    record(conn, table, {**key, **values}, at)


def revise(conn: Connection, table: Table, key: Mapping[str, Any], changes: Mapping[str, Any],
           at: datetime) -> tuple[dict[str, Any], dict[str, Any]] | None:
    """A new version of the current fact with some fields changed; (old, new), or None when
    there is no current fact (an event for something this read model never saw)."""
    old = current(conn, table, key)
    if old is None:
        return None
    new = {name: value for name, value in old.items()
           if name not in ("id", "recorded_at", "superseded_at")} | dict(changes)
    supersede(conn, table, key, at)
    record(conn, table, new, at)
    return old, new
