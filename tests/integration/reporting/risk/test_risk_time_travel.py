"""Risk reports as known at a past moment and as of a past status date: a risk closed and a risk
reassessed after the steering committee of 2027-01-12 must not change what it saw."""
from datetime import date

import pytest

from pmo_shared.events import governance as g
from tests.integration.reporting.capacity.stream import at
from tests.integration.reporting.risk.scenario import P1, P2, R1, R2, R4, assessed, register
from tests.integration.reporting.risk.test_risk_exposure import cells

COMMITTEE = "2027-01-12T00:00Z"
LATER = at("2027-01-15T09:00")


@pytest.fixture
async def changed_past(reporting):
    """The register of scenario.py; then, recorded on 2027-01-15, R1 closed and R2 reassessed
    (dated 2027-01-14) up to 0.9 x 0.8 with EMV 40,000 EUR."""
    await reporting.publish(*register())
    await reporting.publish(
        (g.RiskStatusChanged(risk_id=R1, project_id=P1, status="closed", from_status="open"), LATER),
        (assessed(R2, P1, "0.9", "0.8", "40000", on=date(2027, 1, 14)), LATER))
    return reporting


def p1(body):
    return {row["project_id"]: row for row in body["projects"]}[str(P1)]


async def test_the_heat_map_as_known_at_the_committee_still_counts_the_later_closed_risk(
        changed_past):
    then = (await changed_past.get("/v1/risk-exposure/heat-map", as_known_at=COMMITTEE)).json()
    now = (await changed_past.get("/v1/risk-exposure/heat-map")).json()
    assert (then["risks_counted"], cells(then)) == (3, [("0.7", "0.8", 1), ("0.5", "0.4", 2)])
    assert (now["risks_counted"], cells(now)) == (2, [("0.9", "0.8", 1), ("0.7", "0.8", 1)])


async def test_emv_as_known_at_the_committee_ignores_the_later_closure_and_reassessment(
        changed_past):
    then = (await changed_past.get("/v1/risk-exposure/emv", as_known_at=COMMITTEE)).json()
    now = (await changed_past.get("/v1/risk-exposure/emv")).json()
    assert (p1(then)["open_risks"], p1(then)["emv"]["amount"]) == (2, "15000")
    assert p1(then)["emv_to_contingency"] == {"value": "0.7500", "reason": None}
    assert (p1(now)["open_risks"], p1(now)["emv"]["amount"]) == (1, "40000")
    assert p1(now)["emv_to_contingency"] == {"value": "2.0000", "reason": None}
    assert sorted(row["emv"]["amount"] for row in now["portfolios"]) == ["30000", "40000"]


async def test_a_status_date_before_the_closure_counts_the_risk_as_open_with_todays_knowledge(
        changed_past):
    body = (await changed_past.get("/v1/risk-exposure/emv", as_of="2027-01-13")).json()
    assert (p1(body)["open_risks"], p1(body)["emv"]["amount"]) == (2, "15000")


async def test_top_risks_as_known_at_the_committee_rank_the_old_scores_and_statuses(
        changed_past):
    then = (await changed_past.get("/v1/risk-exposure/top-risks",
                                   as_known_at=COMMITTEE)).json()
    now = (await changed_past.get("/v1/risk-exposure/top-risks")).json()
    assert [(r["risk_id"], r["score"], r["status"]) for r in then["items"]] == [
        (str(R4), "0.56", "open"), (str(R1), "0.2", "open"), (str(R2), "0.2", "open")]
    assert [(r["risk_id"], r["score"], r["emv"]["amount"]) for r in now["items"]] == [
        (str(R2), "0.72", "40000"), (str(R4), "0.56", "30000")]


async def test_the_score_history_as_known_at_the_committee_omits_the_later_reassessment(
        changed_past):
    body = (await changed_past.get(f"/v1/risk-exposure/risks/{R2}/score-history",
                                   as_known_at=COMMITTEE)).json()
    now = (await changed_past.get(f"/v1/risk-exposure/risks/{R2}/score-history")).json()
    assert [(p["assessed_on"], p["score"]) for p in body["points"]] == [("2027-01-10", "0.2")]
    assert [(p["assessed_on"], p["score"], p["emv"]["amount"]) for p in now["points"]] == [
        ("2027-01-10", "0.2", "5000"), ("2027-01-14", "0.72", "40000")]


async def test_a_risk_reopened_the_day_it_was_closed_counts_as_open_from_that_day(reporting):
    await reporting.publish(*register())
    await reporting.publish(
        (g.RiskStatusChanged(risk_id=R1, project_id=P1, status="closed"), LATER),
        (g.RiskStatusChanged(risk_id=R1, project_id=P1, status="open"), at("2027-01-15T17:00")))
    noon = (await reporting.get("/v1/risk-exposure/emv", as_known_at="2027-01-15T12:00Z")).json()
    evening = (await reporting.get("/v1/risk-exposure/emv")).json()
    assert (p1(noon)["open_risks"], p1(noon)["emv"]["amount"]) == (1, "5000")
    assert (p1(evening)["open_risks"], p1(evening)["emv"]["amount"]) == (2, "15000")


async def test_portfolio_health_counts_open_high_risks_as_known_at_the_committee(changed_past):
    def high_risks(response):
        return {row["project_id"]: row["open_high_risks"] for row in response.json()["items"]}

    then = await changed_past.get("/v1/portfolio/health", high_risk_min_score="0.2",
                                  as_known_at=COMMITTEE)
    now = await changed_past.get("/v1/portfolio/health", high_risk_min_score="0.2")
    assert high_risks(then) == {str(P1): 2, str(P2): 1}
    assert high_risks(now) == {str(P1): 1, str(P2): 1}
