"""Keyset pagination over the inline tables: fetch one row more than asked to know if more exist."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from sqlalchemy import Column, Select

from pmo_shared.http.pagination import InvalidCursor, Page, decode_cursor, encode_cursor

T = TypeVar("T")


def after_cursor(query: Select[Any], key: Column[Any], cursor: str | None) -> Select[Any]:
    """Orders by the unique `key` and starts after the cursor's value."""
    if cursor is not None:
        last = decode_cursor(cursor).get("after")
        if not isinstance(last, str):
            raise InvalidCursor("The cursor is malformed.")
        query = query.where(key > last)
    return query.order_by(key)


def page_of(rows: Sequence[Any], limit: int, key: str,
            render: Callable[[Any], T]) -> Page[T]:
    more = len(rows) > limit
    rows = rows[:limit]
    cursor = encode_cursor({"after": str(getattr(rows[-1], key))}) if more else None
    return Page[T](items=[render(row) for row in rows], next_cursor=cursor)
