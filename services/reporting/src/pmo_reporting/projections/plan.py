"""rm_task_plans, rm_baselines, rm_milestones: the live plan, captured baselines and milestones,
bitemporal so a report can use the plan as it was known at any moment."""
from __future__ import annotations

from sqlalchemy import Connection, select

from pmo_reporting.bitemporal import inserting
from pmo_reporting.deferred import DeferringProjection
from pmo_reporting.ids import id_text, text
from pmo_reporting.projections.facts import supersede, to_e4
from pmo_reporting.tables import rm_baselines, rm_milestones, rm_task_plans
from pmo_shared.envelope import Envelope
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import (
    BaselineCaptured,
    MilestonePlanned,
    MilestoneReached,
    MilestoneRescheduled,
    TaskPlanned,
    TaskReplanned,
)


class PlanProjection(DeferringProjection):
    name = "plan"
    handles = (TaskPlanned, TaskReplanned, BaselineCaptured, MilestonePlanned,
               MilestoneRescheduled, MilestoneReached)

    def apply(self, conn: Connection, envelope: Envelope, event: DomainEvent) -> None:
        match event:
            case TaskPlanned() | TaskReplanned():
                self._live_task(conn, envelope, event)
            case BaselineCaptured():
                self._baseline(conn, envelope, event)
            case MilestonePlanned() | MilestoneRescheduled():
                self._milestone(conn, envelope, event, reached_on=None)
            case MilestoneReached():
                self._milestone(conn, envelope, event, reached_on=event.reached_on)

    def _live_task(self, conn: Connection, envelope: Envelope,
                   event: TaskPlanned | TaskReplanned) -> None:
        project_id = id_text(event.project_id)
        # A planned task has no earlier version to close.
        self.writes.replace(conn, rm_task_plans, {"plan_id": project_id, "task_id": id_text(event.task_id)}, {
            "project_id": project_id, "parent_task_id": text(event.parent_task_id),
            "start_on": event.planned_start_on, "finish_on": event.planned_finish_on,
            "budget_e4": to_e4(event.planned_cost.amount),
            "currency": event.planned_cost.currency, "earning_rule": event.earning_rule,
            "effort_hours": event.planned_effort_hours}, envelope.time,
            supersede=isinstance(event, TaskReplanned))

    def _baseline(self, conn: Connection, envelope: Envelope, event: BaselineCaptured) -> None:
        baseline_id, project_id = str(event.baseline_id), str(event.project_id)
        inserting(rm_baselines).executemany(conn, [{
            "baseline_id": baseline_id, "project_id": project_id, "name": event.name,
            "bac_e4": to_e4(event.budget_at_completion.amount),
            "currency": event.budget_at_completion.currency, "recorded_at": envelope.time}])
        for task in event.tasks:  # a captured baseline is never revised
            self.writes.replace(conn, rm_task_plans, {"plan_id": baseline_id, "task_id": str(task.task_id)}, {
                "project_id": project_id, "parent_task_id": None, "start_on": task.planned_start_on,
                "finish_on": task.planned_finish_on, "budget_e4": to_e4(task.budget.amount),
                "currency": task.budget.currency, "earning_rule": task.earning_rule,
                "effort_hours": task.planned_effort_hours}, envelope.time, supersede=False)

    @staticmethod
    def _milestone(conn: Connection, envelope: Envelope,
                   event: MilestonePlanned | MilestoneRescheduled | MilestoneReached,
                   reached_on: object) -> None:
        milestone_id = str(event.milestone_id)
        current = conn.execute(select(rm_milestones).where(
            rm_milestones.c.milestone_id == milestone_id,
            rm_milestones.c.superseded_at.is_(None))).first()
        supersede(conn, rm_milestones, envelope.time, milestone_id=milestone_id)
        due_on = getattr(event, "due_on", None) or (current.due_on if current else reached_on)
        inserting(rm_milestones).executemany(conn, [{
            "milestone_id": milestone_id, "project_id": str(event.project_id),
            "task_id": text(event.task_id) or (current.task_id if current else None),
            "weight": event.weight if event.weight or current is None else current.weight,
            "due_on": due_on,
            "reached_on": reached_on or (current.reached_on if current else None),
            "recorded_at": envelope.time}])
