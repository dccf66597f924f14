"""The Expense aggregate: one non-labour actual cost entry and its corrections."""
from __future__ import annotations

from datetime import date
from typing import Self
from uuid import UUID

from pmo_projects.commands import CorrectExpense, RecordExpense
from pmo_projects.domain.errors import DateInFuture, InvalidProgress
from pmo_projects.domain.money import ensure_currency
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import ExpenseCorrected, ExpenseRecorded
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.money import Money


class NonPositiveAmount(InvalidProgress):
    problem_type = "non-positive-amount"
    title = "An expense amount must be above zero"


def _check(spent_on: date, amount: Money, currency: str, today: date) -> None:
    ensure_currency(amount, currency, pointer="#/amount/currency")
    if amount.amount <= 0:
        raise NonPositiveAmount(f"amount {amount} is not above zero", pointer="#/amount/amount")
    if spent_on > today:
        raise DateInFuture(f"spent_on {spent_on} is after today {today}", pointer="#/spent_on")


class Expense(Aggregate):
    aggregate_type = "expense"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.entry: ExpenseRecorded | None = None

    @classmethod
    def record(cls, expense_id: UUID, project_id: UUID, cmd: RecordExpense, *, currency: str,
               today: date) -> Self:
        _check(cmd.spent_on, cmd.amount, currency, today)
        expense = cls(expense_id)
        expense._record(ExpenseRecorded(
            project_id=project_id, expense_id=expense_id, spent_on=cmd.spent_on,
            amount=cmd.amount, category=cmd.category, task_id=cmd.task_id,
            description=cmd.description))
        return expense

    def correct(self, cmd: CorrectExpense, today: date) -> None:
        assert self.entry is not None
        _check(cmd.spent_on, cmd.amount, self.entry.amount.currency, today)
        self._record(ExpenseCorrected(
            project_id=self.entry.project_id, expense_id=self.id, spent_on=cmd.spent_on,
            amount=cmd.amount, category=cmd.category, task_id=cmd.task_id, reason=cmd.reason))

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case ExpenseRecorded():
                self.entry = event
            case ExpenseCorrected():
                assert self.entry is not None
                self.entry = self.entry.model_copy(update={
                    "spent_on": event.spent_on, "amount": event.amount,
                    "category": event.category, "task_id": event.task_id})
            case _:
                raise UnknownEvent(event.event_type)
