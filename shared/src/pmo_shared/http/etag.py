"""ETag = aggregate version: formatting it and parsing the client's If-Match header."""
from __future__ import annotations

import re
from typing import Annotated

from fastapi import Depends, Header

from pmo_shared.kernel.errors import DomainError

# One strong tag only: the write path compares it with a single expected version. Weak tags
# (W/"3") never match under If-Match's strong comparison, so they are refused as malformed.
_STRONG_VERSION = re.compile(r'"(0|[1-9][0-9]{0,17})"')


class MalformedIfMatch(DomainError):
    status = 400
    problem_type = "malformed-if-match"
    title = "If-Match must be one strong ETag such as \"3\", or *"


def etag_for(version: int) -> str:
    return f'"{version}"'


def parse_if_match(header: str | None) -> int | None:
    """The expected version, or None when the client sent no If-Match or `*` (any version)."""
    if header is None:
        return None
    value = header.strip()
    if value == "*":
        return None
    match = _STRONG_VERSION.fullmatch(value)
    if match is None:
        raise MalformedIfMatch("If-Match must be one quoted version such as \"3\", or *.")
    return int(match.group(1))


def if_match(
    if_match: Annotated[
        str | None, Header(description='Expected version as a strong ETag, e.g. "3"')
    ] = None,
) -> int | None:
    return parse_if_match(if_match)


IfMatchDep = Annotated[int | None, Depends(if_match)]
