"""Exact stored quantities: hours and money kept as integers of 1/10,000, so SQL sums stay exact
on SQLite (whose NUMERIC sums are inexact binary reals) as on PostgreSQL."""
from __future__ import annotations

from decimal import Decimal

SCALE = Decimal(10_000)


def to_e4(value: Decimal) -> int:
    """Raises if the value needs more than four decimal places: nothing is rounded silently."""
    scaled = value * SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} has more than four decimal places")
    return int(scaled)


def from_e4(value: int | None) -> Decimal:
    return Decimal(value or 0) / SCALE


RISK_SCALE = Decimal(10) ** 8


def to_e8(value: Decimal) -> int:
    """Risk probabilities, impacts and scores: registers may keep up to 6 places (8 stored)."""
    scaled = value * RISK_SCALE
    if scaled != scaled.to_integral_value():
        raise ValueError(f"{value} has more than eight decimal places")
    return int(scaled)


def from_e8(value: int) -> Decimal:
    return Decimal(value) / RISK_SCALE
