"""Risk scoring: probability x impact on a declared scale, rounded half-up, and EMV; all Decimal."""
from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from pmo_governance.domain.errors import InvalidInput, NotOnScale
from pmo_shared.kernel.money import Money

PMBOK_PROBABILITY = tuple(Decimal(v) for v in ("0.1", "0.3", "0.5", "0.7", "0.9"))
PMBOK_IMPACT = tuple(Decimal(v) for v in ("0.05", "0.10", "0.20", "0.40", "0.80"))
HALF_UP = "half_up"
# Money carries 4 decimal places; EMV is kept at that precision so replayed events stay valid.
EMV_PLACES = 4


def round_half_up(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Scoring:
    """A register's declared scales and rounding; the defaults are the PMBOK 5-point scales."""

    probability_scale: tuple[Decimal, ...] = PMBOK_PROBABILITY
    impact_scale: tuple[Decimal, ...] = PMBOK_IMPACT
    score_places: int = 2
    rounding: str = HALF_UP

    def __post_init__(self) -> None:
        _check_scale(self.probability_scale, "/probability_scale")
        _check_scale(self.impact_scale, "/impact_scale")
        if not 0 <= self.score_places <= 6:
            raise InvalidInput("score_places must be between 0 and 6", pointer="#/score_places")

    def score(self, probability: Decimal, impact: Decimal) -> Decimal:
        if probability not in self.probability_scale:
            raise NotOnScale(f"probability {probability} is not on the scale "
                             f"{[str(v) for v in self.probability_scale]}", pointer="#/probability")
        if impact not in self.impact_scale:
            raise NotOnScale(f"impact {impact} is not on the scale "
                             f"{[str(v) for v in self.impact_scale]}", pointer="#/impact")
        return round_half_up(probability * impact, self.score_places)


def _check_scale(scale: tuple[Decimal, ...], pointer: str) -> None:
    if not 2 <= len(scale) <= 10:
        raise InvalidInput("a scale has between 2 and 10 points", pointer=f"#{pointer}")
    if any(not Decimal(0) < v <= Decimal(1) for v in scale):
        raise InvalidInput("scale points lie in (0, 1]", pointer=f"#{pointer}")
    if any(a >= b for a, b in zip(scale, scale[1:], strict=False)):
        raise InvalidInput("scale points must be strictly ascending", pointer=f"#{pointer}")


def expected_monetary_value(probability: Decimal, cost_impact: Money | None) -> Money | None:
    """EMV = probability x cost impact, kept at Money's precision (half-up)."""
    if cost_impact is None:
        return None
    amount = round_half_up(cost_impact.amount * probability, EMV_PLACES)
    return Money(amount=amount, currency=cost_impact.currency)
