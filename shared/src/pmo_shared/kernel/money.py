"""Money: a Decimal amount with an ISO 4217 currency; arithmetic refuses to mix currencies."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

CurrencyCode = Annotated[str, Field(pattern=r"^[A-Z]{3}$", examples=["EUR"])]
# Amounts are bounded so hostile input cannot create huge Decimals; 10^15 covers any budget.
Amount = Annotated[
    Decimal,
    Field(max_digits=19, decimal_places=4, allow_inf_nan=False, examples=["125000.00"]),
]


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies were combined."""

    def __init__(self, left: str, right: str) -> None:
        super().__init__(f"cannot combine {left} with {right}")
        self.left = left
        self.right = right


class Money(BaseModel):
    """An exact amount of one currency; serialised as {"amount": "12.50", "currency": "EUR"}."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    amount: Amount
    currency: CurrencyCode

    @classmethod
    def zero(cls, currency: str) -> Money:
        return cls(amount=Decimal(0), currency=currency)

    def _same_currency(self, other: Money) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatch(self.currency, other.currency)

    def __add__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money.model_construct(amount=self.amount + other.amount, currency=self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same_currency(other)
        return Money.model_construct(amount=self.amount - other.amount, currency=self.currency)

    def times(self, factor: Decimal) -> Money:
        """Full precision product; rounding belongs to presentation."""
        return Money.model_construct(amount=self.amount * factor, currency=self.currency)

    def __str__(self) -> str:
        return f"{self.amount} {self.currency}"
