"""Who works where: named allocations (confirmed once a project runs, proposed while it plans),
unnamed role requests left open, and allocations cancelled with their project."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bench.generator.model import Capture, Plan, Ref, Stream, day
from bench.generator.world import SKILLS, Person, Project

R = "resources"


@dataclass(frozen=True)
class Assignment:
    project: Project
    person: Person
    start_on: date
    end_on: date
    hours_per_day: Decimal


def assignments(rng: random.Random, projects: list[Project], people: list[Person]
                ) -> list[Assignment]:
    chosen = []
    for project in projects:
        if not project.has_plan:
            continue
        for index in sorted(rng.sample(range(len(people)), min(len(people), rng.randint(2, 4)))):
            chosen.append(Assignment(project, people[index], project.start_on,
                                     project.stop_on if project.ran else project.finish_on,
                                     Decimal(rng.choice((2, 3, 4, 5, 6)))))
    return chosen


def allocations(plan: Plan, rng: random.Random, chosen: list[Assignment], today: date) -> None:
    for number, item in enumerate(chosen):
        _named(plan.stream(3, f"{item.project.ref}.staffing"), item, number)
    for project in {a.project.index: a.project for a in chosen}.values():
        if project.phase in ("planning", "executing"):
            _request(plan.stream(3, f"{project.ref}.staffing"), rng, project, today)


def _named(stream: Stream, item: Assignment, number: int) -> None:
    name = f"allocation.{number}"
    end = min(item.end_on, item.start_on + timedelta(days=5 * 366 - 1))
    stream.call(R, "POST", "/v1/allocations", {
        "project_id": Ref(item.project.ref), "person_id": Ref(f"person.{item.person.index}"),
        "start_on": day(item.start_on), "end_on": day(end),
        "hours_per_day": str(item.hours_per_day), "status": "proposed"},
        capture=Capture(name), label="allocation")
    if item.project.ran:
        stream.call(R, "POST", f"/v1/allocations/{{{name}}}/confirm", label="allocation confirmed")
    if item.project.phase == "cancelled":
        stream.call(R, "POST", f"/v1/allocations/{{{name}}}/cancel", {
            "reason": "project cancelled"}, label="allocation cancelled")


def _request(stream: Stream, rng: random.Random, project: Project, today: date) -> None:
    name = f"{project.ref}.request"
    start = max(today + timedelta(days=14), project.start_on)
    stream.call(R, "POST", "/v1/allocations", {
        "project_id": Ref(project.ref), "role": "developer",
        "skills": [{"skill": rng.choice(SKILLS), "min_level": rng.randint(2, 4)}],
        "start_on": day(start), "end_on": day(max(start, project.finish_on)),
        "percent_of_capacity": str(rng.choice((50, 80, 100))), "status": "requested"},
        capture=name, label="unfilled request")
