"""Statements run through the driver store exactly what `conn.execute` stores, on each database."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Integer,
    MetaData,
    Numeric,
    String,
    Table,
    bindparam,
    create_engine,
    insert,
    select,
    update,
)

from pmo_shared.eventstore.prepared import KeyLookup, Prepared
from pmo_shared.eventstore.types import UTCDateTime

metadata = MetaData()


def _facts(name: str) -> Table:
    return Table(name, metadata,
                 Column("id", Integer, primary_key=True, autoincrement=True),
                 Column("key", String(40), nullable=False),
                 Column("on", Date), Column("amount", Numeric(18, 4)), Column("active", Boolean),
                 Column("recorded_at", UTCDateTime, nullable=False),
                 Column("superseded_at", UTCDateTime))


through_sqlalchemy, through_driver = _facts("facts_sqlalchemy"), _facts("facts_driver")
with_python_default = Table("with_default", metadata, Column("id", Integer, primary_key=True),
                            Column("note", String(20), default=lambda: "filled in"))
AT = datetime(2026, 3, 1, 9, 30, 15, 123456, tzinfo=UTC)
ROWS = [
    {"key": "a", "on": date(2026, 2, 27), "amount": Decimal("740.0050"), "active": True,
     "recorded_at": AT, "superseded_at": None},
    # Another zone: stored as the same UTC instant.
    {"key": "b", "on": None, "amount": None, "active": False,
     "recorded_at": AT.astimezone(timezone(timedelta(hours=2))), "superseded_at": AT},
    {"key": "ü-ß", "on": date(2026, 12, 31), "amount": Decimal("-0.0001"), "active": None,
     "recorded_at": AT + timedelta(days=1), "superseded_at": None},
    # Whole seconds: isoformat would drop the fraction unless asked for microseconds.
    {"key": "c", "on": date(1999, 1, 2), "amount": Decimal(1),
     "active": True, "recorded_at": datetime(2026, 1, 2, tzinfo=UTC), "superseded_at": None},
]


def _closing(table: Table) -> object:
    return update(table).where(table.c.key == bindparam("m_key"), table.c.superseded_at.is_(None)
                               ).values(superseded_at=bindparam("at"))


def _contents(conn, table: Table) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    columns = [column for column in table.c if column.name != "id"]
    return [tuple(row) for row in conn.execute(select(*columns).order_by(table.c.id))]


def _stored(conn, table: Table) -> list[tuple[object, ...]]:  # type: ignore[no-untyped-def]
    """As the driver returns them: SQLite text, compared by SQL as text, must match exactly."""
    names = ", ".join(f'"{column.name}"' for column in table.c if column.name != "id")
    return [tuple(row) for row in conn.exec_driver_sql(
        f"SELECT {names} FROM {table.name} ORDER BY id")]


def test_driver_writes_equal_sqlalchemy_writes(database_url: str) -> None:
    engine = create_engine(database_url)
    metadata.create_all(engine)
    closes = [{"m_key": "a", "at": AT + timedelta(hours=1)}, {"m_key": "ü-ß", "at": AT}]
    try:
        with engine.begin() as conn:
            conn.execute(insert(through_sqlalchemy), ROWS)
            conn.execute(_closing(through_sqlalchemy), closes)  # type: ignore[arg-type]
            Prepared(insert(through_driver)).executemany(conn, ROWS)
            Prepared(_closing(through_driver)).executemany(conn, closes)  # type: ignore[arg-type]

            assert _stored(conn, through_driver) == _stored(conn, through_sqlalchemy)
            stored = _contents(conn, through_driver)
            assert stored == _contents(conn, through_sqlalchemy)
            assert [row[0] for row in stored] == ["a", "b", "ü-ß", "c"]
            assert stored[0][2] == Decimal("740.0050")
            assert [row[5] for row in stored] == [AT + timedelta(hours=1), AT, AT, None]
    finally:
        metadata.drop_all(engine)
        engine.dispose()


def test_a_default_computed_in_python_is_refused_not_left_out(database_url: str) -> None:
    engine = create_engine(database_url)
    metadata.create_all(engine)
    try:
        with engine.begin() as conn, pytest.raises(ValueError, match="note"):
            Prepared(insert(with_python_default)).executemany(conn, [{"id": 1}])
    finally:
        metadata.drop_all(engine)
        engine.dispose()


def test_a_key_lookup_finds_exactly_the_stored_keys_for_any_number_of_keys(
        database_url: str) -> None:
    engine = create_engine(database_url)
    metadata.create_all(engine)
    lookup = KeyLookup(through_driver.c.key)
    try:
        with engine.begin() as conn:
            Prepared(insert(through_driver)).executemany(conn, ROWS)
            stored = [row["key"] for row in ROWS]
            mixed = [key for pair in zip(stored, ["x-0", "x-1", "x-2", "x-3"], strict=True)
                     for key in pair]
            for count in (1, 2, 3, 5, 8):
                asked = mixed[:count]
                assert lookup.found(conn, asked) == set(asked) & set(stored), count
            assert lookup.found(conn, []) == set()
    finally:
        metadata.drop_all(engine)
        engine.dispose()


def test_a_key_lookup_refuses_a_column_whose_values_need_converting(database_url: str) -> None:
    engine = create_engine(database_url)
    try:
        with engine.connect() as conn, pytest.raises(ValueError, match="converted"):
            KeyLookup(through_driver.c.recorded_at).found(conn, [AT])
    finally:
        engine.dispose()
