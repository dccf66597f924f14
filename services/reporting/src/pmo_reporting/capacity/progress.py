"""ProgressProjection: tasks' planned effort and progress reports, bitemporal, for velocity.
A report for a (task, status date) already reported supersedes it; a back-dated report is a new
fact recorded later, so views as known before it do not see it."""
from __future__ import annotations

from sqlalchemy import Connection

from pmo_reporting.capacity.tables import rm_vel_progress, rm_vel_tasks
from pmo_reporting.capacity.units import to_e4
from pmo_reporting.deferred import DeferringProjection
from pmo_reporting.ids import id_text
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import ProgressReported, TaskPlanned, TaskReplanned


class VelocityProjection(DeferringProjection):
    name = "velocity"
    handles = (TaskPlanned, TaskReplanned, ProgressReported)

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case TaskPlanned() | TaskReplanned():
                self.writes.replace(conn, rm_vel_tasks, {"task_id": id_text(event.task_id)}, {
                    "project_id": id_text(event.project_id),
                    "planned_effort_e4": to_e4(event.planned_effort_hours)}, envelope.time,
                    supersede=isinstance(event, TaskReplanned))  # a task is planned once
            case ProgressReported():
                self.writes.replace(conn, rm_vel_progress,
                                    {"task_id": id_text(event.task_id), "status_on": event.status_on},
                                    {"project_id": id_text(event.project_id),
                                     "percent_e4": to_e4(event.percent_complete)}, envelope.time)
