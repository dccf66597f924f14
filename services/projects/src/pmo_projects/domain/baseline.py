"""The Baseline aggregate: an immutable snapshot of the plan, with each task's monthly spread.

It has exactly one event and no command after capture: immutability is structural."""
from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Self
from uuid import UUID

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import BaselineCaptured, BaselineTask, SpreadPeriod
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.money import Money

# Money amounts carry four decimals; the last period absorbs the rounding so the sum is exact.
_PLACES = Decimal("0.0001")


@dataclass(frozen=True)
class PlannedTask:
    task_id: UUID
    wbs_code: str
    planned_start_on: date
    planned_finish_on: date
    planned_cost: Money
    earning_rule: str
    planned_effort_hours: Decimal


def _month_start(day: date) -> date:
    return day.replace(day=1)


def _next_month(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1]) + timedelta(days=1)


def monthly_spread(cost: Money, start: date, finish: date) -> list[SpreadPeriod]:
    """Spreads a budget linearly over calendar days, one period per month touched."""
    total_days = Decimal((finish - start).days + 1)
    periods: list[SpreadPeriod] = []
    month, spent = _month_start(start), Decimal(0)
    while month <= finish:
        first, last = max(month, start), min(_next_month(month) - timedelta(days=1), finish)
        share = (cost.amount * Decimal((last - first).days + 1) / total_days).quantize(
            _PLACES, rounding=ROUND_HALF_EVEN)
        periods.append(SpreadPeriod(period_start_on=month,
                                    amount=Money(amount=share, currency=cost.currency)))
        spent += share
        month = _next_month(month)
    if periods and spent != cost.amount:
        last_period = periods[-1]
        periods[-1] = SpreadPeriod(period_start_on=last_period.period_start_on, amount=Money(
            amount=last_period.amount.amount + cost.amount - spent, currency=cost.currency))
    return periods


def budget_at_completion(tasks: Sequence[PlannedTask], currency: str) -> Money:
    return Money(amount=sum((t.planned_cost.amount for t in tasks), Decimal(0)),
                 currency=currency)


class Baseline(Aggregate):
    aggregate_type = "baseline"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.captured: BaselineCaptured | None = None

    @classmethod
    def capture(cls, baseline_id: UUID, project_id: UUID, *, name: str, reason: str,
                change_request_id: UUID | None, number: int, currency: str,
                tasks: Sequence[PlannedTask]) -> Self:
        baseline = cls(baseline_id)
        baseline._record(BaselineCaptured(
            project_id=project_id, baseline_id=baseline_id, name=name, reason=reason,
            change_request_id=change_request_id, number=number,
            budget_at_completion=budget_at_completion(tasks, currency),
            tasks=[BaselineTask(
                task_id=t.task_id, wbs_code=t.wbs_code, planned_start_on=t.planned_start_on,
                planned_finish_on=t.planned_finish_on, budget=t.planned_cost,
                earning_rule=t.earning_rule,  # type: ignore[arg-type]
                planned_effort_hours=t.planned_effort_hours,
                spread=monthly_spread(t.planned_cost, t.planned_start_on, t.planned_finish_on),
            ) for t in tasks]))
        return baseline

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case BaselineCaptured():
                self.captured = event
            case _:
                raise UnknownEvent(event.event_type)
