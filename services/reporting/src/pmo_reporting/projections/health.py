"""rm_status_reports and rm_staffing_requests: RAG per status report and unfilled staffing
requests, the inputs of portfolio health besides earned value and risks."""
from __future__ import annotations

from sqlalchemy import Connection, insert, update

from pmo_reporting.tables import rm_staffing_requests, rm_status_reports
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import StatusReportSubmitted
from pmo_shared.events.resources import AllocationCancelled, AllocationCreated, AllocationFilled


class HealthProjection:
    name = "health"
    handles = (StatusReportSubmitted, AllocationCreated, AllocationFilled, AllocationCancelled)

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case StatusReportSubmitted():
                conn.execute(insert(rm_status_reports).values(
                    report_id=str(event.report_id), project_id=str(event.project_id),
                    period_end_on=event.period_end_on, overall=event.overall,
                    recorded_at=envelope.time,
                ))
            case AllocationCreated():
                conn.execute(insert(rm_staffing_requests).values(
                    allocation_id=str(event.allocation_id), project_id=str(event.project_id),
                    person_id=None if event.person_id is None else str(event.person_id),
                    open=event.person_id is None,
                ))
            case AllocationFilled():
                self._close(conn, event.allocation_id, person_id=str(event.person_id))
            case AllocationCancelled():
                self._close(conn, event.allocation_id)

    @staticmethod
    def _close(conn: Connection, allocation_id: object, **values: object) -> None:
        conn.execute(update(rm_staffing_requests)
                     .where(rm_staffing_requests.c.allocation_id == str(allocation_id))
                     .values(open=False, **values))
