"""Helpers shared by the bitemporal projections: exact money units and superseding a fact."""
from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import Connection, Table

from pmo_reporting import bitemporal

E4 = Decimal(10_000)


def to_e4(amount: Decimal) -> int:
    """Money amounts carry at most 4 decimal places (pmo_shared.kernel.money), so this is exact."""
    return int(amount * E4)


def from_e4(units: int | None) -> Decimal:
    return Decimal(units or 0) / E4


def supersede(conn: Connection, table: Table, at: datetime, **match: object) -> None:
    """Closes the current version(s) of a fact: from `at` on they are no longer what is known."""
    bitemporal.supersede(conn, table, match, at)
