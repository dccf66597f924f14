"""rm_costs: actual costs (expenses and timesheet line costs), bitemporal; a correction closes the
previous version of the same expense or line from its record time."""
from __future__ import annotations

from sqlalchemy import Connection

from pmo_reporting.deferred import DeferringProjection
from pmo_reporting.ids import id_text, text
from pmo_reporting.projections.facts import to_e4
from pmo_reporting.tables import rm_costs
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import ExpenseCorrected, ExpenseRecorded
from pmo_shared.events.resources import TimesheetLineCorrected, TimesheetLineRecorded


class CostsProjection(DeferringProjection):
    name = "costs"
    handles = (ExpenseRecorded, ExpenseCorrected, TimesheetLineRecorded,
               TimesheetLineCorrected)

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case ExpenseRecorded() | ExpenseCorrected():
                self._record(conn, envelope, isinstance(event, ExpenseCorrected),
                             source_id=id_text(event.expense_id), kind="expense",
                             project_id=id_text(event.project_id), task_id=text(event.task_id),
                             person_id=None, incurred_on=event.spent_on, hours=None,
                             amount_e4=to_e4(event.amount.amount), currency=event.amount.currency)
            case TimesheetLineRecorded() | TimesheetLineCorrected():
                self._record(conn, envelope, isinstance(event, TimesheetLineCorrected),
                             source_id=id_text(event.line_id), kind="timesheet",
                             project_id=id_text(event.project_id), task_id=text(event.task_id),
                             person_id=id_text(event.person_id), incurred_on=event.worked_on,
                             hours=event.hours, amount_e4=to_e4(event.cost.amount),
                             currency=event.cost.currency)

    def _record(self, conn: Connection, envelope: Envelope, correction: bool, source_id: str,
                **values: object) -> None:
        # Only a correction has an earlier version to close; each event applies exactly once.
        self.writes.replace(conn, rm_costs, {"source_id": source_id}, values, envelope.time,
                            supersede=correction)
