"""A constant statement run as one executemany straight through the driver.

Projections write thousands of rows per batch; SQLAlchemy's per-row parameter handling cost more
than the database's own work. Here the statement is compiled once per dialect and parameter names,
each column's bind processor is looked up once, and the rows go to `exec_driver_sql` as plain
tuples (or dicts, for a named paramstyle). The stored values are those of `conn.execute(statement,
rows)`: the same compiled SQL and the same processors, applied in a tighter loop, except that on
SQLite dates and UTC datetimes are formatted by `isoformat` (in C) into the text SQLAlchemy's
processors build through a dict per value."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from operator import itemgetter
from typing import Any

from sqlalchemy import ColumnElement, Connection, Date, Dialect, Insert, bindparam, select
from sqlalchemy.sql.dml import UpdateBase
from sqlalchemy.types import TypeEngine

from pmo_shared.eventstore.types import UTCDateTime

Processor = Callable[[Any], Any] | None


@dataclass(frozen=True)
class _Form:
    sql: str
    names: tuple[str, ...]  # parameter names in the order the driver takes them
    processors: tuple[Processor, ...]
    positional: bool


class Prepared:
    """`executemany(conn, rows)`: rows are mappings from parameter name (for an INSERT, column
    name) to value, all with the same names, as for `conn.execute(statement, rows)`."""

    def __init__(self, statement: UpdateBase) -> None:
        self.statement = statement
        self._forms: dict[tuple[str, tuple[str, ...]], _Form] = {}

    def executemany(self, conn: Connection, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        names = tuple(rows[0])
        form = self._forms.get((conn.dialect.name, names))
        if form is None:
            form = self._forms[(conn.dialect.name, names)] = self._compile(conn.dialect, names)
        if form.positional:
            params: list[Any] = _positional(form, rows)
        else:
            pairs = tuple(zip(form.names, form.processors, strict=True))
            params = [{name: row[name] if process is None else process(row[name])
                       for name, process in pairs} for row in rows]
        conn.exec_driver_sql(form.sql, params)

    def _compile(self, dialect: Dialect, names: tuple[str, ...]) -> _Form:
        # An INSERT takes its columns from the rows; any other statement names its parameters.
        columns = list(names) if isinstance(self.statement, Insert) else None
        compiled = self.statement.compile(dialect=dialect, column_keys=columns)
        order = tuple(compiled.positiontup or ()) if compiled.positional else tuple(compiled.binds)
        unknown = set(order) - set(names)
        if unknown:  # e.g. a default computed in Python, which only conn.execute fills in
            raise ValueError(f"{self.statement!r} needs parameters the rows lack: {sorted(unknown)}")
        # The dialect's own form of each type: a generic DateTime leaves SQLite a datetime, which
        # the driver would store in another text format than SQLAlchemy does.
        processors = tuple(_processor(compiled.binds[name].type, dialect) for name in order)
        return _Form(compiled.string, order, processors, compiled.positional)


class KeyLookup:
    """`found(conn, keys)`: which of `keys` a column holds, for a batch of keys at a time.
    SQLAlchemy renders an expanding IN of a thousand keys anew on every call, which took as long
    as the lookup itself; here the statement is compiled once per dialect and power of two (the
    keys padded with repeats of the last one, so a few forms serve every batch size)."""

    def __init__(self, column: ColumnElement[Any]) -> None:
        self.column = column
        self._sql: dict[tuple[str, int], tuple[str, bool]] = {}

    def found(self, conn: Connection, keys: Sequence[Any]) -> set[Any]:
        if not keys:
            return set()
        count = 1 << (len(keys) - 1).bit_length()
        padded = [*keys, *[keys[-1]] * (count - len(keys))]
        form = self._sql.get((conn.dialect.name, count))
        if form is None:
            form = self._sql[(conn.dialect.name, count)] = self._compile(conn.dialect, count)
        sql, positional = form
        params: Any = tuple(padded) if positional else {f"k{i}": key
                                                        for i, key in enumerate(padded)}
        return {row[0] for row in conn.exec_driver_sql(sql, params)}

    def _compile(self, dialect: Dialect, count: int) -> tuple[str, bool]:
        if self.column.type.dialect_impl(dialect).bind_processor(dialect) is not None:
            raise ValueError(f"{self.column} needs its values converted; look it up otherwise")
        compiled = select(self.column).where(
            self.column.in_([bindparam(f"k{i}") for i in range(count)])).compile(dialect=dialect)
        return compiled.string, compiled.positional


def _positional(form: _Form, rows: Sequence[Mapping[str, Any]]) -> list[Any]:
    # The values are taken out in C, and converted column by column through `map`: only the few
    # columns with a processor are visited, and no Python loop runs per row.
    take = itemgetter(*form.names)
    if len(form.names) == 1:
        rows_values: list[Any] = [(take(row),) for row in rows]
    else:
        rows_values = [take(row) for row in rows]
    if not any(form.processors):
        return rows_values
    columns = [column if process is None else map(process, column)
               for column, process in zip(zip(*rows_values, strict=True), form.processors,
                                           strict=True)]
    return list(zip(*columns, strict=True))


def _processor(column_type: TypeEngine[Any], dialect: Dialect) -> Processor:
    if dialect.name == "sqlite":
        if isinstance(column_type, UTCDateTime):
            return _sqlite_utc_datetime
        if type(column_type) is Date:
            return _sqlite_date
    return column_type.dialect_impl(dialect).bind_processor(dialect)


def _sqlite_date(value: date | None) -> str | None:
    return None if value is None else date.isoformat(value)


# A projected event's record time goes into several rows, and a batch's markers share one time.
_UTC_TEXTS: dict[datetime, str] = {}
_UTC_TEXTS_KEPT = 4096


def _sqlite_utc_datetime(value: datetime | None) -> str | None:
    if value is None:
        return None
    text = _UTC_TEXTS.get(value)
    if text is None:
        if not isinstance(value, datetime) or value.tzinfo is None:
            raise ValueError("UTCDateTime needs an aware datetime")
        if len(_UTC_TEXTS) >= _UTC_TEXTS_KEPT:
            _UTC_TEXTS.clear()
        # Cut off "+00:00": 26 characters for every four-digit year.
        text = _UTC_TEXTS[value] = value.astimezone(UTC).isoformat(" ", "microseconds")[:26]
    return text
