"""Effective-dated hourly cost rates, pure: the rate of a day is the latest one effective on it."""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from pmo_resources.domain.errors import InvalidField
from pmo_shared.kernel.money import Money

CENT = Decimal("0.01")
# Bounded so 24 h x rate always fits Money's 19 digits when the event is read back.
MAX_HOURLY_RATE = Decimal(1_000_000)


def check_rate(hourly_rate: Money) -> None:
    """Rates in cents and hours in hundredths keep every cost exact within Money's 4 places."""
    if not 0 <= hourly_rate.amount <= MAX_HOURLY_RATE or hourly_rate.amount % CENT:
        raise InvalidField(f"an hourly rate is 0 to {MAX_HOURLY_RATE} in cents",
                           pointer="#/hourly_rate/amount")


@dataclass(frozen=True)
class Rate:
    effective_from: date
    hourly_rate: Money


def with_rate(rates: Iterable[Rate], new: Rate) -> tuple[Rate, ...]:
    """A rate set again for the same day replaces it; other days keep theirs (the past stays)."""
    kept = [rate for rate in rates if rate.effective_from != new.effective_from]
    return tuple(sorted([*kept, new], key=lambda rate: rate.effective_from))


def rate_on(rates: tuple[Rate, ...], day: date) -> Money | None:
    index = bisect_right([rate.effective_from for rate in rates], day) - 1
    return None if index < 0 else rates[index].hourly_rate


def labour_cost(hours: Decimal, hourly_rate: Money) -> Money:
    """Full precision; rounding belongs to presentation."""
    return hourly_rate.times(hours)
