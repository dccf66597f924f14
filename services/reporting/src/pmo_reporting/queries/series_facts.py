"""S-curves of a set of projects as known at one moment: each project's curve from its earned
value facts and daily actual cost, summed per currency (currencies are never added together)."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from sqlalchemy import Connection, func, select

from pmo_reporting.bitemporal import known_at
from pmo_reporting.metrics.evm import EacMethod
from pmo_reporting.metrics.series import Curve, cumulative_at
from pmo_reporting.projections.facts import from_e4
from pmo_reporting.queries.evm_facts import ProjectFacts
from pmo_reporting.queries.evm_report import project_evm, values_at
from pmo_reporting.queries.timeslice import TimeSlice
from pmo_reporting.tables import rm_costs

DailyCosts = dict[str, list[tuple[date, Decimal]]]


def daily_costs(conn: Connection, facts: Mapping[str, ProjectFacts], when: TimeSlice) -> DailyCosts:
    """Per project, its actual cost per day in the project's own currency, oldest first (costs
    in another currency are unconverted, as in the earned value report)."""
    if not facts:
        return {}
    query = (select(rm_costs.c.project_id, rm_costs.c.incurred_on, rm_costs.c.currency,
                    func.sum(rm_costs.c.amount_e4))
             .where(rm_costs.c.project_id.in_(list(facts)), rm_costs.c.incurred_on <= when.as_of,
                    known_at(rm_costs, when.known_at))
             .group_by(rm_costs.c.project_id, rm_costs.c.incurred_on, rm_costs.c.currency)
             .order_by(rm_costs.c.incurred_on))
    costs: DailyCosts = defaultdict(list)
    for project_id, day, currency, units in conn.execute(query):
        if currency == facts[project_id].project.currency:
            costs[project_id].append((day, from_e4(units)))
    return costs


def project_curve(facts: ProjectFacts, costs: Sequence[tuple[date, Decimal]],
                  ends: Sequence[date], *, as_of: date) -> Curve:
    values = [values_at(facts, end) for end in ends]
    bac = project_evm(facts, as_of=as_of, method=EacMethod.TYPICAL).totals.bac
    return Curve(bac=bac, pv=tuple(pv for pv, _ in values), ev=tuple(ev for _, ev in values),
                 ac=tuple(cumulative_at(costs, ends)))


@dataclass(frozen=True, slots=True)
class CurrencyCurve:
    currency: str
    projects: int
    curve: Curve


def curves_by_currency(facts: Mapping[str, ProjectFacts], costs: DailyCosts,
                       ends: Sequence[date], *, as_of: date) -> list[CurrencyCurve]:
    """One summed curve per currency of the projects, by currency code."""
    sums: dict[str, tuple[int, Curve]] = {}
    for project_id, project in facts.items():
        curve = project_curve(project, costs.get(project_id, []), ends, as_of=as_of)
        currency = project.project.currency
        count, total = sums.get(currency, (0, Curve.zero(len(ends))))
        sums[currency] = (count + 1, total + curve)
    return [CurrencyCurve(currency, count, curve) for currency, (count, curve) in sorted(sums.items())]
