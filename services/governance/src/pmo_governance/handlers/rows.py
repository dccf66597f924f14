"""Writing one aggregate's row of an inline read table inside the command's transaction."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, Table, delete, insert


def replace_row(conn: Connection, table: Table, key: str, values: dict[str, Any]) -> None:
    """Delete then insert: a portable upsert, safe because the writer serialises commands."""
    conn.execute(delete(table).where(table.c[key] == values[key]))
    conn.execute(insert(table).values(**values))
