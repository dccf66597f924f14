"""Leases: one holder at a time for a named job (the relay, the active projector), with expiry
so a dead holder's lease passes to a standby. Works on SQLite and PostgreSQL alike."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Connection, Table, insert, select, update
from sqlalchemy.exc import IntegrityError


def try_acquire(conn: Connection, leases: Table, *, name: str, holder: str, now: datetime,
                ttl: timedelta) -> bool:
    """Takes or renews the lease inside the caller's transaction; True if `holder` has it."""
    expires_at = now + ttl
    renewed = conn.execute(
        update(leases)
        .where(leases.c.name == name)
        .where((leases.c.holder == holder) | (leases.c.expires_at < now))
        .values(holder=holder, expires_at=expires_at)
    )
    if renewed.rowcount == 1:
        return True
    exists = conn.execute(select(leases.c.name).where(leases.c.name == name)).first()
    if exists is not None:
        return False
    try:
        with conn.begin_nested():
            conn.execute(insert(leases).values(name=name, holder=holder, expires_at=expires_at))
    except IntegrityError:
        return False
    return True


def release(conn: Connection, leases: Table, *, name: str, holder: str) -> None:
    conn.execute(
        update(leases)
        .where(leases.c.name == name, leases.c.holder == holder)
        .values(expires_at=datetime(2000, 1, 1, tzinfo=UTC))
    )
