from datetime import date
from uuid import uuid4

import pytest

from pmo_projects.commands import ChangePhase
from pmo_projects.domain.errors import GateNotApproved, PhaseNotAllowed, ProjectClosed
from pmo_projects.domain.phases import Gate
from pmo_shared.events.projects import FundingTrancheReleased, ProjectPhaseChanged
from tests.unit.projects.builders import TODAY, eur, saved_project


def move(project, *phases, gate=None):
    for phase in phases:
        project.change_phase(ChangePhase(to_phase=phase, changed_on=TODAY), gate)


def test_a_project_walks_the_whole_life_cycle_in_order():
    project = saved_project()
    move(project, "approved", "planning", "executing", "closing", "closed")
    assert project.s.phase == "closed"
    assert [e.to_phase for e in project.pending_events if isinstance(e, ProjectPhaseChanged)] == [
        "approved", "planning", "executing", "closing", "closed"]


def test_skipping_a_phase_is_rejected_naming_the_allowed_next_phases():
    project = saved_project()
    with pytest.raises(PhaseNotAllowed) as raised:
        move(project, "executing")
    assert raised.value.status == 409
    assert raised.value.extensions["allowed_next_phases"] == ["approved", "cancelled"]


def test_a_closed_project_allows_no_further_phase():
    project = saved_project()
    move(project, "approved", "planning", "executing", "closing", "closed")
    with pytest.raises(PhaseNotAllowed) as raised:
        move(project, "executing")
    assert raised.value.extensions["allowed_next_phases"] == []


def test_a_project_on_hold_resumes_only_into_the_phase_it_left_or_is_cancelled():
    project = saved_project()
    move(project, "approved", "planning", "on_hold")
    with pytest.raises(PhaseNotAllowed) as raised:
        move(project, "executing")
    assert raised.value.extensions["allowed_next_phases"] == ["planning", "cancelled"]
    move(project, "planning")
    assert (project.s.phase, project.s.held_from) == ("planning", None)


def test_entering_a_phase_whose_gate_is_not_approved_is_rejected():
    project = saved_project()
    gate = Gate(gate_id=uuid4(), decision="rejected")
    with pytest.raises(GateNotApproved) as raised:
        move(project, "approved", gate=gate)
    assert (raised.value.status, raised.value.problem_type) == (409, "gate-not-approved")
    assert raised.value.extensions["decision"] == "rejected"


def test_an_undecided_gate_blocks_the_phase_too():
    with pytest.raises(GateNotApproved):
        move(saved_project(), "approved", gate=Gate(gate_id=uuid4(), decision=None))


@pytest.mark.parametrize("decision", ["approved", "approved_with_conditions"])
def test_an_approved_gate_lets_the_project_enter_the_phase(decision):
    project = saved_project()
    gate = Gate(gate_id=uuid4(), decision=decision)
    move(project, "approved", gate=gate)
    assert project.pending_events[-1].gate_id == gate.gate_id


def test_putting_a_project_on_hold_needs_no_gate():
    project = saved_project()
    move(project, "approved")
    move(project, "on_hold", gate=Gate(gate_id=uuid4(), decision="rejected"))
    assert project.s.phase == "on_hold"


def test_entering_a_phase_releases_its_approved_funding_tranche():
    project = saved_project()
    project.approve_tranche(uuid4(), "executing", eur("40000"), TODAY)
    move(project, "approved", "planning", "executing")
    released = [e for e in project.pending_events if isinstance(e, FundingTrancheReleased)]
    assert [(e.phase, e.amount, e.released_on) for e in released] == [
        ("executing", eur("40000"), TODAY)]
    assert project.s.tranches[0].released_on == TODAY


def test_a_cancelled_project_refuses_charter_changes():
    project = saved_project()
    move(project, "cancelled")
    with pytest.raises(ProjectClosed):
        project.plan_budget_line(uuid4(), "hardware", eur("10"), "")


def test_changed_on_is_a_business_date():
    project = saved_project()
    move(project, "approved")
    assert project.pending_events[-1].changed_on == date(2027, 6, 30)
