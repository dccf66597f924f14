"""Portfolio reports remember each project's figures until the project changes: a later event,
even a back-dated one, is reflected at once, and remembered answers never cross time slices."""
from datetime import date

from pmo_reporting.queries.evm_memo import memo_for
from tests.integration.reporting.evm.feed import Project, at

T0, T1 = at("2026-01-02T09:00"), at("2026-01-20T09:00")


async def totals(reporting, feed, **params):
    response = await reporting.get("/v1/evm/all", headers=reporting.admin,
                                   params={"as_of": "2026-01-09", **params, **feed.wait_params()})
    [eur] = response.json()["totals"]
    return eur["ev"], eur["ac"]


async def planned_project(feed):
    project = Project(feed)
    await project.charter(recorded_at=T0, code="M-1", budget="1000")
    task = await project.task(recorded_at=T0, start=date(2026, 1, 5), finish=date(2026, 1, 16),
                              cost="1000")
    await project.progress(task, recorded_at=T0, status_on=date(2026, 1, 9), percent="20")
    return project, task


async def test_a_remembered_project_is_recomputed_after_its_next_event(reporting, feed):
    project, task = await planned_project(feed)
    assert await totals(reporting, feed) == ("200.00", "0.00")
    await project.progress(task, recorded_at=T1, status_on=date(2026, 1, 9), percent="60")
    await project.expense(recorded_at=T1, spent_on=date(2026, 1, 7), amount="300")
    assert await totals(reporting, feed) == ("600.00", "300.00")


async def test_now_queries_share_one_entry_and_past_moments_keep_their_own(reporting, feed):
    project, task = await planned_project(feed)
    await project.progress(task, recorded_at=T1, status_on=date(2026, 1, 9), percent="70")
    memo = memo_for(reporting.app.state.read_side.database)
    assert await totals(reporting, feed) == ("700.00", "0.00")
    assert await totals(reporting, feed) == ("700.00", "0.00")
    assert memo.size == 1
    before = {"as_known_at": "2026-01-10T00:00:00Z"}
    assert await totals(reporting, feed, **before) == ("200.00", "0.00")
    assert await totals(reporting, feed) == ("700.00", "0.00")
    assert memo.size == 2
