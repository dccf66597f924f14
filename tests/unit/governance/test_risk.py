from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from pmo_governance.commands.risks import (
    ChangeRiskStatus,
    CompleteMitigation,
    PlanMitigation,
    PlanRiskResponse,
)
from pmo_governance.domain.errors import InvalidInput, StatusChangeRefused
from pmo_governance.domain.risk import TRANSITIONS, Risk
from pmo_governance.domain.scoring import Scoring
from pmo_shared.events.governance import RiskAssessed, RiskIdentified, RiskStatusChanged
from pmo_shared.kernel.errors import InvalidTransition, NotFound
from pmo_shared.kernel.money import Money
from tests.unit.governance.builders import assess, identify

STATUSES = sorted(TRANSITIONS)


def risk_in(status: str) -> Risk:
    risk = Risk.replay(uuid4(), [RiskIdentified(**vars(identify()), risk_id=uuid4())])
    risk.status = status
    return risk


def test_identifying_a_risk_records_kind_and_proximity():
    risk = Risk.identify(uuid4(), identify(kind="opportunity", proximity="imminent"))
    [event] = risk.pending_events
    assert isinstance(event, RiskIdentified)
    assert (event.kind, event.proximity, risk.status) == ("opportunity", "imminent", "open")


def test_an_unknown_proximity_is_refused_with_a_pointer():
    with pytest.raises(InvalidInput) as refused:
        Risk.identify(uuid4(), identify(proximity="someday"))
    assert refused.value.extensions["pointer"] == "#/proximity"


def test_an_assessment_scores_and_prices_the_risk():
    risk = risk_in("open")
    risk.assess(assess(probability="0.7", impact="0.40", cost="20000.00"), Scoring())
    [event] = risk.pending_events
    assert isinstance(event, RiskAssessed)
    assert event.score == Decimal("0.28")
    assert event.emv == Money(amount=Decimal("14000.0000"), currency="EUR")


def test_a_residual_assessment_needs_an_inherent_one_first():
    with pytest.raises(InvalidTransition, match="inherent"):
        risk_in("open").assess(assess(stage="residual"), Scoring())


def test_the_residual_score_becomes_the_current_score_and_history_keeps_both():
    risk = risk_in("open")
    risk.assess(assess(probability="0.9", impact="0.80"), Scoring())
    risk.assess(assess(stage="residual", probability="0.3", impact="0.40"), Scoring())
    assert [a.score for a in risk.history] == [Decimal("0.72"), Decimal("0.12")]
    assert risk.current is not None and risk.current.score == Decimal("0.12")
    assert risk.inherent is not None and risk.inherent.score == Decimal("0.72")


LEGAL = [(a, b) for a in STATUSES for b in sorted(TRANSITIONS[a])]
ILLEGAL = [(a, b) for a in STATUSES for b in STATUSES if b not in TRANSITIONS[a]]


@pytest.mark.parametrize(("source", "target"), LEGAL)
def test_every_legal_status_change_is_recorded(source, target):
    risk = risk_in(source)
    risk.change_status(ChangeRiskStatus(risk_id=risk.id, status=target, reason="why"))
    [event] = risk.pending_events
    assert isinstance(event, RiskStatusChanged)
    assert (event.from_status, event.status, risk.status) == (source, target, target)


@pytest.mark.parametrize(("source", "target"), ILLEGAL)
def test_every_illegal_status_change_is_refused(source, target):
    with pytest.raises(StatusChangeRefused):
        risk_in(source).change_status(ChangeRiskStatus(risk_id=uuid4(), status=target))


def test_closing_a_closed_risk_is_rejected():
    with pytest.raises(StatusChangeRefused, match="closed cannot become closed"):
        risk_in("closed").change_status(ChangeRiskStatus(risk_id=uuid4(), status="closed"))


def test_a_threat_cannot_take_an_opportunity_strategy():
    with pytest.raises(InvalidInput) as refused:
        risk_in("open").plan_response(PlanRiskResponse(risk_id=uuid4(), strategy="exploit",
                                                       description=""))
    assert refused.value.extensions["pointer"] == "#/strategy"


def test_an_opportunity_can_be_enhanced():
    risk = Risk.identify(uuid4(), identify(kind="opportunity"))
    risk.plan_response(PlanRiskResponse(risk_id=risk.id, strategy="enhance", description="x"))
    assert risk.strategy == "enhance"


def test_a_mitigation_action_is_planned_and_completed_once():
    risk, action = risk_in("mitigating"), uuid4()
    risk.plan_mitigation(action, PlanMitigation(risk_id=risk.id, description="second vendor",
                                                owner_id=uuid4(), due_on=date(2027, 4, 1)))
    done = CompleteMitigation(risk_id=risk.id, action_id=action, completed_on=date(2027, 3, 20))
    risk.complete_mitigation(done)
    assert risk.actions[action].completed_on == date(2027, 3, 20)
    with pytest.raises(InvalidTransition):
        risk.complete_mitigation(done)


def test_completing_an_unknown_action_is_not_found():
    with pytest.raises(NotFound):
        risk_in("open").complete_mitigation(
            CompleteMitigation(risk_id=uuid4(), action_id=uuid4(), completed_on=date(2027, 1, 1)))


def test_a_closed_risk_takes_no_new_mitigation():
    with pytest.raises(InvalidTransition):
        risk_in("closed").plan_mitigation(uuid4(), PlanMitigation(
            risk_id=uuid4(), description="x", owner_id=uuid4(), due_on=date(2027, 1, 1)))
