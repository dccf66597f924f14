"""`build_plan(seed, size, today)`: every command of a demo portfolio, in stages.

Stage 0 sets up portfolios, teams, calendars and rates; 1 people; 2 each project's life cycle;
3 risks and staffing; 4 timesheets. Within a stage each stream is ordered, streams are
independent. Each part draws from its own seeded generator, so resizing one part does not
reshuffle the others."""
from __future__ import annotations

import random
from datetime import date

from bench.generator import (
    governance_plan,
    projects_plan,
    resources_plan,
    staffing_plan,
    timesheet_plan,
    world,
)
from bench.generator.model import Command, Plan
from bench.generator.sizes import Size


def build_plan(seed: int, size: Size, today: date) -> list[Command]:
    def rng(part: str) -> random.Random:
        return random.Random(f"{seed}:{part}")

    plan = Plan()
    people = world.people(rng("people"), size, today)
    projects = world.projects(rng("projects"), size, today)
    projects_plan.hierarchy(plan, size)
    resources_plan.organisation(plan, size.teams, today)
    resources_plan.staff(plan, rng("staff"), people, today)
    resources_plan.team_leads(plan, people, size.teams)
    life = rng("life")
    for project in projects:
        projects_plan.life_cycle(plan, life, project, today)
    risks = rng("risks")
    for project in projects:
        governance_plan.risks(plan, risks, project, size.risks_per_project, today)
    chosen = staffing_plan.assignments(rng("staffing"), projects, people)
    staffing_plan.allocations(plan, rng("allocations"), chosen, today)
    timesheet_plan.timesheets(plan, rng("timesheets"), chosen, today, size.timesheet_weeks)
    return sorted(plan.commands, key=lambda c: c.stage)  # stable: streams keep their order
