"""rm_progress: percent complete per task and status date, bitemporal.

A later report for the same task and status date replaces the earlier one from its record time;
a back-dated report (earlier status date, recorded later) is just another fact."""
from __future__ import annotations

from sqlalchemy import Connection

from pmo_reporting.deferred import DeferringProjection
from pmo_reporting.ids import id_text
from pmo_reporting.tables import rm_progress
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import ProgressReported


class ProgressProjection(DeferringProjection):
    name = "progress"
    handles = (ProgressReported,)

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case ProgressReported():
                key = {"project_id": id_text(event.project_id), "task_id": id_text(event.task_id),
                       "status_on": event.status_on}
                self.writes.replace(conn, rm_progress, key,
                                    {"percent_complete": event.percent_complete}, envelope.time)
