"""The generated plan: deterministic per seed, self-consistent, and only about the past."""
import re
from datetime import date, timedelta

from bench.generator.model import Ref
from bench.generator.plan import build_plan
from bench.generator.sizes import SIZES
from bench.generator.timesheet_plan import mondays

TODAY = date(2026, 11, 26)
SMALL = SIZES["small"]


def refs(value):
    if isinstance(value, Ref):
        yield value.name
    elif isinstance(value, dict):
        for item in value.values():
            yield from refs(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from refs(item)


def test_the_same_seed_plans_the_identical_command_list():
    assert build_plan(3, SMALL, TODAY) == build_plan(3, SMALL, TODAY)


def test_another_seed_plans_a_different_command_list():
    assert build_plan(3, SMALL, TODAY) != build_plan(4, SMALL, TODAY)


def test_every_reference_is_captured_by_an_earlier_stage_or_earlier_in_its_stream():
    captured: dict[str, tuple[int, str, int]] = {}
    for position, command in enumerate(build_plan(5, SMALL, TODAY)):
        needed = [*refs(command.body), *re.findall(r"\{([^}]+)\}", command.path)]
        for name in needed:
            stage, stream, at = captured[name]
            assert stage < command.stage or (stream == command.stream and at < position), name
        for capture in command.captures:
            captured[capture.name] = (command.stage, command.stream, position)


def test_progress_expenses_and_timesheet_days_never_lie_after_today():
    dated = {"progress": "status_on", "expense": "spent_on", "timesheet line": "worked_on",
             "milestone reached": "reached_on", "phase change": "changed_on"}
    days = [date.fromisoformat(c.body[dated[c.label]])
            for c in build_plan(6, SMALL, TODAY) if c.label in dated]

    assert max(days) <= TODAY
    assert min(days) >= TODAY - timedelta(days=470)  # approvals of the longest-running projects


def test_a_year_of_monthly_progress_reaches_back_about_twelve_months():
    status_days = {c.body["status_on"] for c in build_plan(6, SIZES["medium"], TODAY)
                   if c.label == "progress"}

    assert min(status_days) <= str(TODAY - timedelta(days=330))


def test_timesheet_weeks_start_on_mondays_before_the_current_week():
    weeks = mondays(TODAY, 8)

    assert {w.weekday() for w in weeks} == {0}
    assert (weeks[0], weeks[-1]) == (date(2026, 9, 28), date(2026, 11, 16))


def test_approvers_of_a_change_request_each_decide_as_themselves():
    plan = build_plan(7, SMALL, TODAY)
    drafted = next(c for c in plan if c.label == "change request")
    deciders = [c.actor for c in plan if c.label == "change decision"
                and c.stream == drafted.stream]

    assert deciders == [ref.name for ref in drafted.body["approver_ids"]]


def test_even_the_small_portfolio_has_a_project_in_every_life_cycle_phase():
    plan = build_plan(1, SMALL, TODAY)
    latest = {c.stream: c.body["to_phase"] for c in plan if c.label == "phase change"}
    charters = [c.stream for c in plan if c.label == "project"]

    assert sorted(latest.get(stream, "proposed") for stream in charters) == [
        "approved", "cancelled", "closed", "closing", "executing", "on_hold", "planning",
        "proposed"]


def test_more_projects_bring_more_people_and_teams():
    bigger = SMALL.with_projects(80)

    assert (bigger.projects, bigger.people, bigger.teams) == (80, 140, 9)
