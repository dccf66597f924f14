"""Commands of the projects service: portfolios and programs, then each project's life cycle up
to its target phase (charter, funding, plan, baseline, gates, execution, re-baseline, closure)."""
from __future__ import annotations

import random
from datetime import date, timedelta

from bench.generator import governance_plan, progress_plan
from bench.generator.model import Capture, Plan, Ref, Stream, day, money
from bench.generator.sizes import Size
from bench.generator.world import CURRENCY, Project

P = "projects"
WEIGHTS = {"strategic_alignment": "40", "value": "30", "risk": "15", "cost": "15"}


def hierarchy(plan: Plan, size: Size) -> None:
    for p in range(size.portfolios):
        stream = plan.stream(0, f"portfolio.{p}")
        stream.call(P, "POST", "/v1/portfolios", {
            "name": f"Portfolio {p + 1}", "currency": CURRENCY,
            "description": "Change portfolio of a business unit"},
            capture=f"portfolio.{p}", label="portfolio")
        stream.call(P, "PUT", f"/v1/portfolios/{{portfolio.{p}}}/criteria", {"weights": WEIGHTS},
                    label="portfolio criteria")
        objective = f"Grow online revenue {10 + p * 5}%"
        stream.call(P, "POST", f"/v1/portfolios/{{portfolio.{p}}}/objectives", {"name": objective},
                    capture=Capture(f"objective.{p}", field="key", among="objectives",
                                    match=(("value", objective),)), label="objective")
        for g in range(size.programs_per_portfolio):
            stream.call(P, "POST", "/v1/programs", {
                "portfolio_id": Ref(f"portfolio.{p}"), "name": f"Program {p + 1}.{g + 1}"},
                capture=f"program.{p}.{g}", label="program")


def life_cycle(plan: Plan, rng: random.Random, project: Project, today: date) -> None:
    stream = plan.stream(2, project.ref)
    _charter(stream, rng, project)
    early = min(project.start_on - timedelta(days=40), today - timedelta(days=20))
    if project.phase == "proposed":
        return
    _phase(stream, project, "approved", early, "business case accepted")
    if project.phase == "approved":
        return
    governance_plan.gate(stream, rng, project, "planning")
    _phase(stream, project, "planning", early + timedelta(days=10), "gate passed")
    _plan(stream, rng, project)
    if not project.ran:
        return
    governance_plan.gate(stream, rng, project, "executing")
    _phase(stream, project, "executing", project.start_on, "kick-off")
    progress_plan.execution(stream, rng, project, today)
    _ending(stream, rng, project, project.stop_on)


def _charter(stream: Stream, rng: random.Random, project: Project) -> None:
    body = {"code": project.code, "name": project.name, "project_type": "it",
            "goals": ["deliver the agreed scope", "stay within budget"],
            "sponsor_id": Ref(f"person.{project.sponsor}"),
            "manager_id": Ref(f"person.{project.manager}"),
            "planned_start_on": day(project.start_on), "planned_finish_on": day(project.finish_on),
            "budget": money(project.budget, CURRENCY),
            "portfolio_id": Ref(f"portfolio.{project.portfolio}")}
    if project.program is not None:
        body["program_id"] = Ref(f"program.{project.portfolio}.{project.program}")
    stream.call(P, "POST", "/v1/projects", body, capture=project.ref, label="project")
    base = f"/v1/projects/{{{project.ref}}}"
    labour = (project.budget * rng.randint(60, 80) / 100).quantize(project.budget)
    for category, amount in (("labour", labour), ("non_labour", project.budget - labour)):
        stream.call(P, "POST", f"{base}/budget-lines", {
            "category": category, "amount": money(amount, CURRENCY)}, label="budget line")
    stream.call(P, "PUT", f"{base}/ratings", {"ratings": {
        k: str(rng.randint(1, 10)) for k in WEIGHTS}}, label="ratings")
    stream.call(P, "POST", f"{base}/objective-links", {
        "objective_id": Ref(f"objective.{project.portfolio}"), "weight": str(rng.randint(20, 100))},
        label="objective link")
    for phase, share in (("planning", 20), ("executing", 70)):
        stream.call(P, "POST", f"{base}/funding-tranches", {
            "phase": phase, "amount": money(project.budget * share / 100, CURRENCY)},
            label="funding tranche")


def _phase(stream: Stream, project: Project, to_phase: str, on: date, reason: str) -> None:
    stream.call(P, "POST", f"/v1/projects/{{{project.ref}}}/phase-changes", {
        "to_phase": to_phase, "changed_on": day(on), "reason": reason}, label="phase change")


def _plan(stream: Stream, rng: random.Random, project: Project) -> None:
    base = f"/v1/projects/{{{project.ref}}}"
    for task in project.tasks:
        stream.call(P, "POST", f"{base}/tasks", {
            "name": task.name, "wbs_code": task.wbs, "earning_rule": task.earning_rule,
            "planned_start_on": day(task.start_on), "planned_finish_on": day(task.finish_on),
            "planned_effort_hours": str(task.effort_hours),
            "planned_cost": money(task.cost, CURRENCY)},
            capture=f"{project.ref}.task.{task.index}", label="task")
    for task in project.tasks:
        if task.predecessor is not None:
            kind = rng.choices(("finish_to_start", "start_to_start"), (85, 15))[0]
            stream.call(P, "POST", f"{base}/tasks/{{{project.ref}.task.{task.index}}}/dependencies",
                        {"predecessor_id": Ref(f"{project.ref}.task.{task.predecessor}"),
                         "kind": kind, "lag_days": 0}, label="dependency")
    for number, task in enumerate(progress_plan.milestone_tasks(project)):
        stream.call(P, "POST", f"{base}/milestones", {
            "name": f"Milestone {number + 1}: {task.name} done", "due_on": day(task.finish_on),
            "task_id": Ref(f"{project.ref}.task.{task.index}"), "weight": "50"},
            capture=f"{project.ref}.milestone.{number}", label="milestone")
    stream.call(P, "POST", f"{base}/baselines", {"name": "Original plan", "reason": ""},
                label="baseline")


def _ending(stream: Stream, rng: random.Random, project: Project, stop: date) -> None:
    match project.phase:
        case "on_hold":
            _phase(stream, project, "on_hold", stop, "funding review")
        case "cancelled":
            _phase(stream, project, "cancelled", stop, "business case no longer holds")
        case "closing" | "closed":
            _phase(stream, project, "closing", project.finish_on, "scope delivered")
            if project.phase == "closed":
                governance_plan.gate(stream, rng, project, "closed")
                _phase(stream, project, "closed", stop, "handed over to operations")
                governance_plan.lesson(stream, rng, project)
