"""Weekly timesheets of the past weeks: hours booked on the tasks of allocated projects, then
submitted and approved; a few are rejected and fixed first, a few corrected after approval."""
from __future__ import annotations

import random
from collections import defaultdict
from datetime import date, timedelta
from decimal import Decimal

from bench.generator.model import Capture, Plan, Ref, Stream, day
from bench.generator.staffing_plan import Assignment
from bench.generator.world import Person

R = "resources"


def mondays(today: date, weeks: int) -> list[date]:
    """The last `weeks` full weeks whose working days all lie before today."""
    last = today - timedelta(days=today.weekday() + 7)
    return [last - timedelta(weeks=n) for n in reversed(range(weeks))]


def timesheets(plan: Plan, rng: random.Random, chosen: list[Assignment], today: date,
               weeks: int) -> None:
    by_person: dict[int, list[Assignment]] = defaultdict(list)
    for item in chosen:
        if item.project.ran:
            by_person[item.person.index].append(item)
    for index in sorted(by_person):
        stream = plan.stream(4, f"person.{index}.timesheets")
        for monday in mondays(today, weeks):
            lines = _lines(by_person[index][0].person, by_person[index], monday)
            if lines:
                _sheet(stream, rng, index, monday, lines)


def _lines(person: Person, items: list[Assignment], monday: date
           ) -> list[tuple[date, Assignment, Decimal]]:
    lines = []
    for offset in range(5):
        worked_on = monday + timedelta(days=offset)
        if not person.works_on(worked_on):
            continue
        capacity = Decimal(person.schedule[worked_on.weekday()])
        for item in items:
            if item.start_on <= worked_on <= item.end_on:
                lines.append((worked_on, item, min(item.hours_per_day, capacity)))
    return lines


def _task(item: Assignment, worked_on: date) -> Ref | None:
    for task in item.project.tasks:
        if task.start_on <= worked_on <= task.finish_on:
            return Ref(f"{item.project.ref}.task.{task.index}")
    return None


def _sheet(stream: Stream, rng: random.Random, person: int, monday: date,
           lines: list[tuple[date, Assignment, Decimal]]) -> None:
    name = f"timesheet.{person}.{monday}"
    stream.call(R, "POST", "/v1/timesheets", {
        "person_id": Ref(f"person.{person}"), "week_start_on": day(monday)},
        capture=name, label="timesheet")
    first = lines[0]
    line_name = f"{name}.line"
    for number, (worked_on, item, hours) in enumerate(lines):
        capture = (Capture(line_name, field="line_id", among="lines", match=(
            ("worked_on", day(worked_on)), ("project_id", Ref(item.project.ref)))),) if not number \
            else ()
        stream.call(R, "POST", f"/v1/timesheets/{{{name}}}/lines", {
            "project_id": Ref(item.project.ref), "task_id": _task(item, worked_on),
            "worked_on": day(worked_on), "hours": str(hours)}, capture=capture,
            label="timesheet line")
    stream.call(R, "POST", f"/v1/timesheets/{{{name}}}/submit", label="timesheet submitted")
    if rng.random() < 0.03:
        stream.call(R, "POST", f"/v1/timesheets/{{{name}}}/reject", {
            "reason": "hours on the wrong day"}, label="timesheet rejected")
        _correct(stream, name, line_name, first, first[2] - 1, "moved an hour")
        stream.call(R, "POST", f"/v1/timesheets/{{{name}}}/submit", label="timesheet submitted")
    stream.call(R, "POST", f"/v1/timesheets/{{{name}}}/approve", label="timesheet approved")
    if rng.random() < 0.05:
        _correct(stream, name, line_name, first, first[2] + 1, "forgot the evening call")


def _correct(stream: Stream, name: str, line_name: str,
             line: tuple[date, Assignment, Decimal], hours: Decimal, reason: str) -> None:
    worked_on, item, _ = line
    stream.call(R, "PUT", f"/v1/timesheets/{{{name}}}/lines/{{{line_name}}}", {
        "project_id": Ref(item.project.ref), "task_id": _task(item, worked_on),
        "worked_on": day(worked_on), "hours": str(max(Decimal(0), hours)), "reason": reason},
        label="timesheet line corrected")
