"""Valid default commands for governance unit tests; override only what a test is about."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID, uuid4

from pmo_governance.commands.changes import DraftChangeRequest
from pmo_governance.commands.gates import DefineStageGate
from pmo_governance.commands.risks import AssessRisk, IdentifyRisk
from pmo_governance.domain.change_request import ChangeRequest
from pmo_governance.domain.risk import Risk
from pmo_governance.domain.stage_gate import StageGate
from pmo_shared.events.governance import GateCriterion
from pmo_shared.kernel.money import Money

PROJECT = UUID("00000000-0000-0000-0000-0000000000aa")


def identify(**overrides: object) -> IdentifyRisk:
    values: dict[str, object] = {"project_id": PROJECT, "title": "Vendor late",
                                 "description": "", "category": "supplier", "owner_id": uuid4()}
    return IdentifyRisk(**{**values, **overrides})  # type: ignore[arg-type]


def saved(aggregate):
    """The aggregate as if loaded from the store: pending events applied and cleared."""
    aggregate.mark_saved()
    return aggregate


def a_risk(**overrides: object) -> Risk:
    return saved(Risk.identify(uuid4(), identify(**overrides)))


def assess(stage: str = "inherent", probability: str = "0.5", impact: str = "0.40",
           cost: str | None = None) -> AssessRisk:
    return AssessRisk(risk_id=uuid4(), stage=stage, probability=Decimal(probability),
                      impact=Decimal(impact),
                      cost_impact=Money(amount=Decimal(cost), currency="EUR") if cost else None,
                      assessed_on=date(2027, 3, 1), assessed_by=None)


def a_change_request(*approvers: UUID, cost: str | None = "5000.00",
                     days: int = 10) -> ChangeRequest:
    cmd = DraftChangeRequest(
        project_id=PROJECT, title="Add SSO", description="", requested_by=uuid4(),
        cost_impact=Money(amount=Decimal(cost), currency="EUR") if cost else None,
        schedule_impact_days=days, scope_impact="one more integration",
        approver_ids=approvers or (uuid4(),))
    return saved(ChangeRequest.draft(uuid4(), cmd))


def a_gate(*approvers: UUID, mandatory: tuple[bool, ...] = (True, True)) -> StageGate:
    criteria = tuple(GateCriterion(criterion_id=uuid4(), description=f"criterion {i}",
                                   mandatory=m) for i, m in enumerate(mandatory))
    cmd = DefineStageGate(project_id=PROJECT, phase="execution", project_type="it",
                          criteria=criteria, required_approver_ids=approvers or (uuid4(),))
    return saved(StageGate.define(uuid4(), cmd))
