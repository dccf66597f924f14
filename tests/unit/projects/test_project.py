import json
from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from pmo_projects.commands import AmendCharter, ChangePhase
from pmo_projects.domain.errors import (
    CurrencyNotOfProject,
    FinishBeforeStart,
    FundingExceedsBudget,
)
from pmo_projects.domain.project import Project
from pmo_shared.kernel.errors import Duplicate
from pmo_shared.kernel.money import Money
from tests.unit.projects.builders import TODAY, eur, saved_project


def amend(project, **overrides):
    s = project.s
    values = dict(name=s.name, goals=tuple(s.goals), sponsor_id=s.sponsor_id,
                  manager_id=s.manager_id, planned_start_on=s.planned_start_on,
                  planned_finish_on=s.planned_finish_on, budget=s.budget,
                  project_type=s.project_type)
    project.amend(AmendCharter(**{**values, **overrides}))


def test_a_charter_finishing_before_it_starts_is_rejected():
    with pytest.raises(FinishBeforeStart):
        saved_project(planned_finish_on=date(2026, 12, 31))


def test_amending_the_charter_takes_the_full_new_values():
    project = saved_project()
    amend(project, name="ERP 2", budget=eur("120000"))
    assert (project.s.name, project.s.budget, project.s.code) == ("ERP 2", eur("120000"), "ERP-1")


def test_changing_the_project_currency_is_a_currency_mismatch():
    with pytest.raises(CurrencyNotOfProject) as raised:
        amend(saved_project(), budget=Money(amount=Decimal(1), currency="USD"))
    assert raised.value.extensions["pointer"] == "#/budget/currency"


def test_moving_a_project_records_where_it_came_from():
    project = saved_project(portfolio_id=uuid4())
    before, target = project.s.portfolio_id, uuid4()
    project.move(target, None)
    event = project.pending_events[-1]
    assert (event.portfolio_id, event.from_portfolio_id) == (target, before)


def test_moving_a_project_where_it_already_is_records_nothing():
    project = saved_project()
    project.move(None, None)
    assert project.pending_events == []


def test_budget_lines_must_be_in_the_project_currency():
    with pytest.raises(CurrencyNotOfProject):
        saved_project().plan_budget_line(uuid4(), "hardware",
                                         Money(amount=Decimal(5), currency="GBP"), "")


def test_tranches_may_not_exceed_the_budget():
    project = saved_project()
    project.approve_tranche(uuid4(), "planning", eur("60000"), TODAY)
    with pytest.raises(FundingExceedsBudget):
        project.approve_tranche(uuid4(), "executing", eur("40000.01"), TODAY)


def test_a_second_tranche_for_the_same_phase_is_a_duplicate():
    project = saved_project()
    project.approve_tranche(uuid4(), "planning", eur("10"), TODAY)
    with pytest.raises(Duplicate):
        project.approve_tranche(uuid4(), "planning", eur("10"), TODAY)


def test_a_tranche_for_the_current_phase_is_released_at_once():
    project = saved_project()
    project.approve_tranche(uuid4(), "proposed", eur("500"), TODAY)
    assert project.s.tranches[0].released_on == TODAY


def test_a_project_restored_from_its_snapshot_equals_the_replayed_one():
    project = saved_project(portfolio_id=uuid4())
    project.change_phase(ChangePhase(to_phase="approved", changed_on=TODAY), None)
    project.approve_tranche(uuid4(), "planning", eur("500"), TODAY)
    project.adopt_baseline(uuid4(), "B1", eur("4500"), reason="", change_request_id=None)
    project.rate({"value": Decimal(7)})
    state = json.loads(json.dumps(project.snapshot_state()))
    restored = Project.from_snapshot(project.id, 5, state)
    assert restored.s == project.s
    assert restored.version == 5
