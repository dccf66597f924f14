"""Helpers shared by the bitemporal projections: exact money units and superseding a fact."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from functools import cache

from sqlalchemy import Connection, Table, Update, bindparam, update

E4 = Decimal(10_000)


def to_e4(amount: Decimal) -> int:
    """Money amounts carry at most 4 decimal places (pmo_shared.kernel.money), so this is exact."""
    return int(amount * E4)


def from_e4(units: int | None) -> Decimal:
    return Decimal(units or 0) / E4


def text(value: object | None) -> str | None:
    return None if value is None else str(value)


@cache
def _superseding(table: Table, columns: tuple[str, ...]) -> Update:
    # Built once per shape: a constant statement skips SQLAlchemy's per-call compile-cache key.
    condition = table.c.superseded_at.is_(None)
    for column in columns:
        condition &= table.c[column] == bindparam(f"m_{column}")
    return update(table).where(condition).values(superseded_at=bindparam("at"))


def supersede(conn: Connection, table: Table, at: datetime, **match: object) -> None:
    """Closes the current version(s) of a fact: from `at` on they are no longer what is known."""
    statement = _superseding(table, tuple(sorted(match)))
    conn.execute(statement, {"at": at, **{f"m_{key}": value for key, value in match.items()}})
