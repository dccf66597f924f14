"""As known at a moment, projects are grouped and filtered as they were then: a project moved to
another program, or chartered later, does not rewrite what the PMO saw; access follows today's
rights."""
from datetime import date
from uuid import uuid4

from pmo_shared.events.projects import ProjectMoved, ProjectPhaseChanged
from tests.integration.reporting.evm.feed import Project, at
from tests.support.apps import auth

T0, T1, T2 = at("2026-01-02T09:00"), at("2026-02-02T09:00"), at("2026-03-02T09:00")
BEFORE_MOVE = {"as_of": "2026-01-09", "as_known_at": "2026-01-15T00:00:00Z"}
NOW = {"as_of": "2026-01-09"}


async def program_with_two(feed):
    """Program A holds X (BAC 1000) and Y (BAC 3000); Y moves to program B at T1."""
    program_a, program_b = uuid4(), uuid4()
    x, y = Project(feed, program_id=program_a), Project(feed, program_id=program_a)
    for index, (project, cost) in enumerate([(x, "1000"), (y, "3000")]):
        await project.charter(recorded_at=T0, code=f"H-{index}", budget=cost)
        await project.task(recorded_at=T0, start=date(2026, 1, 5), finish=date(2026, 1, 16),
                           cost=cost)
    await feed.publish(ProjectMoved(project_id=y.project_id, portfolio_id=None,
                                    program_id=program_b, from_program_id=program_a),
                       recorded_at=T1, aggregate_id=y.project_id)
    return program_a, program_b, x, y


async def program_bac(reporting, feed, program_id, params):
    response = await reporting.get(f"/v1/evm/programs/{program_id}", headers=reporting.admin,
                                   params={**params, **feed.wait_params()})
    body = response.json()
    return body["projects"], [group["bac"] for group in body["totals"]]


async def test_a_moved_project_counts_in_its_old_program_as_known_before_the_move(reporting, feed):
    program_a, program_b, _, _ = await program_with_two(feed)
    assert await program_bac(reporting, feed, program_a, NOW) == (1, ["1000.00"])
    assert await program_bac(reporting, feed, program_b, NOW) == (1, ["3000.00"])
    assert await program_bac(reporting, feed, program_a, BEFORE_MOVE) == (2, ["4000.00"])
    assert await program_bac(reporting, feed, program_b, BEFORE_MOVE) == (0, [])


async def test_a_project_chartered_later_is_absent_as_known_before_its_charter(reporting, feed):
    program_a, _, _, _ = await program_with_two(feed)
    late = Project(feed, program_id=program_a)
    await late.charter(recorded_at=T2, code="H-late", budget="500")
    assert await program_bac(reporting, feed, program_a, NOW) == (2, ["1500.00"])
    assert await program_bac(reporting, feed, program_a, BEFORE_MOVE) == (2, ["4000.00"])
    response = await reporting.get(f"/v1/evm/projects/{late.project_id}", headers=reporting.admin,
                                   params=BEFORE_MOVE)
    assert response.status_code == 404


async def test_health_filters_on_the_phase_known_then(reporting, feed):
    _, _, x, _ = await program_with_two(feed)
    await feed.publish(ProjectPhaseChanged(project_id=x.project_id, from_phase="proposed",
                                           to_phase="executing", changed_on=date(2026, 2, 2)),
                       recorded_at=T1, aggregate_id=x.project_id)
    codes = {}
    for name, params in (("now", NOW), ("before", BEFORE_MOVE)):
        response = await reporting.get("/v1/portfolio/health", headers=reporting.admin, params={
            **params, "phase": "executing", **feed.wait_params()})
        codes[name] = [row["code"] for row in response.json()["items"]]
    assert codes == {"now": ["H-0"], "before": []}


async def test_access_follows_the_portfolio_a_project_is_in_today(reporting, feed):
    old, new = uuid4(), uuid4()
    project = Project(feed, portfolio_id=old)
    await project.charter(recorded_at=T0, code="H-acc", budget="700")
    await feed.publish(ProjectMoved(project_id=project.project_id, portfolio_id=new,
                                    program_id=None, from_portfolio_id=old),
                       recorded_at=T1, aggregate_id=project.project_id)
    await reporting.get("/v1/evm/all", headers=reporting.admin, params=feed.wait_params())
    seen = {}
    for name, portfolio in (("old manager", old), ("new manager", new)):
        headers = auth(reporting.keys, roles=["portfolio_manager"], portfolios=[portfolio])
        response = await reporting.get(f"/v1/evm/portfolios/{old}", headers=headers,
                                       params=BEFORE_MOVE)
        seen[name] = response.json()["projects"]
    assert seen == {"old manager": 0, "new manager": 1}


async def test_program_series_as_known_before_the_move_include_the_moved_project(reporting, feed):
    program_a, _, _, _ = await program_with_two(feed)
    counts = {}
    for name, params in (("now", NOW), ("before", BEFORE_MOVE)):
        response = await reporting.get(f"/v1/evm/programs/{program_a}/series", headers=reporting.admin,
                                       params={**params, "from": "2026-01-05", "to": "2026-01-16",
                                               **feed.wait_params()})
        counts[name] = response.json()["projects"]
    assert counts == {"now": 1, "before": 2}
