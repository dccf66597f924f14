"""Rendering numbers: Decimal strings, rounding half-even only here and only when asked."""
from __future__ import annotations

from decimal import ROUND_HALF_EVEN, Decimal

from pydantic import BaseModel

from pmo_reporting.metrics.evm import Figure

MONEY = Decimal("0.01")
RATIO = Decimal("0.0001")
ROUNDING_NOTE = "half_even: money to 2 places, ratios, percents and days to 4"
NO_ROUNDING_NOTE = "none: full precision"


class FigureRead(BaseModel):
    """A derived number, or null with the reason it is undefined."""

    value: Decimal | None
    reason: str | None = None


class Presenter:
    def __init__(self, rounding: str) -> None:
        self.rounds = rounding == "presentation"
        self.note = ROUNDING_NOTE if self.rounds else NO_ROUNDING_NOTE

    def money(self, value: Decimal) -> Decimal:
        return value.quantize(MONEY, ROUND_HALF_EVEN) if self.rounds else value

    def ratio(self, value: Decimal) -> Decimal:
        return value.quantize(RATIO, ROUND_HALF_EVEN) if self.rounds else value

    def money_figure(self, figure: Figure) -> FigureRead:
        return FigureRead(value=None if figure.value is None else self.money(figure.value),
                          reason=figure.reason)

    def ratio_figure(self, figure: Figure) -> FigureRead:
        return FigureRead(value=None if figure.value is None else self.ratio(figure.value),
                          reason=figure.reason)
