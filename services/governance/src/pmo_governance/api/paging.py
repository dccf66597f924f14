"""Keyset pagination over the inline read tables: a stable order and a cursor after the last row."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Column, Row, Select, and_, or_

from pmo_shared.http.pagination import InvalidCursor, decode_cursor, encode_cursor


def after_key(query: Select[Any], key: Column[str], cursor: str | None) -> Select[Any]:
    """Rows ordered by one unique text key, starting after the cursor's key."""
    query = query.order_by(key)
    if cursor is None:
        return query
    last = decode_cursor(cursor).get("k")
    if not isinstance(last, str):
        raise InvalidCursor("The cursor is malformed.")
    return query.where(key > last)


def after_rank(query: Select[Any], rank: Column[int], key: Column[str],
               cursor: str | None) -> Select[Any]:
    """Rows ranked by `rank` descending, ties by key ascending."""
    query = query.order_by(rank.desc(), key)
    if cursor is None:
        return query
    values = decode_cursor(cursor)
    last_rank, last_key = values.get("r"), values.get("k")
    if not isinstance(last_rank, int) or not isinstance(last_key, str):
        raise InvalidCursor("The cursor is malformed.")
    return query.where(or_(rank < last_rank, and_(rank == last_rank, key > last_key)))


def next_cursor(rows: Sequence[Row[Any]], limit: int,
                values: Callable[[Row[Any]], dict[str, Any]]) -> str | None:
    """Queries fetch limit + 1 rows: the extra row only says whether there is a next page."""
    if len(rows) <= limit:
        return None
    return encode_cursor(values(rows[limit - 1]))
