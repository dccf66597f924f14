"""The Timesheet aggregate: one person's week of hours per project/task/day, submit and approve.

Its id is derived from (person, week), so each person has one sheet per week and two racing
first lines collide on the event store's primary key. Each project's manager approves the lines
of their project; the sheet is approved when every project is. A correction after approval is a
new event that supersedes the line from its record time: history as known earlier is kept."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Self
from uuid import NAMESPACE_URL, UUID, uuid5

from pmo_resources.commands import CorrectTimesheetLine, RecordTimesheetLine
from pmo_resources.domain.errors import DailyHoursExceeded, InvalidField, TimesheetStateConflict
from pmo_resources.domain.rates import labour_cost
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.resources import (
    TimesheetApproved,
    TimesheetLineCorrected,
    TimesheetLineRecorded,
    TimesheetOpened,
    TimesheetRejected,
    TimesheetSubmitted,
)
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent
from pmo_shared.kernel.errors import Forbidden, NotFound
from pmo_shared.kernel.money import Money

DAY_LIMIT = Decimal(24)
CENT = Decimal("0.01")
EDITABLE = {"draft", "rejected"}


def timesheet_id(person_id: UUID, week_start_on: date) -> UUID:
    return uuid5(NAMESPACE_URL, f"pmo:resources:timesheet:{person_id}:{week_start_on}")


def week_start(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass(frozen=True)
class Line:
    line_id: UUID
    project_id: UUID
    task_id: UUID | None
    worked_on: date
    hours: Decimal
    hourly_rate: Money
    cost: Money
    comment: str | None


class Timesheet(Aggregate):
    aggregate_type = "timesheet"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.person_id = UUID(int=0)
        self.week_start_on = date.min
        self.status = "draft"
        self.lines: dict[UUID, Line] = {}
        self.approved_projects: set[UUID] = set()

    @classmethod
    def open(cls, person_id: UUID, week_start_on: date) -> Self:
        if week_start_on.weekday() != 0:
            raise InvalidField("a timesheet week starts on a Monday", pointer="#/week_start_on")
        sheet = cls(timesheet_id(person_id, week_start_on))
        sheet._record(TimesheetOpened(timesheet_id=sheet.id, person_id=person_id,
                                      week_start_on=week_start_on))
        return sheet

    @property
    def project_ids(self) -> list[UUID]:
        return sorted({line.project_id for line in self.lines.values()}, key=str)

    def hours_on(self, day: date, *, besides: UUID | None = None) -> Decimal:
        return sum((x.hours for x in self.lines.values()
                    if x.worked_on == day and x.line_id != besides), Decimal(0))

    def _check_hours(self, worked_on: date, hours: Decimal, besides: UUID | None) -> None:
        if not 0 <= hours <= DAY_LIMIT or hours % CENT:
            raise InvalidField("hours are 0 to 24 in hundredths", pointer="#/hours")
        if not self.week_start_on <= worked_on <= self.week_start_on + timedelta(days=6):
            raise InvalidField("worked_on lies outside the timesheet's week", pointer="#/worked_on")
        if self.hours_on(worked_on, besides=besides) + hours > DAY_LIMIT:
            raise DailyHoursExceeded(f"more than 24 hours on {worked_on}", pointer="#/hours")

    def record_line(self, line_id: UUID, cmd: RecordTimesheetLine, hourly_rate: Money) -> None:
        self._require(EDITABLE, "record a line on")
        self._check_hours(cmd.worked_on, cmd.hours, None)
        self._record(TimesheetLineRecorded(
            timesheet_id=self.id, line_id=line_id, person_id=self.person_id,
            project_id=cmd.project_id, task_id=cmd.task_id, worked_on=cmd.worked_on,
            hours=cmd.hours, hourly_rate=hourly_rate, cost=labour_cost(cmd.hours, hourly_rate),
            comment=cmd.comment))

    def correct_line(self, cmd: CorrectTimesheetLine, hourly_rate: Money) -> None:
        self._require(EDITABLE | {"approved"}, "correct a line of")
        if cmd.line_id not in self.lines:
            raise NotFound(f"line {cmd.line_id} is not on this timesheet")
        self._check_hours(cmd.worked_on, cmd.hours, cmd.line_id)
        self._record(TimesheetLineCorrected(
            timesheet_id=self.id, line_id=cmd.line_id, person_id=self.person_id,
            project_id=cmd.project_id, task_id=cmd.task_id, worked_on=cmd.worked_on,
            hours=cmd.hours, hourly_rate=hourly_rate, cost=labour_cost(cmd.hours, hourly_rate),
            comment=cmd.comment, reason=cmd.reason))

    def submit(self) -> None:
        self._require(EDITABLE, "submit")
        if not self.lines:
            raise TimesheetStateConflict("an empty timesheet cannot be submitted",
                                         status_now=self.status)
        self._record(TimesheetSubmitted(timesheet_id=self.id, person_id=self.person_id,
                                        week_start_on=self.week_start_on,
                                        project_ids=self.project_ids))

    def _covered(self, may_decide: Callable[[UUID], bool]) -> list[UUID]:
        self._require({"submitted"}, "decide on")
        pending = [p for p in self.project_ids if p not in self.approved_projects]
        covered = [p for p in pending if may_decide(p)]
        if not covered:
            raise Forbidden("you manage none of the projects awaiting approval on this timesheet")
        return covered

    def approve(self, may_decide: Callable[[UUID], bool]) -> None:
        covered = self._covered(may_decide)
        remaining = set(self.project_ids) - self.approved_projects - set(covered)
        self._record(TimesheetApproved(
            timesheet_id=self.id, person_id=self.person_id, week_start_on=self.week_start_on,
            project_ids=covered, fully_approved=not remaining))

    def reject(self, may_decide: Callable[[UUID], bool], reason: str | None) -> None:
        covered = self._covered(may_decide)
        self._record(TimesheetRejected(
            timesheet_id=self.id, person_id=self.person_id, week_start_on=self.week_start_on,
            project_ids=covered, reason=reason))

    def _require(self, allowed: set[str], action: str) -> None:
        if self.status not in allowed:
            raise TimesheetStateConflict(f"cannot {action} a timesheet that is {self.status}",
                                         status_now=self.status)

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case TimesheetOpened():
                self.person_id, self.week_start_on = event.person_id, event.week_start_on
            case TimesheetLineRecorded() | TimesheetLineCorrected():
                self.lines[event.line_id] = Line(
                    event.line_id, event.project_id, event.task_id, event.worked_on,
                    event.hours, event.hourly_rate, event.cost, event.comment)
            case TimesheetSubmitted():
                self.status, self.approved_projects = "submitted", set()
            case TimesheetApproved():
                self.approved_projects |= set(event.project_ids)
                if event.fully_approved:
                    self.status = "approved"
            case TimesheetRejected():
                self.status, self.approved_projects = "rejected", set()
            case _:
                raise UnknownEvent(event.event_type)
