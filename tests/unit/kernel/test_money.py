from decimal import Decimal

import pytest
from pydantic import ValidationError

from pmo_shared.kernel.money import CurrencyMismatch, Money


def eur(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="EUR")


def test_adding_amounts_of_one_currency_is_exact():
    assert (eur("0.10") + eur("0.20")).amount == Decimal("0.30")


def test_adding_two_currencies_raises_currency_mismatch():
    with pytest.raises(CurrencyMismatch):
        eur("1") + Money(amount=Decimal(1), currency="USD")


def test_money_serialises_its_amount_as_a_string():
    assert eur("12.50").model_dump(mode="json") == {"amount": "12.50", "currency": "EUR"}


@pytest.mark.parametrize("currency", ["eur", "EURO", "E1R", ""])
def test_a_currency_that_is_not_an_iso_4217_code_is_rejected(currency):
    with pytest.raises(ValidationError):
        Money(amount=Decimal(1), currency=currency)


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "1e30", "0.00001"])
def test_non_finite_huge_or_too_precise_amounts_are_rejected(amount):
    with pytest.raises(ValidationError):
        Money(amount=amount, currency="EUR")


def test_a_float_amount_keeps_its_decimal_text_form():
    assert Money.model_validate({"amount": "19.99", "currency": "EUR"}).amount == Decimal("19.99")
