"""S-curve, burn rate and runway summed over a program, a portfolio and everything visible."""
from datetime import date
from uuid import uuid4

from tests.integration.reporting.evm.feed import Project, at
from tests.support.apps import auth

T0 = at("2026-01-02T09:00")
RANGE = {"from": "2026-01-05", "to": "2026-01-18", "interval": "week", "burn_window": 2}


async def two_portfolios(feed):
    """Portfolio P: program G with A (EUR 1000 over 01-05..16, 50 % done on 01-09, spent 400 on
    01-09 and 100 on 01-14, the latter recorded on 01-20) and B (EUR 2000 over 01-12..23, spent
    300 and 50 USD on 01-13); outside G, E (USD 500 over 01-05..09, spent 200 on 01-07).
    Portfolio Q: C (EUR 4000 over 01-05..16, spent 1000 on 01-06)."""
    p, q, g = uuid4(), uuid4(), uuid4()
    a, b = Project(feed, portfolio_id=p, program_id=g), Project(feed, portfolio_id=p, program_id=g)
    e, c = Project(feed, portfolio_id=p, currency="USD"), Project(feed, portfolio_id=q)
    plans = [(a, "1000", date(2026, 1, 5), date(2026, 1, 16)),
             (b, "2000", date(2026, 1, 12), date(2026, 1, 23)),
             (e, "500", date(2026, 1, 5), date(2026, 1, 9)),
             (c, "4000", date(2026, 1, 5), date(2026, 1, 16))]
    for index, (project, cost, start, finish) in enumerate(plans):
        await project.charter(recorded_at=T0, code=f"S-{index}", budget=cost)
        task = await project.task(recorded_at=T0, start=start, finish=finish, cost=cost)
        if project is a:
            await a.progress(task, recorded_at=at("2026-01-09T17:00"), status_on=date(2026, 1, 9),
                             percent="50")
    for project, spent_on, amount, currency, recorded in [
            (a, date(2026, 1, 9), "400", None, "2026-01-09T18:00"),
            (a, date(2026, 1, 14), "100", None, "2026-01-20T09:00"),
            (b, date(2026, 1, 13), "300", None, "2026-01-13T18:00"),
            (b, date(2026, 1, 13), "50", "USD", "2026-01-13T18:00"),
            (e, date(2026, 1, 7), "200", None, "2026-01-07T18:00"),
            (c, date(2026, 1, 6), "1000", None, "2026-01-06T18:00")]:
        await project.expense(recorded_at=at(recorded), spent_on=spent_on, amount=amount,
                              currency=currency)
    return {"P": p, "Q": q, "G": g, "A": a}


async def series(reporting, feed, path, headers=None, **params):
    response = await reporting.get(f"/v1/evm/{path}/series", headers=headers or reporting.admin,
                                   params={**RANGE, **feed.wait_params(), **params})
    assert response.status_code == 200, response.text
    return response.json()


def curves(body):
    """currency -> (projects, [(week end, pv, ev, ac)], bac, actual, planned, runway)."""
    return {s["currency"]: (s["projects"], [(p["period_end_on"], p["pv"], p["ev"], p["ac"])
                                            for p in s["points"]], s["bac"],
                            s["burn_rate_actual"]["value"], s["burn_rate_planned"]["value"],
                            s["runway_periods"]["value"]) for s in body["series"]}


PROGRAM_G = (2, [("2026-01-11", "500.00", "500.00", "400.00"),
                 ("2026-01-18", "2000.00", "500.00", "800.00")],
             "3000.00", "400.00", "1000.00", "5.5000")
PROJECT_E = (1, [("2026-01-11", "500.00", "0.00", "200.00"),
                 ("2026-01-18", "500.00", "0.00", "200.00")],
             "500.00", "100.00", "250.00", "3.0000")


async def test_a_programs_series_sums_its_projects_period_by_period(reporting, feed):
    ids = await two_portfolios(feed)
    body = await series(reporting, feed, f"programs/{ids['G']}")
    assert (body["scope"], body["scope_id"], body["projects"]) == ("program", str(ids["G"]), 2)
    assert curves(body) == {"EUR": PROGRAM_G}
    assert body["burn_window_periods"] == 2


async def test_a_portfolios_series_keeps_one_series_per_currency(reporting, feed):
    ids = await two_portfolios(feed)
    body = await series(reporting, feed, f"portfolios/{ids['P']}")
    assert (body["scope"], body["projects"]) == ("portfolio", 3)
    assert curves(body) == {"EUR": PROGRAM_G, "USD": PROJECT_E}


async def test_the_series_of_everything_covers_every_project_for_an_admin(reporting, feed):
    await two_portfolios(feed)
    body = await series(reporting, feed, "all")
    assert curves(body)["EUR"] == (3, [("2026-01-11", "2500.00", "500.00", "1400.00"),
                                       ("2026-01-18", "6000.00", "500.00", "1800.00")],
                                   "7000.00", "900.00", "3000.00", "5.7778")


async def test_a_portfolio_manager_sees_only_their_portfolio_in_every_series(reporting, feed):
    ids = await two_portfolios(feed)
    manager = auth(reporting.keys, roles=["portfolio_manager"], portfolios=[ids["P"]])
    everything = await series(reporting, feed, "all", headers=manager)
    foreign = await series(reporting, feed, f"portfolios/{ids['Q']}", headers=manager)
    assert curves(everything) == {"EUR": PROGRAM_G, "USD": PROJECT_E}
    assert (foreign["projects"], foreign["series"]) == (0, [])


async def test_a_project_manager_sees_only_their_project_in_the_program(reporting, feed):
    ids = await two_portfolios(feed)
    member = auth(reporting.keys, roles=["project_manager"], projects=[ids["A"].project_id])
    body = await series(reporting, feed, f"programs/{ids['G']}", headers=member)
    assert curves(body) == {"EUR": (1, [("2026-01-11", "500.00", "500.00", "400.00"),
                                         ("2026-01-18", "1000.00", "500.00", "500.00")],
                                    "1000.00", "250.00", "500.00", "2.0000")}


async def test_a_cost_recorded_after_the_moment_asked_is_left_out_of_the_program_series(
        reporting, feed):
    ids = await two_portfolios(feed)
    body = await series(reporting, feed, f"programs/{ids['G']}",
                        as_known_at="2026-01-19T00:00:00Z")
    assert [point[3] for point in curves(body)["EUR"][1]] == ["400.00", "700.00"]
    assert curves(body)["EUR"][3:] == ("350.00", "1000.00", "6.5714")
