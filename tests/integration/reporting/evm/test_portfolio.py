"""Portfolio earned value and portfolio health: sums, scoping by access, filters, sort, pages."""
from datetime import date
from uuid import uuid4

from tests.integration.reporting.evm.feed import Project, at
from tests.support.apps import auth

T0 = at("2026-01-02T09:00")


async def portfolio_of_three(feed):
    """Portfolio P holds A (spent 500 of 1000, on plan) and B (nothing spent); C is elsewhere."""
    mine, other = uuid4(), uuid4()
    projects = [Project(feed, portfolio_id=mine), Project(feed, portfolio_id=mine),
                Project(feed, portfolio_id=other)]
    for index, project in enumerate(projects):
        await project.charter(recorded_at=T0, code=f"P-{index}", budget="1000")
        task = await project.task(recorded_at=T0, start=date(2026, 1, 5),
                                  finish=date(2026, 1, 16), cost="1000")
        if index == 0:
            await project.progress(task, recorded_at=T0, status_on=date(2026, 1, 9),
                                   percent="50")
            await project.expense(recorded_at=T0, spent_on=date(2026, 1, 9), amount="400")
    return mine, projects


def headers_for_manager_of(reporting, portfolio_id):
    return auth(reporting.keys, roles=["portfolio_manager"], portfolios=[portfolio_id])


async def test_portfolio_totals_sum_only_the_projects_of_the_portfolio(reporting, feed):
    mine, _ = await portfolio_of_three(feed)
    response = await reporting.get(f"/v1/evm/portfolios/{mine}", headers=reporting.admin,
                                   params={"as_of": "2026-01-09", **feed.wait_params()})
    body = response.json()
    assert body["projects"] == 2
    [eur] = body["totals"]
    assert (eur["currency"], eur["bac"], eur["pv"], eur["ev"], eur["ac"]) == (
        "EUR", "2000.00", "1000.00", "500.00", "400.00")
    assert (eur["cpi"]["value"], eur["spi"]["value"]) == ("1.2500", "0.5000")


async def test_a_portfolio_manager_sees_totals_of_their_portfolio_only(reporting, feed):
    mine, _ = await portfolio_of_three(feed)
    await reporting.get("/v1/evm/all", headers=reporting.admin, params=feed.wait_params())
    response = await reporting.get("/v1/evm/all", headers=headers_for_manager_of(reporting, mine),
                                   params={"as_of": "2026-01-09"})
    assert (response.json()["projects"], response.json()["totals"][0]["bac"]) == (2, "2000.00")
    everything = await reporting.get("/v1/evm/all", headers=reporting.admin,
                                     params={"as_of": "2026-01-09"})
    assert everything.json()["totals"][0]["bac"] == "3000.00"


async def test_health_rows_carry_rag_indices_risks_and_staffing_gaps(reporting, feed):
    mine, (a, b, _) = await portfolio_of_three(feed)
    await a.status_report(recorded_at=T0, period_end_on=date(2026, 1, 9), overall="red")
    await a.risk(recorded_at=T0, score="0.56")
    await a.risk(recorded_at=T0, score="0.07")
    await b.staffing_request(recorded_at=T0)
    response = await reporting.get("/v1/portfolio/health", headers=reporting.admin, params={
        "portfolio_id": str(mine), "as_of": "2026-01-09", **feed.wait_params()})
    assert response.status_code == 200, response.text
    rows = {row["code"]: row for row in response.json()["items"]}
    assert (rows["P-0"]["rag"], rows["P-0"]["open_high_risks"], rows["P-0"]["cpi"]["value"],
            rows["P-0"]["eac"]["value"]) == ("red", 1, "1.2500", "800.00")
    assert (rows["P-1"]["rag"], rows["P-1"]["staffing_gaps"], rows["P-1"]["cpi"]["reason"]) == (
        None, 1, "AC is 0: nothing spent yet")


async def test_health_rag_as_known_before_the_report_is_empty(reporting, feed):
    mine, (a, _, _) = await portfolio_of_three(feed)
    await a.status_report(recorded_at=at("2026-01-12T09:00"), period_end_on=date(2026, 1, 9),
                          overall="amber")
    params = {"portfolio_id": str(mine), "as_of": "2026-01-09", "sort": "code"}
    await reporting.get("/v1/portfolio/health", headers=reporting.admin,
                        params={**params, **feed.wait_params()})
    then = await reporting.get("/v1/portfolio/health", headers=reporting.admin,
                               params={**params, "as_known_at": "2026-01-10T00:00:00Z"})
    now = await reporting.get("/v1/portfolio/health", headers=reporting.admin, params=params)
    assert (then.json()["items"][0]["rag"], now.json()["items"][0]["rag"]) == (None, "amber")


async def test_health_pages_follow_the_sort_with_nulls_last(reporting, feed):
    await portfolio_of_three(feed)
    first = await reporting.get("/v1/portfolio/health", headers=reporting.admin, params={
        "sort": "-cpi", "limit": 2, "as_of": "2026-01-09", **feed.wait_params()})
    body = first.json()
    second = await reporting.get("/v1/portfolio/health", headers=reporting.admin, params={
        "sort": "-cpi", "limit": 2, "as_of": "2026-01-09", "cursor": body["next_cursor"]})
    codes = [row["code"] for row in body["items"] + second.json()["items"]]
    assert (codes[0], sorted(codes), body["total"]) == ("P-0", ["P-0", "P-1", "P-2"], 3)
    assert second.json()["next_cursor"] is None


async def test_a_cursor_of_another_sort_is_a_400_problem(reporting, feed):
    await portfolio_of_three(feed)
    first = await reporting.get("/v1/portfolio/health", headers=reporting.admin, params={
        "sort": "code", "limit": 1, **feed.wait_params()})
    other = await reporting.get("/v1/portfolio/health", headers=reporting.admin, params={
        "sort": "name", "cursor": first.json()["next_cursor"]})
    assert other.status_code == 400
    assert other.json()["type"].endswith("invalid-cursor")


async def test_health_filters_by_rag(reporting, feed):
    mine, (a, _, _) = await portfolio_of_three(feed)
    await a.status_report(recorded_at=T0, period_end_on=date(2026, 1, 9), overall="green")
    response = await reporting.get("/v1/portfolio/health", headers=reporting.admin, params={
        "rag": "green", "as_of": "2026-01-09", **feed.wait_params()})
    assert [row["code"] for row in response.json()["items"]] == ["P-0"]
