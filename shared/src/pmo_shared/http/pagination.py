"""Cursor pagination: the limit parameter, opaque cursors and the Page envelope."""
from __future__ import annotations

import base64
import binascii
import json
import re
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel

from pmo_shared.kernel.errors import DomainError

MAX_LIMIT = 200
DEFAULT_LIMIT = 50
MAX_CURSOR_CHARS = 512

_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")

T = TypeVar("T")

LimitQuery = Annotated[
    int, Query(ge=1, le=MAX_LIMIT, description=f"Page size, at most {MAX_LIMIT}")
]
# No max_length here: decode_cursor owns the cursor rules so every bad cursor is the same 400.
CursorQuery = Annotated[
    str | None, Query(description="`next_cursor` from the previous page; omit for the first page")
]


class InvalidCursor(DomainError):
    status = 400
    problem_type = "invalid-cursor"
    title = "The cursor is not one this API issued"


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = None


def encode_cursor(values: dict[str, Any]) -> str:
    """Opaque to clients but not secret or signed: the query must still apply access filters."""
    raw = json.dumps(values, separators=(",", ":"), sort_keys=True).encode()
    # Padding is dropped so the cursor needs no escaping in a query string.
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def decode_cursor(raw: str) -> dict[str, Any]:
    if len(raw) > MAX_CURSOR_CHARS or not _BASE64URL.fullmatch(raw):
        raise InvalidCursor("The cursor is malformed.")
    try:
        decoded = base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4))
        values = json.loads(decoded)
    except (binascii.Error, ValueError, RecursionError):
        raise InvalidCursor("The cursor is malformed.") from None
    if not isinstance(values, dict):
        raise InvalidCursor("The cursor is malformed.")
    return values
