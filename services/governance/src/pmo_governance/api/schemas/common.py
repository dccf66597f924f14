"""Field types and base classes every governance schema shares."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

Title = Annotated[str, Field(min_length=1, max_length=200)]
Name = Annotated[str, Field(min_length=1, max_length=64)]
LongText = Annotated[str, Field(max_length=4000)]
Reason = Annotated[str, Field(min_length=1, max_length=2000)]
Url = Annotated[str, Field(min_length=1, max_length=2000, pattern=r"^https?://")]
Tag = Annotated[str, Field(min_length=1, max_length=64)]
Fraction = Annotated[Decimal, Field(gt=0, le=1, max_digits=6, decimal_places=4,
                                    allow_inf_nan=False)]


def strict(example: dict[str, Any]) -> ConfigDict:
    """Unknown fields are refused; the example is shown in the OpenAPI document."""
    return ConfigDict(extra="forbid", json_schema_extra={"examples": [example]})


class Listed(BaseModel):
    """Lists carry the cursor of the next page, if any."""

    next_cursor: str | None = None


def fields(body: BaseModel, *, exclude: frozenset[str] = frozenset()) -> dict[str, Any]:
    """The body's fields as they are (nested models stay models, unlike model_dump)."""
    return {name: value for name, value in body if name not in exclude}
