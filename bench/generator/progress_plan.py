"""A running project's year: monthly progress per task, expenses and status reports, milestones
reached, a change request that re-baselines, and back-dated corrections of earlier figures."""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from bench.generator import governance_plan
from bench.generator.model import Ref, Stream, day, money
from bench.generator.world import CURRENCY, Project, Task

P = "projects"
CATEGORIES = ("travel", "licences", "hardware", "services", "training")
RAG = ("green", "green", "green", "amber", "amber", "red")


def milestone_tasks(project: Project) -> tuple[Task, ...]:
    tasks = project.tasks
    return (tasks[len(tasks) // 2 - 1], tasks[-1]) if len(tasks) > 1 else tasks


def month_ends(start: date, stop: date, today: date) -> list[date]:
    """Status dates: the last day of each month within the past year, up to `stop`."""
    ends, cursor = [], date(max(start, today - timedelta(days=365)).year,
                            max(start, today - timedelta(days=365)).month, 1)
    while True:
        following = date(cursor.year + cursor.month // 12, cursor.month % 12 + 1, 1)
        end = following - timedelta(days=1)
        if end > stop:
            return ends
        ends.append(end)
        cursor = following


def execution(stream: Stream, rng: random.Random, project: Project, today: date) -> None:
    stop = project.stop_on
    months = month_ends(project.start_on, stop, today)
    if project.phase in ("closing", "closed") and (not months or months[-1] < project.finish_on):
        months.append(min(stop, project.finish_on))  # the final report at completion
    reported: dict[int, Decimal] = {}
    expenses = []
    for number, status_on in enumerate(months):
        if number == len(months) // 2 and len(months) >= 3:
            governance_plan.change(stream, rng, project, status_on)
        _progress(stream, rng, project, status_on, reported)
        expenses.append(_expense(stream, rng, project, status_on, number))
        _status_report(stream, rng, project, status_on)
        _milestones(stream, project, months[number - 1] if number else project.start_on, status_on)
    if len(months) >= 2:
        _corrections(stream, rng, project, months[-2], reported, (expenses[0], months[0]))



def _percent(rng: random.Random, task: Task, status_on: date, before: Decimal) -> Decimal | None:
    if status_on < task.start_on or before == 100:
        return None
    span = max((task.finish_on - task.start_on).days, 1)
    elapsed = min(Decimal((status_on - task.start_on).days) / span, Decimal(1))
    if task.earning_rule == "zero_hundred":
        return Decimal(100) if elapsed == 1 else None
    if task.earning_rule == "fifty_fifty":
        return Decimal(100) if elapsed == 1 else Decimal(50)
    noisy = elapsed * 100 * Decimal(rng.randint(85, 105)) / 100
    return Decimal(100) if elapsed == 1 else max(before, min(Decimal(99), noisy.quantize(1)))


def _progress(stream: Stream, rng: random.Random, project: Project, status_on: date,
              reported: dict[int, Decimal]) -> None:
    for task in project.tasks:
        percent = _percent(rng, task, status_on, reported.get(task.index, Decimal(0)))
        if percent is None or percent == reported.get(task.index):
            continue
        reported[task.index] = percent
        _report(stream, project, task, status_on, percent, "monthly update")


def _report(stream: Stream, project: Project, task: Task, status_on: date, percent: Decimal,
            comment: str) -> None:
    remaining = (task.effort_hours * (100 - percent) / 100).quantize(Decimal("0.1"))
    stream.call(P, "POST", f"/v1/projects/{{{project.ref}}}/tasks/{{{project.ref}.task.{task.index}}}"
                "/progress", {"status_on": day(status_on), "percent_complete": str(percent),
                              "remaining_effort_hours": str(remaining), "comment": comment},
                label="progress")


def _expense(stream: Stream, rng: random.Random, project: Project, status_on: date,
             number: int) -> str:
    name = f"{project.ref}.expense.{number}"
    task = rng.choice(project.tasks)
    stream.call(P, "POST", f"/v1/projects/{{{project.ref}}}/expenses", {
        "spent_on": day(status_on - timedelta(days=rng.randint(0, 20))),
        "amount": money(rng.randint(300, 9000), CURRENCY), "category": rng.choice(CATEGORIES),
        "task_id": Ref(f"{project.ref}.task.{task.index}"), "description": "supplier invoice"},
        capture=name, label="expense")
    return name


def _status_report(stream: Stream, rng: random.Random, project: Project, status_on: date) -> None:
    schedule, cost, scope = rng.choice(RAG), rng.choice(RAG), rng.choice(RAG)
    overall = max((schedule, cost, scope), key=("green", "amber", "red").index)
    stream.call(P, "POST", f"/v1/projects/{{{project.ref}}}/status-reports", {
        "period_end_on": day(status_on), "schedule": schedule, "cost": cost, "scope": scope,
        "overall": overall, "comment": f"Status at {status_on:%B %Y}"}, label="status report")


def _milestones(stream: Stream, project: Project, since: date, until: date) -> None:
    for number, task in enumerate(milestone_tasks(project)):
        if since < task.finish_on <= until:
            stream.call(P, "POST", f"/v1/projects/{{{project.ref}}}/milestones/"
                        f"{{{project.ref}.milestone.{number}}}/reached",
                        {"reached_on": day(task.finish_on)}, label="milestone reached")


def _corrections(stream: Stream, rng: random.Random, project: Project, status_on: date,
                 reported: dict[int, Decimal], expense: tuple[str, date]) -> None:
    """Back-dated: last month's figure for one task was wrong, and an invoice was mis-keyed."""
    started = [t for t in project.tasks if t.start_on <= status_on and t.earning_rule ==
               "percent_complete" and reported.get(t.index, Decimal(100)) < 95]
    if started:
        task = rng.choice(started)
        corrected = max(Decimal(1), reported[task.index] - rng.randint(1, 10))
        _report(stream, project, task, status_on, corrected, "corrected: overstated last month")
    stream.call(P, "PATCH", f"/v1/projects/{{{project.ref}}}/expenses/{{{expense[0]}}}", {
        "spent_on": day(expense[1]),
        "amount": money(rng.randint(300, 9000), CURRENCY), "category": "services",
        "reason": "invoice amount mis-keyed"}, label="expense correction")
