"""ActualsProjection: timesheet lines as bitemporal facts (hours and cost per person, project,
task and day); a correction supersedes the line from its record time (a line is recorded once,
so a first recording has nothing to supersede)."""
from __future__ import annotations

from sqlalchemy import Connection

from pmo_reporting.capacity.calendar import month_on, week_on
from pmo_reporting.capacity.tables import rm_cap_timesheet_lines
from pmo_reporting.capacity.units import to_e4
from pmo_reporting.deferred import DeferringProjection
from pmo_reporting.ids import id_text, text
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.resources import TimesheetLineCorrected, TimesheetLineRecorded


class ActualsProjection(DeferringProjection):
    name = "actuals"
    handles = (TimesheetLineRecorded, TimesheetLineCorrected)

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case TimesheetLineRecorded() | TimesheetLineCorrected():
                self.writes.replace(conn, rm_cap_timesheet_lines, {"line_id": id_text(event.line_id)}, {
                    "person_id": id_text(event.person_id), "project_id": id_text(event.project_id),
                    "task_id": text(event.task_id),
                    "worked_on": event.worked_on, "week_on": week_on(event.worked_on),
                    "month_on": month_on(event.worked_on), "hours_e4": to_e4(event.hours),
                    "cost_e4": to_e4(event.cost.amount), "currency": event.cost.currency,
                }, envelope.time, supersede=isinstance(event, TimesheetLineCorrected))
