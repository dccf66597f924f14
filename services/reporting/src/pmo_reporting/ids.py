"""Ids as the read models store them: the text form of a UUID."""
from __future__ import annotations

from functools import lru_cache
from uuid import UUID


@lru_cache(maxsize=1 << 14)
def id_text(value: UUID) -> str:
    """`str` of a UUID runs in Python (about 0.5 us): one event's ids go into the rows of several
    projections and a project's id into those of all its events, so most are found here."""
    return str(value)


def text(value: UUID | None) -> str | None:
    return None if value is None else id_text(value)
