"""The StatusReport aggregate: one periodic RAG report of a project, immutable once submitted."""
from __future__ import annotations

from typing import Self
from uuid import UUID

from pmo_projects.commands import SubmitStatusReport
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import StatusReportSubmitted
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent


class StatusReport(Aggregate):
    aggregate_type = "status_report"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.report: StatusReportSubmitted | None = None

    @classmethod
    def submit(cls, report_id: UUID, project_id: UUID, cmd: SubmitStatusReport) -> Self:
        report = cls(report_id)
        report._record(StatusReportSubmitted(
            project_id=project_id, report_id=report_id, period_end_on=cmd.period_end_on,
            schedule=cmd.schedule, cost=cmd.cost, scope=cmd.scope,  # type: ignore[arg-type]
            overall=cmd.overall, comment=cmd.comment))  # type: ignore[arg-type]
        return report

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case StatusReportSubmitted():
                self.report = event
            case _:
                raise UnknownEvent(event.event_type)
