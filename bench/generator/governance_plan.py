"""Commands of the governance service: stage gates guarding phases, the change request that
re-baselines a project, risks with reassessments, issues and lessons learned."""
from __future__ import annotations

import random
from datetime import date, timedelta

from bench.generator.model import DIRECTOR, Capture, Plan, Ref, Stream, day, money
from bench.generator.world import CURRENCY, Project

G = "governance"
PROBABILITIES = ("0.1", "0.3", "0.5", "0.7", "0.9")
IMPACTS = ("0.05", "0.10", "0.20", "0.40", "0.80")
RISKS = (("supplier", "Vendor delivers late"), ("technical", "Legacy interface unstable"),
         ("people", "Key architect leaves"), ("regulatory", "New reporting rule"),
         ("financial", "Licence prices rise"), ("security", "Penetration test findings"))


def gate(stream: Stream, rng: random.Random, project: Project, phase: str) -> None:
    """A gate for `phase`; one in five is deferred first and passes at a second gate."""
    if rng.random() < 0.2:
        _gate(stream, project, phase, "deferred", attempt=0)
    _gate(stream, project, phase, rng.choice(("approved", "approved", "approved_with_conditions")),
          attempt=1)


def _gate(stream: Stream, project: Project, phase: str, decision: str, *, attempt: int) -> None:
    name = f"{project.ref}.gate.{phase}.{attempt}"
    stream.call(G, "POST", f"/v1/projects/{{{project.ref}}}/stage-gates", {
        "phase": phase, "required_approver_ids": [Ref(DIRECTOR)],
        "criteria": [{"description": f"{phase} checklist complete", "mandatory": True},
                     {"description": "lessons of similar projects reviewed", "mandatory": False}]},
        capture=(Capture(name), Capture(f"{name}.criterion", field="criterion_id",
                                         among="criteria", match=(("mandatory", True),))),
        label="stage gate")
    path = f"/v1/stage-gates/{{{name}}}"
    if decision != "deferred":
        stream.call(G, "POST", f"{path}/criteria/{{{name}.criterion}}/evidence", {
            "url": f"https://wiki.example.com/{project.code}/{phase}", "note": "signed off"},
            label="gate evidence")
        stream.call(G, "POST", f"{path}/criteria/{{{name}.criterion}}/attestation",
                    {"note": "checked"}, label="gate attestation")
    conditions = ["weekly risk review"] if decision == "approved_with_conditions" else []
    stream.call(G, "POST", f"{path}/decision", {
        "decision": decision, "reason": f"{phase} gate review", "conditions": conditions},
        label="gate decision")


def change(stream: Stream, rng: random.Random, project: Project, status_on: date) -> None:
    """Scope grows: a change request approved by director and sponsor, then a re-baseline."""
    name, impact = f"{project.ref}.change", (project.budget / 10).quantize(project.budget)
    approvers = sorted({DIRECTOR, f"person.{project.sponsor}"})
    stream.call(G, "POST", f"/v1/projects/{{{project.ref}}}/change-requests", {
        "title": "Add reporting module", "description": "Requested by the business owner",
        "cost_impact": money(impact, CURRENCY), "schedule_impact_days": 14,
        "scope_impact": "one more work package", "approver_ids": [Ref(a) for a in approvers]},
        capture=name, label="change request")
    for step in ("submission", "review"):
        stream.call(G, "POST", f"/v1/change-requests/{{{name}}}/{step}", {"reason": ""},
                    label="change request step")
    for approver in approvers:
        stream.call(G, "POST", f"/v1/change-requests/{{{name}}}/decisions", {
            "decision": "approved", "reason": "worth it"}, actor=approver, label="change decision")
    last = project.tasks[-1]
    stream.call("projects", "PATCH", f"/v1/projects/{{{project.ref}}}/tasks/"
                f"{{{project.ref}.task.{last.index}}}", {
                    "name": f"{last.name} incl. reporting", "planned_start_on": day(last.start_on),
                    "planned_finish_on": day(last.finish_on),
                    "planned_effort_hours": str(last.effort_hours * 2),
                    "planned_cost": money(last.cost + impact, CURRENCY),
                    "earning_rule": last.earning_rule}, label="task replanned")
    stream.call("projects", "POST", f"/v1/projects/{{{project.ref}}}/baselines", {
        "name": f"Re-baseline {status_on:%Y-%m}", "reason": "approved change request",
        "change_request_id": Ref(name)}, label="re-baseline")


def lesson(stream: Stream, rng: random.Random, project: Project) -> None:
    stream.call(G, "POST", f"/v1/projects/{{{project.ref}}}/lessons", {
        "phase": "closed", "title": "Involve operations early",
        "what_happened": "Hand-over took longer than planned", "impact": "two weeks",
        "recommendation": "Invite operations to the planning gate", "tags": ["handover"]},
        label="lesson")


def risks(plan: Plan, rng: random.Random, project: Project, count: int, today: date) -> None:
    stream = plan.stream(3, f"{project.ref}.risks")
    for number in range(count):
        _risk(stream, rng, project, number, today)
    if project.ran:
        _issue(stream, rng, project, today)


def _risk(stream: Stream, rng: random.Random, project: Project, number: int, today: date) -> None:
    name, (category, title) = f"{project.ref}.risk.{number}", rng.choice(RISKS)
    owner = Ref(f"person.{project.manager}")
    kind = "opportunity" if rng.random() < 0.1 else "threat"
    stream.call(G, "POST", f"/v1/projects/{{{project.ref}}}/risks", {
        "title": title, "category": category, "owner_id": owner, "kind": kind,
        "proximity": rng.choice(("imminent", "near_term", "mid_term", "long_term"))},
        capture=name, label="risk")
    path, identified = f"/v1/risks/{{{name}}}", min(today, project.start_on)
    p, i = rng.randrange(1, 5), rng.randrange(1, 5)
    _assess(stream, path, "inherent", p, i, identified, project)
    stream.call(G, "PUT", f"{path}/response", {
        "strategy": "mitigate" if kind == "threat" else "exploit",
        "description": "weekly follow-up"}, label="response")
    stream.call(G, "POST", f"{path}/mitigation-actions", {
        "description": "agree a fallback", "owner_id": owner,
        "due_on": day(identified + timedelta(days=30))},
        capture=Capture(f"{name}.action", field="action_id", among="mitigation_actions"),
        label="mitigation action")
    for month in range(1, rng.randint(2, 5)):  # reassessments as mitigation bites
        on = min(today, identified + timedelta(days=30 * month))
        p, i = max(0, p - rng.randint(0, 1)), max(0, i - rng.randint(0, 1))
        _assess(stream, path, "residual", p, i, on, project)
    stream.call(G, "POST", f"{path}/mitigation-actions/{{{name}.action}}/completion",
                {"completed_on": day(min(today, identified + timedelta(days=25)))},
                label="mitigation done")
    if rng.random() < 0.25:
        stream.call(G, "POST", f"{path}/status", {"status": "closed", "reason": "mitigated"},
                    label="risk closed")


def _assess(stream: Stream, path: str, stage: str, p: int, i: int, on: date,
            project: Project) -> None:
    exposure = (project.budget * len(IMPACTS) * (i + 1) / 100).quantize(project.budget)
    stream.call(G, "POST", f"{path}/assessments", {
        "stage": stage, "probability": PROBABILITIES[p], "impact": IMPACTS[i],
        "cost_impact": money(exposure, CURRENCY), "assessed_on": day(on),
        "rationale": f"{stage} review"}, label="risk assessment")


def _issue(stream: Stream, rng: random.Random, project: Project, today: date) -> None:
    name = f"{project.ref}.issue"
    stream.call(G, "POST", f"/v1/projects/{{{project.ref}}}/issues", {
        "title": "Test environment unavailable", "severity": rng.choice(("low", "medium", "high")),
        "owner_id": Ref(f"person.{project.manager}"), "due_on": day(today + timedelta(days=14))},
        capture=name, label="issue")
    if rng.random() < 0.5:
        stream.call(G, "POST", f"/v1/issues/{{{name}}}/resolution", {
            "resolution": "environment rebuilt"}, label="issue resolved")
