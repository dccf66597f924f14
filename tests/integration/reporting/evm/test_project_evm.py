"""Earned value of one project from real envelopes: exact figures, time travel, access."""
from datetime import date

import pytest

from tests.integration.reporting.evm.feed import Project, at
from tests.support.apps import auth

STATUS_ON = "2026-01-14"  # Wednesday of week 2


async def scenario(feed):
    """Task A 1000 over 2026-01-05..16 (percent complete), task B 2000 over 2026-01-12..23
    (fifty-fifty); on 2026-01-14 PV = 800 + 600, EV = 600 + 1000, AC = 300 + 10 h x 85.50."""
    project = Project(feed)
    await project.charter(recorded_at=at("2026-01-02T09:00"), budget="3000")
    a = await project.task(recorded_at=at("2026-01-02T10:00"), start=date(2026, 1, 5),
                           finish=date(2026, 1, 16), cost="1000")
    b = await project.task(recorded_at=at("2026-01-02T10:01"), start=date(2026, 1, 12),
                           finish=date(2026, 1, 23), cost="2000", rule="fifty_fifty")
    await project.progress(a, recorded_at=at("2026-01-14T17:00"), status_on=date(2026, 1, 14),
                           percent="60")
    await project.progress(b, recorded_at=at("2026-01-13T17:00"), status_on=date(2026, 1, 13),
                           percent="10")
    await project.expense(recorded_at=at("2026-01-05T12:00"), spent_on=date(2026, 1, 5),
                          amount="300")
    await project.expense(recorded_at=at("2026-01-05T12:30"), spent_on=date(2026, 1, 5),
                          amount="50", currency="USD")
    line = await project.timesheet_line(recorded_at=at("2026-01-13T18:00"),
                                        worked_on=date(2026, 1, 13), hours="10", rate="85.50")
    return project, a, line


async def evm(reporting, feed, project, **params):
    response = await reporting.get(f"/v1/evm/projects/{project.project_id}",
                                   headers=reporting.admin,
                                   params={"as_of": STATUS_ON, **feed.wait_params(), **params})
    assert response.status_code == 200, response.text
    return response.json()


async def test_project_earned_value_reports_every_figure_exactly(reporting, feed):
    project, _, _ = await scenario(feed)
    body = await evm(reporting, feed, project)
    ev = body["earned_value"]
    assert (ev["bac"], ev["pv"], ev["ev"], ev["ac"]) == ("3000.00", "1400.00", "1600.00", "1155.00")
    assert (ev["cv"], ev["sv"]) == ("445.00", "200.00")
    assert (ev["cpi"]["value"], ev["spi"]["value"], ev["csi"]["value"]) == (
        "1.3853", "1.1429", "1.5832")
    assert (ev["cv_percent"]["value"], ev["sv_percent"]["value"]) == ("27.8125", "14.2857")
    assert (ev["eac_method"], ev["eac"]["value"], ev["etc"]["value"], ev["vac"]["value"]) == (
        "typical", "2165.62", "1010.62", "834.38")
    assert (ev["tcpi_bac"]["value"], ev["tcpi_eac"]["value"]) == ("0.7588", "1.3853")
    assert body["unconverted"] == [{"amount": "50.00", "currency": "USD"}]
    assert body["actual_hours"] == "10.00"
    assert body["rounding"].startswith("half_even")


async def test_full_precision_is_available_unrounded(reporting, feed):
    project, _, _ = await scenario(feed)
    body = await evm(reporting, feed, project, rounding="none", eac_method="atypical")
    ev = body["earned_value"]
    assert (ev["eac_method"], ev["eac"]["value"]) == ("atypical", "2555.0000")
    assert ev["tcpi_bac"]["value"] == "0.7588075880758807588075880759"


async def test_earned_schedule_is_reported_in_working_days(reporting, feed):
    project, _, _ = await scenario(feed)
    schedule = (await evm(reporting, feed, project))["earned_schedule"]
    # PV per day: 100 on days 1-5, 300 on days 6-10, so PV(8) = 1400, PV(9) = 1700: ES = 8 + 200/300
    assert (schedule["at"], schedule["es"]["value"], schedule["sv_t"]["value"]) == (
        8, "8.6667", "0.6667")


@pytest.mark.parametrize("method", ["bottom_up", "composite"])
async def test_the_eac_method_is_echoed_back(reporting, feed, method):
    project, _, _ = await scenario(feed)
    assert (await evm(reporting, feed, project, eac_method=method))["earned_value"][
        "eac_method"] == method


async def test_as_known_at_ignores_later_back_dated_corrections_and_rebaselines(reporting, feed):
    project, a, line = await scenario(feed)
    later = at("2026-01-20T09:00")
    await project.progress(a, recorded_at=later, status_on=date(2026, 1, 14), percent="40")
    await project.timesheet_line(recorded_at=later, worked_on=date(2026, 1, 13), hours="12",
                                 rate="85.50", line_id=line, reason="typo")
    await project.timesheet_line(recorded_at=later, worked_on=date(2026, 1, 12), hours="2",
                                 rate="100")
    await project.baseline(recorded_at=later, bac="4000", tasks=[
        (a, date(2026, 1, 5), date(2026, 1, 16), "1000")])

    then = (await evm(reporting, feed, project, as_known_at="2026-01-15T00:00:00Z"))["earned_value"]
    now = (await evm(reporting, feed, project))["earned_value"]

    assert (then["bac"], then["ev"], then["ac"], then["pv"]) == (
        "3000.00", "1600.00", "1155.00", "1400.00")
    assert (now["bac"], now["ev"], now["ac"], now["pv"]) == (
        "4000.00", "400.00", "1526.00", "800.00")


async def test_a_status_date_before_the_progress_report_earns_nothing(reporting, feed):
    project, _, _ = await scenario(feed)
    body = await evm(reporting, feed, project, as_of="2026-01-12")
    assert (body["earned_value"]["ev"], body["earned_value"]["ac"]) == ("0.00", "300.00")
    assert body["earned_value"]["cv_percent"] == {"value": None,
                                                  "reason": "EV is 0: nothing earned yet"}


async def test_a_caller_without_access_to_the_project_gets_404(reporting, feed):
    project, _, _ = await scenario(feed)
    await evm(reporting, feed, project)
    stranger = auth(reporting.keys, roles=["project_manager"], projects=[])
    response = await reporting.get(f"/v1/evm/projects/{project.project_id}", headers=stranger)
    assert response.status_code == 404
    assert response.json()["type"].endswith("not-found")


async def test_the_s_curve_gives_cumulative_and_per_period_values_per_week(reporting, feed):
    project, _, _ = await scenario(feed)
    await evm(reporting, feed, project)
    response = await reporting.get(
        f"/v1/evm/projects/{project.project_id}/series", headers=reporting.admin,
        params={"from": "2026-01-05", "to": "2026-01-18", "interval": "week", "burn_window": 2})
    assert response.status_code == 200, response.text
    body = response.json()
    weeks = [(p["period_end_on"], p["pv"], p["ev"], p["ac"], p["ac_in_period"])
             for p in body["points"]]
    assert weeks == [("2026-01-11", "500.00", "0.00", "300.00", "300.00"),
                     ("2026-01-18", "2000.00", "1600.00", "1155.00", "855.00")]
    assert (body["burn_rate_actual"]["value"], body["burn_rate_planned"]["value"]) == (
        "577.50", "1000.00")
    assert body["runway_periods"]["value"] == "3.1948"


async def test_a_series_longer_than_260_periods_is_rejected_naming_the_field(reporting, feed):
    project, _, _ = await scenario(feed)
    response = await reporting.get(
        f"/v1/evm/projects/{project.project_id}/series", headers=reporting.admin,
        params={"from": "2020-01-01", "to": "2026-01-18", "interval": "week"})
    assert response.status_code == 422
    assert (response.json()["type"].endswith("range-too-long"), response.json()["pointer"]) == (
        True, "#/to")
