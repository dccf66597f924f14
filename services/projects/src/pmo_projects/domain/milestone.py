"""The Milestone aggregate: a due date, optionally tied to a task with a weight, and reaching it."""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Self
from uuid import UUID

from pmo_projects.commands import PlanMilestone
from pmo_projects.domain.errors import DateInFuture, MilestoneAlreadyReached
from pmo_projects.domain.task import ProjectWindow, ensure_inside
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import MilestonePlanned, MilestoneReached, MilestoneRescheduled
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent


class Milestone(Aggregate):
    aggregate_type = "milestone"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.project_id: UUID | None = None
        self.name = ""
        self.due_on = date.min
        self.task_id: UUID | None = None
        self.weight = Decimal(0)
        self.reached_on: date | None = None

    @classmethod
    def plan(cls, milestone_id: UUID, project_id: UUID, cmd: PlanMilestone,
             window: ProjectWindow) -> Self:
        ensure_inside(window, cmd.due_on, cmd.due_on)
        milestone = cls(milestone_id)
        milestone._record(MilestonePlanned(
            project_id=project_id, milestone_id=milestone_id, name=cmd.name, due_on=cmd.due_on,
            task_id=cmd.task_id, weight=cmd.weight))
        return milestone

    def reschedule(self, due_on: date, window: ProjectWindow) -> None:
        assert self.project_id is not None
        self._ensure_open()
        ensure_inside(window, due_on, due_on)
        self._record(MilestoneRescheduled(
            project_id=self.project_id, milestone_id=self.id, due_on=due_on,
            task_id=self.task_id, weight=self.weight))

    def reach(self, reached_on: date, today: date) -> None:
        assert self.project_id is not None
        self._ensure_open()
        if reached_on > today:
            raise DateInFuture(f"reached_on {reached_on} is after today {today}",
                               pointer="#/reached_on")
        self._record(MilestoneReached(
            project_id=self.project_id, milestone_id=self.id, reached_on=reached_on,
            task_id=self.task_id, weight=self.weight))

    def _ensure_open(self) -> None:
        if self.reached_on is not None:
            raise MilestoneAlreadyReached(f"milestone {self.name!r} was reached on "
                                          f"{self.reached_on}", reached_on=str(self.reached_on))

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case MilestonePlanned():
                self.project_id, self.name, self.due_on = event.project_id, event.name, event.due_on
                self.task_id, self.weight = event.task_id, event.weight
            case MilestoneRescheduled():
                self.due_on = event.due_on
            case MilestoneReached():
                self.reached_on = event.reached_on
            case _:
                raise UnknownEvent(event.event_type)
