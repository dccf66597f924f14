"""Field types shared by the request schemas: bounded strings, decimals and write configs."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from pydantic import ConfigDict, Field

Name = Annotated[str, Field(min_length=1, max_length=200)]
Text = Annotated[str, Field(max_length=2000)]
Category = Annotated[str, Field(min_length=1, max_length=64)]
Hours = Annotated[Decimal, Field(ge=0, le=1_000_000, max_digits=12, decimal_places=2,
                                 allow_inf_nan=False, examples=["80"])]
Percent = Annotated[Decimal, Field(ge=0, le=100, max_digits=6, decimal_places=2,
                                   allow_inf_nan=False, examples=["40"])]
Weight = Annotated[Decimal, Field(ge=0, le=100, max_digits=6, decimal_places=2,
                                  allow_inf_nan=False, examples=["25"])]
Rating = Annotated[Decimal, Field(ge=0, le=10, max_digits=5, decimal_places=2,
                                  allow_inf_nan=False, examples=["7"])]


def write_config(example: dict[str, Any]) -> ConfigDict:
    """Unknown fields are refused (no mass assignment); the example shows in OpenAPI."""
    return ConfigDict(extra="forbid", json_schema_extra={"examples": [example]})
