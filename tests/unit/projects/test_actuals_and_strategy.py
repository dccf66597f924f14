from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from pmo_projects.commands import (
    CorrectExpense,
    CreatePortfolio,
    PlanMilestone,
    RecordExpense,
)
from pmo_projects.domain.errors import (
    CurrencyNotOfProject,
    DateInFuture,
    MilestoneAlreadyReached,
    OutsideProjectDates,
    UnknownReference,
)
from pmo_projects.domain.expense import Expense, NonPositiveAmount
from pmo_projects.domain.milestone import Milestone
from pmo_projects.domain.portfolio import Portfolio, priority_score
from pmo_shared.kernel.money import Money
from tests.unit.projects.builders import TODAY, WINDOW, eur


def record(amount=None, spent_on=date(2027, 3, 1)):
    cmd = RecordExpense(spent_on=spent_on, amount=amount or eur("1200"), category="travel")
    expense = Expense.record(uuid4(), uuid4(), cmd, currency="EUR", today=TODAY)
    expense.mark_saved()
    return expense


def test_an_expense_in_another_currency_is_rejected():
    with pytest.raises(CurrencyNotOfProject):
        record(Money(amount=Decimal(10), currency="USD"))


def test_an_expense_of_zero_is_rejected():
    with pytest.raises(NonPositiveAmount) as raised:
        record(eur("0"))
    assert raised.value.extensions["pointer"] == "#/amount/amount"


def test_an_expense_dated_in_the_future_is_rejected():
    with pytest.raises(DateInFuture):
        record(spent_on=date(2027, 7, 1))


def test_a_correction_supersedes_the_amount_and_date():
    expense = record()
    expense.correct(CorrectExpense(spent_on=date(2027, 2, 27), amount=eur("1100"),
                                   category="travel", reason="invoice"), TODAY)
    assert (expense.entry.amount, expense.entry.spent_on) == (eur("1100"), date(2027, 2, 27))


def milestone():
    m = Milestone.plan(uuid4(), uuid4(), PlanMilestone(name="Go-live", due_on=date(2027, 9, 30),
                                                       weight=Decimal(25)), WINDOW)
    m.mark_saved()
    return m


def test_a_milestone_due_after_the_project_is_rejected():
    with pytest.raises(OutsideProjectDates):
        Milestone.plan(uuid4(), uuid4(), PlanMilestone(name="x", due_on=date(2028, 1, 1)), WINDOW)


def test_a_reached_milestone_cannot_be_reached_again():
    m = milestone()
    m.reach(date(2027, 6, 1), TODAY)
    with pytest.raises(MilestoneAlreadyReached):
        m.reach(date(2027, 6, 2), TODAY)
    assert m.pending_events[-1].weight == Decimal(25)


def test_the_priority_score_is_the_weighted_mean_of_the_ratings():
    weights = {"strategic_alignment": Decimal(50), "value": Decimal(50), "risk": Decimal(0)}
    ratings = {"strategic_alignment": Decimal(8), "value": Decimal(6)}
    assert priority_score(weights, ratings) == Decimal(7)


def test_a_project_missing_a_weighted_rating_has_no_score():
    assert priority_score({"value": Decimal(1), "cost": Decimal(1)}, {"value": Decimal(9)}) is None


def test_linking_to_an_objective_of_another_portfolio_is_rejected():
    portfolio = Portfolio.create(uuid4(), CreatePortfolio(name="Digital", currency="EUR"))
    portfolio.define_objective(uuid4(), "Grow", "")
    with pytest.raises(UnknownReference):
        portfolio.ensure_objective(uuid4())
