"""Two projects in two portfolios. P1 (portfolio A): two open risks with EMV 10,000 and 5,000
EUR, one closed risk, and a 20,000 EUR contingency line. P2 (portfolio B): one risk with EMV
30,000 EUR and no contingency."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID, uuid4

from pmo_shared.events import governance as g
from pmo_shared.events import projects as p
from pmo_shared.kernel.money import Money
from tests.integration.reporting.capacity.stream import at

PORTFOLIO_A, PORTFOLIO_B, P1, P2 = uuid4(), uuid4(), uuid4(), uuid4()
R1, R2, R3, R4 = (UUID(f"00000000-0000-0000-0000-00000000000{n}") for n in range(1, 5))
KNOWN = at("2027-01-10T09:00")


def eur(amount: str) -> Money:
    return Money(amount=Decimal(amount), currency="EUR")


def charter(project: UUID, portfolio: UUID, code: str) -> p.ProjectChartered:
    return p.ProjectChartered(
        project_id=project, code=code, name=code, goals=["g"], sponsor_id=uuid4(),
        manager_id=uuid4(), planned_start_on=date(2027, 1, 4), planned_finish_on=date(2027, 12, 31),
        budget=eur("500000"), project_type="it", portfolio_id=portfolio)


def risk(risk_id: UUID, project: UUID) -> g.RiskIdentified:
    return g.RiskIdentified(risk_id=risk_id, project_id=project, title=f"risk {risk_id.int}",
                            description="d", category="supplier", owner_id=uuid4())


def assessed(risk_id: UUID, project: UUID, probability: str, impact: str, emv: str,
             on: date = date(2027, 1, 10), stage: str = "residual") -> g.RiskAssessed:
    return g.RiskAssessed(
        risk_id=risk_id, project_id=project, stage=stage, probability=Decimal(probability),
        impact=Decimal(impact), score=Decimal(probability) * Decimal(impact),
        cost_impact=None, emv=eur(emv), assessed_on=on)


def register() -> list:
    facts = [charter(P1, PORTFOLIO_A, "P1"), charter(P2, PORTFOLIO_B, "P2"),
             risk(R1, P1), assessed(R1, P1, "0.5", "0.4", "10000"),
             risk(R2, P1), assessed(R2, P1, "0.5", "0.4", "5000"),
             risk(R3, P1), assessed(R3, P1, "0.9", "0.8", "90000"),
             g.RiskStatusChanged(risk_id=R3, project_id=P1, status="closed"),
             risk(R4, P2), assessed(R4, P2, "0.7", "0.8", "30000"),
             p.BudgetLinePlanned(project_id=P1, budget_line_id=uuid4(), category="contingency",
                                 amount=eur("20000"))]
    return [(fact, KNOWN) for fact in facts]
