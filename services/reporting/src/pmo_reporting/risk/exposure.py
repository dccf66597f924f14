"""Pure risk arithmetic: heat-map cells, EMV totals against contingency, per project and per
portfolio. Sums stay exact; currencies are never mixed."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from pmo_reporting.api.presentation import FigureRead
from pmo_reporting.capacity.params import ratio

NO_CONTINGENCY = "no contingency budget line (category 'contingency') for this project"
MIXED = "amounts in more than one currency"


@dataclass(frozen=True)
class Assessment:
    risk_id: str
    project_id: str
    probability: Decimal
    impact: Decimal
    score: Decimal
    emv: Decimal | None
    currency: str | None


def heat_map(assessments: Iterable[Assessment]) -> list[tuple[Decimal, Decimal, int]]:
    """(probability, impact, number of risks) for every occupied cell, highest first."""
    cells = Counter((item.probability, item.impact) for item in assessments)
    return [(p, i, n) for (p, i), n in sorted(cells.items(), reverse=True)]


@dataclass(frozen=True)
class Total:
    """An exact sum in one currency, or undefined (None) with the reason."""

    amount: Decimal | None
    currency: str | None
    reason: str | None = None


def total(amounts: Mapping[str, Decimal]) -> Total:
    if not amounts:
        return Total(None, None, "nothing to add up")
    if len(amounts) > 1:
        return Total(None, None, MIXED)
    [(currency, amount)] = amounts.items()
    return Total(amount, currency)


def emv_by_project(assessments: Iterable[Assessment]) -> dict[str, dict[str, Decimal]]:
    sums: dict[str, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for item in assessments:
        if item.emv is not None and item.currency is not None:
            sums[item.project_id][item.currency] += item.emv
    return {project: dict(amounts) for project, amounts in sums.items()}


def coverage(emv: Total, contingency: Total) -> FigureRead:
    """EMV / contingency: above 1 the contingency does not cover the expected exposure."""
    if contingency.amount is None:
        return FigureRead(value=None, reason=contingency.reason or NO_CONTINGENCY)
    if emv.amount is None:
        return FigureRead(value=None, reason=emv.reason)
    if emv.currency != contingency.currency:
        return FigureRead(value=None, reason=MIXED)
    return ratio(emv.amount, contingency.amount, undefined="contingency is zero")


def portfolio_sums(per_project: Mapping[str, Mapping[str, Decimal]],
                   portfolio_of: Mapping[str, str | None]) -> dict[str | None, dict[str, Decimal]]:
    sums: dict[str | None, dict[str, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for project, amounts in per_project.items():
        for currency, amount in amounts.items():
            sums[portfolio_of.get(project)][currency] += amount
    return {portfolio: dict(amounts) for portfolio, amounts in sums.items()}
