"""Risk exposure through the real reporting service, fed real envelopes over JetStream."""
from datetime import date
from uuid import uuid4

from pmo_shared.events import governance as g
from tests.integration.reporting.capacity.stream import at
from tests.integration.reporting.risk.scenario import (
    P1,
    P2,
    PORTFOLIO_A,
    R1,
    R2,
    R4,
    assessed,
    register,
)

MANAGER_A = {"roles": ["portfolio_manager"], "portfolios": [PORTFOLIO_A]}


def cells(body):
    return [(c["probability"], c["impact"], c["risks"]) for c in body["cells"]]


async def test_the_heat_map_counts_open_risks_by_their_latest_residual_assessment(reporting):
    await reporting.publish(*register())
    body = (await reporting.get("/v1/risk-exposure/heat-map")).json()
    assert (body["stage"], body["risks_counted"]) == ("residual", 3)
    assert cells(body) == [("0.7", "0.8", 1), ("0.5", "0.4", 2)]


async def test_a_portfolio_manager_sees_only_the_risks_of_their_portfolio(reporting):
    await reporting.publish(*register())
    body = (await reporting.get("/v1/risk-exposure/heat-map", claims=MANAGER_A)).json()
    assert cells(body) == [("0.5", "0.4", 2)]


async def test_emv_is_summed_per_project_and_portfolio_against_contingency(reporting):
    await reporting.publish(*register())
    body = (await reporting.get("/v1/risk-exposure/emv")).json()
    projects = {row["project_id"]: row for row in body["projects"]}
    assert projects[str(P1)]["emv"] == {"amount": "15000", "currency": "EUR", "reason": None}
    assert projects[str(P1)]["contingency"]["amount"] == "20000"
    assert projects[str(P1)]["emv_to_contingency"] == {"value": "0.7500", "reason": None}
    assert projects[str(P2)]["contingency"]["amount"] is None
    assert projects[str(P2)]["emv_to_contingency"]["value"] is None
    assert "contingency" in projects[str(P2)]["emv_to_contingency"]["reason"]
    assert sorted(row["emv"]["amount"] for row in body["portfolios"]) == ["15000", "30000"]


async def test_portfolio_totals_of_a_portfolio_manager_cover_only_their_projects(reporting):
    await reporting.publish(*register())
    body = (await reporting.get("/v1/risk-exposure/emv", claims=MANAGER_A)).json()
    assert [row["project_id"] for row in body["projects"]] == [str(P1)]
    assert [(row["portfolio_id"], row["emv"]["amount"]) for row in body["portfolios"]] == [
        (str(PORTFOLIO_A), "15000")]


async def test_a_reassessment_recorded_later_changes_emv_only_from_its_record_time(reporting):
    await reporting.publish(*register())
    await reporting.publish((assessed(R1, P1, "0.1", "0.4", "2000", on=date(2027, 1, 20)),
                             at("2027-01-21T09:00")))

    def p1(response):
        return {row["project_id"]: row for row in response.json()["projects"]}[str(P1)]

    before = await reporting.get("/v1/risk-exposure/emv", as_known_at="2027-01-20T00:00Z")
    now = await reporting.get("/v1/risk-exposure/emv")
    earlier_status = await reporting.get("/v1/risk-exposure/emv", as_of="2027-01-15")
    assert p1(before)["emv"]["amount"] == "15000"
    assert p1(now)["emv"]["amount"] == "7000"
    assert p1(earlier_status)["emv"]["amount"] == "15000"


async def test_top_risks_are_ranked_by_score_then_risk_id_and_paginate(reporting):
    await reporting.publish(*register())
    first = (await reporting.get("/v1/risk-exposure/top-risks", limit=2)).json()
    rest = (await reporting.get("/v1/risk-exposure/top-risks", limit=2,
                                cursor=first["next_cursor"])).json()
    assert [(r["risk_id"], r["score"]) for r in first["items"]] == [
        (str(R4), "0.56"), (str(R1), "0.2")]
    assert [r["risk_id"] for r in rest["items"]] == [str(R2)]
    assert rest["next_cursor"] is None


async def test_the_score_history_lists_every_assessment_oldest_first(reporting):
    await reporting.publish(*register())
    await reporting.publish((assessed(R1, P1, "0.1", "0.4", "2000", on=date(2027, 1, 20)),
                             at("2027-01-21T09:00")))
    body = (await reporting.get(f"/v1/risk-exposure/risks/{R1}/score-history")).json()
    assert [(p["assessed_on"], p["score"]) for p in body["points"]] == [
        ("2027-01-10", "0.2"), ("2027-01-20", "0.04")]


async def test_the_score_history_of_a_risk_in_a_foreign_project_is_not_found(reporting):
    await reporting.publish(*register())
    response = await reporting.get(f"/v1/risk-exposure/risks/{R4}/score-history",
                                   claims=MANAGER_A)
    assert response.status_code == 404


async def test_compliance_shows_each_projects_latest_evaluation_as_of_the_status_date(reporting):
    await reporting.publish(*register())
    missing = uuid4()
    await reporting.publish(
        (g.ComplianceEvaluated(project_id=P1, mandatory_items=3, attested_items=2,
                               missing_item_ids=[missing], compliant=False), at("2027-01-05T10:00")),
        (g.ComplianceEvaluated(project_id=P1, mandatory_items=3, attested_items=3,
                               missing_item_ids=[], compliant=True), at("2027-01-12T10:00")))

    earlier = (await reporting.get("/v1/compliance", as_of="2027-01-08")).json()
    now = {row["project_id"]: row for row in (await reporting.get("/v1/compliance")).json()["items"]}

    assert [(row["status"], row["missing_item_ids"]) for row in earlier["items"]
            if row["project_id"] == str(P1)] == [("non_compliant", [str(missing)])]
    assert (now[str(P1)]["status"], now[str(P1)]["attested_items"]) == ("compliant", 3)
    assert now[str(P2)]["status"] == "not_evaluated"
