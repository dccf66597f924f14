"""The imagined organisation behind a plan: people, projects and their tasks, drawn from one seed.

Pure values; the `*_plan` modules turn them into commands. Dates are relative to `today` so
every status date, expense and timesheet lies in the past, as the services require."""
from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from bench.generator.sizes import Size

CURRENCY = "EUR"
ROLES = ("developer", "analyst", "architect", "tester", "designer", "project_manager")
SKILLS = ("python", "sql", "kubernetes", "ux", "testing", "finance", "sap", "security")
FIRST = ("Ada", "Alan", "Grace", "Linus", "Margaret", "Ken", "Barbara", "Edsger", "Frances",
         "Donald", "Radia", "Tim", "Hedy", "Niklaus", "Karen", "John", "Sophie", "Dennis")
LAST = ("Lovelace", "Turing", "Hopper", "Torvalds", "Hamilton", "Thompson", "Liskov", "Dijkstra",
        "Allen", "Knuth", "Perlman", "Berners-Lee", "Lamarr", "Wirth", "Jones", "Backus")
# Share of projects per target phase: most run, some wait, a few ended one way or another.
PHASE_MIX = (("executing", 40), ("planning", 12), ("approved", 6), ("proposed", 8),
             ("on_hold", 6), ("closing", 8), ("closed", 14), ("cancelled", 6))
FULL_TIME = ("8", "8", "8", "8", "8", "0", "0")
PART_TIMES = (("8", "8", "8", "0", "0", "0", "0"), ("4", "4", "4", "4", "4", "0", "0"),
              ("6", "6", "6", "6", "0", "0", "0"))


@dataclass(frozen=True)
class Person:
    index: int
    name: str
    role: str
    team: int
    skills: tuple[tuple[str, int], ...]
    employment_type: str
    schedule: tuple[str, ...]
    calendar: str
    time_off: tuple[tuple[date, date], ...]

    def works_on(self, day: date) -> bool:
        off = any(start <= day <= end for start, end in self.time_off)
        return not off and Decimal(self.schedule[day.weekday()]) > 0


@dataclass(frozen=True)
class Task:
    index: int
    wbs: str
    name: str
    start_on: date
    finish_on: date
    effort_hours: int
    cost: Decimal
    earning_rule: str
    predecessor: int | None


@dataclass(frozen=True)
class Project:
    index: int
    code: str
    name: str
    phase: str
    start_on: date
    finish_on: date
    stop_on: date  # when work stopped: today, or when it was held, cancelled or closed
    budget: Decimal
    portfolio: int
    program: int | None
    manager: int
    sponsor: int
    tasks: tuple[Task, ...]

    @property
    def ref(self) -> str:
        return f"project.{self.index}"

    @property
    def has_plan(self) -> bool:
        return self.phase not in ("proposed", "approved")

    @property
    def ran(self) -> bool:
        """Whether the project entered execution, so it has progress, actuals and timesheets."""
        return self.phase in ("executing", "on_hold", "closing", "closed", "cancelled")


def people(rng: random.Random, size: Size, today: date) -> list[Person]:
    return [_person(rng, i, size, today) for i in range(size.people)]


def _person(rng: random.Random, index: int, size: Size, today: date) -> Person:
    role = ROLES[index % len(ROLES)] if index else "project_manager"
    part_time = rng.random() < 0.2
    skills = tuple((s, rng.randint(1, 5)) for s in sorted(rng.sample(SKILLS, rng.randint(1, 3))))
    name = f"{FIRST[index % len(FIRST)]} {LAST[(index // len(FIRST) + index) % len(LAST)]}"
    return Person(index=index, name=f"{name} {index}", role=role, team=index % size.teams,
                  skills=skills, employment_type=rng.choices(
                      ("employee", "contractor", "intern"), (80, 15, 5))[0],
                  schedule=rng.choice(PART_TIMES) if part_time else FULL_TIME,
                  calendar=rng.choice(("de", "uk")), time_off=_time_off(rng, today))


def _time_off(rng: random.Random, today: date) -> tuple[tuple[date, date], ...]:
    """One block in each of a few distinct quarters, so blocks never overlap."""
    blocks = []
    for quarter in sorted(rng.sample(range(4), rng.randint(1, 3))):
        start = today - timedelta(days=360 - quarter * 91 - rng.randint(0, 60))
        blocks.append((start, start + timedelta(days=rng.randint(0, 9))))
    return tuple(blocks)


def projects(rng: random.Random, size: Size, today: date) -> list[Project]:
    """The first projects cover every phase once, so even the smallest portfolio shows them."""
    phases, weights = zip(*PHASE_MIX, strict=True)
    return [_project(rng, i, phases[i] if i < len(phases) else rng.choices(phases, weights)[0],
                     size, today) for i in range(size.projects)]


def _window(rng: random.Random, phase: str, today: date) -> tuple[date, date]:
    offsets = {"proposed": (30, 150), "approved": (14, 90), "planning": (7, 60),
               "closing": (-380, -200), "closed": (-420, -250)}
    low, high = offsets.get(phase, (-400, -60))  # many ran for over a year: a full year of history
    start = today + timedelta(days=rng.randint(low, high))
    if phase in ("closing", "closed"):
        return start, today - timedelta(days=rng.randint(15, 45))
    return start, max(start + timedelta(days=rng.randint(150, 400)),
                      today + timedelta(days=rng.randint(30, 200)))


def _project(rng: random.Random, index: int, phase: str, size: Size, today: date) -> Project:
    start, finish = _window(rng, phase, today)
    portfolio = index % size.portfolios
    program = rng.randrange(size.programs_per_portfolio) if rng.random() < 0.7 else None
    tasks = _tasks(rng, size.tasks_per_project, start, finish)
    budget = sum((t.cost for t in tasks), Decimal(0)) * Decimal("1.15")
    return Project(index=index, code=f"PRJ-{index + 1:04d}", name=f"{_topic(rng)} {index + 1}",
                   phase=phase, start_on=start, finish_on=finish,
                   stop_on=_stop(rng, phase, start, finish, today), budget=budget.quantize(
                       Decimal(1000)), portfolio=portfolio, program=program,
                   manager=rng.randrange(size.people), sponsor=rng.randrange(size.people),
                   tasks=tasks)


def _stop(rng: random.Random, phase: str, start: date, finish: date, today: date) -> date:
    if phase in ("on_hold", "cancelled"):
        return max(start + timedelta(days=20), today - timedelta(days=rng.randint(7, 40)))
    if phase in ("closing", "closed"):
        return min(today, finish + timedelta(days=10))
    return today


def _topic(rng: random.Random) -> str:
    return rng.choice(("CRM migration", "Data platform", "ERP upgrade", "Mobile banking",
                       "Warehouse automation", "Cloud landing zone", "Payroll replacement",
                       "Customer portal", "Security hardening", "Analytics rollout"))


def _tasks(rng: random.Random, count: int, start: date, finish: date) -> tuple[Task, ...]:
    """Phases of work one after the other, each split in sub-tasks (WBS 1, 1.1, 1.2, 2, ...)."""
    span = max((finish - start).days, count)
    step = span / count
    tasks = []
    for i in range(count):
        task_start = start + timedelta(days=int(i * step))
        task_finish = min(finish, start + timedelta(days=int((i + 1) * step * 1.1)))
        hours = rng.randint(40, 600)
        rule = rng.choices(("percent_complete", "fifty_fifty", "zero_hundred"), (80, 12, 8))[0]
        tasks.append(Task(index=i, wbs=_wbs(i), name=f"Work package {_wbs(i)}",
                          start_on=task_start, finish_on=max(task_finish, task_start),
                          effort_hours=hours, cost=Decimal(hours * rng.randint(70, 120)),
                          earning_rule=rule, predecessor=i - 1 if i else None))
    return tuple(tasks)


def _wbs(index: int) -> str:
    return f"{index // 3 + 1}.{index % 3 + 1}"
