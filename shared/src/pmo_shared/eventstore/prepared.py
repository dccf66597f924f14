"""A constant statement run as one executemany straight through the driver.

Projections write thousands of rows per batch; SQLAlchemy's per-row parameter handling cost more
than the database's own work. Here the statement is compiled once per dialect and parameter names,
each column's bind processor is looked up once, and the rows go to `exec_driver_sql` as plain
tuples (or dicts, for a named paramstyle). The stored values are those of `conn.execute(statement,
rows)`: the same compiled SQL and the same processors, applied in a tighter loop."""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Dialect, Insert
from sqlalchemy.sql.dml import UpdateBase

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
        pairs = tuple(zip(form.names, form.processors, strict=True))
        if form.positional:
            params: list[Any] = [
                tuple([row[name] if process is None else process(row[name])
                       for name, process in pairs]) for row in rows]
        else:
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
        processors = tuple(compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
                           for name in order)
        return _Form(compiled.string, order, processors, compiled.positional)
