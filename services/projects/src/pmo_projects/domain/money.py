"""Money rules of a project: one currency per project, dates ordered."""
from __future__ import annotations

from datetime import date

from pmo_projects.domain.errors import CurrencyNotOfProject, FinishBeforeStart
from pmo_shared.kernel.money import Money


def ensure_currency(amount: Money, currency: str, *, pointer: str) -> None:
    if amount.currency != currency:
        raise CurrencyNotOfProject(
            f"{amount} is not in the project's currency {currency}",
            project_currency=currency, pointer=pointer)


def ensure_ordered(start: date, finish: date, *, pointer: str = "#/planned_finish_on") -> None:
    if finish < start:
        raise FinishBeforeStart(f"finish {finish} is before start {start}", pointer=pointer)
