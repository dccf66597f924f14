"""Drives reporting with real envelopes published to JetStream, with chosen record times."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import nats

from pmo_shared.envelope import Envelope, cloudevent_type
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.governance import RiskAssessed, RiskIdentified
from pmo_shared.events.projects import (
    BaselineCaptured,
    BaselineTask,
    ExpenseCorrected,
    ExpenseRecorded,
    ProgressReported,
    ProjectChartered,
    StatusReportSubmitted,
    TaskPlanned,
)
from pmo_shared.events.resources import (
    AllocationCreated,
    TimesheetLineCorrected,
    TimesheetLineRecorded,
)
from pmo_shared.kernel.money import Money
from pmo_shared.messaging.stream import subject_for


def at(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def eur(amount: str, currency: str = "EUR") -> Money:
    return Money(amount=Decimal(amount), currency=currency)


@dataclass
class Feed:
    nats_url: str
    stream: str = "PMO"
    versions: dict[str, int] = field(default_factory=dict)
    published: list[str] = field(default_factory=list)

    async def publish(self, event: DomainEvent, *, recorded_at: datetime,
                      aggregate_id: object) -> str:
        envelope = self.envelope(event, recorded_at=recorded_at, aggregate_id=aggregate_id)
        nc = await nats.connect(self.nats_url)
        try:
            await self._send(nc, event, envelope)
        finally:
            await nc.close()
        return str(envelope.id)

    async def publish_all(self, items: list[tuple[DomainEvent, datetime, object]]) -> None:
        nc = await nats.connect(self.nats_url)
        try:
            for event, recorded_at, aggregate_id in items:
                await self._send(nc, event, self.envelope(event, recorded_at=recorded_at,
                                                          aggregate_id=aggregate_id))
        finally:
            await nc.close()

    async def _send(self, nc: Any, event: DomainEvent, envelope: Envelope) -> None:
        await nc.jetstream().publish(subject_for(event.event_type), envelope.to_json(),
                                     stream=self.stream, headers={"Nats-Msg-Id": str(envelope.id)})
        self.published.append(str(envelope.id))

    def envelope(self, event: DomainEvent, *, recorded_at: datetime,
                 aggregate_id: object) -> Envelope:
        key = str(aggregate_id)
        self.versions[key] = version = self.versions.get(key, 0) + 1
        return Envelope(
            id=uuid4(), source=f"/pmo/{event.service()}", type=cloudevent_type(event.event_type),
            subject=key, time=recorded_at, aggregatetype=event.event_type.split(".")[1],
            aggregateid=key, aggregateversion=version, eventversion=event.event_version,
            actor="tester", data=event.model_dump(mode="json"),
        )

    def wait_params(self) -> dict[str, Any]:
        return {"wait_for": ",".join(self.published[-100:]), "wait_seconds": 10}


@dataclass
class Project:
    """A project builder with valid defaults: EUR, starting Monday 2027-01-04."""

    feed: Feed
    project_id: UUID = field(default_factory=uuid4)
    portfolio_id: UUID | None = None
    program_id: UUID | None = None
    currency: str = "EUR"

    async def charter(self, *, recorded_at: datetime, code: str = "EVM-1",
                      budget: str = "10000") -> None:
        await self.feed.publish(ProjectChartered(
            project_id=self.project_id, code=code, name=code, goals=["g"], sponsor_id=uuid4(),
            manager_id=uuid4(), planned_start_on=date(2027, 1, 4),
            planned_finish_on=date(2027, 6, 30), budget=eur(budget, self.currency),
            project_type="it", portfolio_id=self.portfolio_id, program_id=self.program_id,
        ), recorded_at=recorded_at, aggregate_id=self.project_id)

    async def task(self, *, recorded_at: datetime, start: date, finish: date, cost: str,
                   rule: str = "percent_complete", task_id: UUID | None = None) -> UUID:
        task_id = task_id or uuid4()
        await self.feed.publish(TaskPlanned(
            project_id=self.project_id, task_id=task_id, parent_task_id=None, wbs_code="1",
            name="task", planned_start_on=start, planned_finish_on=finish,
            planned_effort_hours=Decimal("80"), planned_cost=eur(cost, self.currency),
            earning_rule=rule,  # type: ignore[arg-type]
        ), recorded_at=recorded_at, aggregate_id=self.project_id)
        return task_id

    async def baseline(self, *, recorded_at: datetime, bac: str,
                       tasks: list[tuple[UUID, date, date, str]]) -> UUID:
        baseline_id = uuid4()
        await self.feed.publish(BaselineCaptured(
            project_id=self.project_id, baseline_id=baseline_id, name="B", reason="r",
            change_request_id=None, budget_at_completion=eur(bac, self.currency),
            tasks=[BaselineTask(task_id=task_id, wbs_code="1", planned_start_on=start,
                                planned_finish_on=finish, budget=eur(cost, self.currency),
                                earning_rule="percent_complete", planned_effort_hours=Decimal(8))
                   for task_id, start, finish, cost in tasks],
        ), recorded_at=recorded_at, aggregate_id=self.project_id)
        return baseline_id

    async def progress(self, task_id: UUID, *, recorded_at: datetime, status_on: date,
                       percent: str) -> None:
        await self.feed.publish(ProgressReported(
            project_id=self.project_id, task_id=task_id, status_on=status_on,
            percent_complete=Decimal(percent),
        ), recorded_at=recorded_at, aggregate_id=self.project_id)

    async def expense(self, *, recorded_at: datetime, spent_on: date, amount: str,
                      currency: str | None = None, expense_id: UUID | None = None,
                      corrected: bool = False) -> UUID:
        expense_id = expense_id or uuid4()
        cls = ExpenseCorrected if corrected else ExpenseRecorded
        await self.feed.publish(cls(
            project_id=self.project_id, expense_id=expense_id, spent_on=spent_on,
            amount=eur(amount, currency or self.currency), category="travel",
        ), recorded_at=recorded_at, aggregate_id=self.project_id)
        return expense_id

    async def timesheet_line(self, *, recorded_at: datetime, worked_on: date, hours: str,
                             rate: str, line_id: UUID | None = None,
                             reason: str | None = None) -> UUID:
        line_id = line_id or uuid4()
        fields = dict(
            timesheet_id=uuid4(), line_id=line_id, person_id=uuid4(), project_id=self.project_id,
            worked_on=worked_on, hours=Decimal(hours), hourly_rate=eur(rate, self.currency),
            cost=eur(str(Decimal(hours) * Decimal(rate)), self.currency),
        )
        event = (TimesheetLineRecorded(**fields) if reason is None
                 else TimesheetLineCorrected(**fields, reason=reason))
        await self.feed.publish(event, recorded_at=recorded_at, aggregate_id=line_id)
        return line_id

    async def status_report(self, *, recorded_at: datetime, period_end_on: date,
                            overall: str) -> None:
        await self.feed.publish(StatusReportSubmitted(
            project_id=self.project_id, report_id=uuid4(), period_end_on=period_end_on,
            schedule=overall, cost=overall, scope=overall, overall=overall,  # type: ignore[arg-type]
            comment="",
        ), recorded_at=recorded_at, aggregate_id=self.project_id)

    async def risk(self, *, recorded_at: datetime, score: str) -> UUID:
        risk_id = uuid4()
        await self.feed.publish(RiskIdentified(
            risk_id=risk_id, project_id=self.project_id, title="late vendor", description="",
            category="supplier", owner_id=uuid4(),
        ), recorded_at=recorded_at, aggregate_id=risk_id)
        await self.feed.publish(RiskAssessed(
            risk_id=risk_id, project_id=self.project_id, stage="inherent",
            probability=Decimal("0.7"), impact=Decimal("0.8"), score=Decimal(score),
            assessed_on=recorded_at.date(),
        ), recorded_at=recorded_at, aggregate_id=risk_id)
        return risk_id

    async def staffing_request(self, *, recorded_at: datetime) -> UUID:
        allocation_id = uuid4()
        await self.feed.publish(AllocationCreated(
            allocation_id=allocation_id, project_id=self.project_id, role="engineer",
            start_on=date(2026, 1, 5), end_on=date(2026, 3, 31), hours_per_day=Decimal(8),
            status="requested",
        ), recorded_at=recorded_at, aggregate_id=allocation_id)
        return allocation_id
