"""The Project aggregate: charter, hierarchy position, life-cycle phase, baselines and funding.

Aggregate boundaries. A project is split so that people planning different parts of it never
conflict, while the rules spanning its parts still hold:
- Project (this module): charter, portfolio/program, phase, the list of adopted baselines (the
  current one sets BAC), budget lines, funding tranches, objective links and ratings. It is a
  SnapshotAggregate because it lives as long as the project.
- Task (domain/task.py), one aggregate per WBS task with its own version: two people updating
  different tasks (replan, progress, dependencies) touch different streams and never conflict.
- Milestone, Expense, StatusReport: one small aggregate each, for the same reason.
- Baseline (domain/baseline.py): written once, with no command that changes it afterwards, so
  immutability is structural. Capturing one also records `projects.project.baselined` on the
  Project in the same transaction, so two concurrent re-baselines conflict on the project.
Rules spanning tasks are checked by the handlers inside the single writer transaction against
inline tables (`tasks`, `task_dependencies`, `projects_view`) via `uow.also`: no dependency
cycles (the pure check in domain/dependencies.py), task and milestone dates inside the project
(and charter dates still enclosing every task). The writer runs units one at a time, so a check
there sees every earlier commit and a failing check rolls back only its own unit.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any, Self
from uuid import UUID

from pmo_projects.commands import AmendCharter, ChangePhase, CharterProject
from pmo_projects.domain.errors import FundingExceedsBudget, ProjectClosed, RebaselineNeedsReason
from pmo_projects.domain.money import ensure_currency, ensure_ordered
from pmo_projects.domain.phases import TERMINAL, Gate, check_gate, check_transition
from pmo_projects.domain.state import BaselineRef, BudgetLine, ProjectState, Tranche
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import (
    BudgetLinePlanned,
    CriterionRating,
    FundingTrancheApproved,
    FundingTrancheReleased,
    ProjectBaselined,
    ProjectCharterAmended,
    ProjectChartered,
    ProjectLinkedToObjective,
    ProjectMoved,
    ProjectPhaseChanged,
    ProjectRated,
)
from pmo_shared.eventstore.aggregate import SnapshotAggregate, UnknownEvent
from pmo_shared.kernel.errors import Duplicate
from pmo_shared.kernel.money import Money


class Project(SnapshotAggregate):
    aggregate_type = "project"
    snapshot_every = 50

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.s = ProjectState()

    # -- decisions --

    @classmethod
    def charter(cls, project_id: UUID, cmd: CharterProject) -> Self:
        ensure_ordered(cmd.planned_start_on, cmd.planned_finish_on)
        project = cls(project_id)
        project._record(ProjectChartered(
            project_id=project_id, code=cmd.code, name=cmd.name, goals=list(cmd.goals),
            sponsor_id=cmd.sponsor_id, manager_id=cmd.manager_id,
            planned_start_on=cmd.planned_start_on, planned_finish_on=cmd.planned_finish_on,
            budget=cmd.budget, project_type=cmd.project_type, portfolio_id=cmd.portfolio_id,
            program_id=cmd.program_id))
        return project

    def amend(self, cmd: AmendCharter) -> None:
        self._ensure_open()
        ensure_ordered(cmd.planned_start_on, cmd.planned_finish_on)
        ensure_currency(cmd.budget, self.s.currency, pointer="#/budget/currency")
        self._record(ProjectCharterAmended(
            project_id=self.id, name=cmd.name, goals=list(cmd.goals), sponsor_id=cmd.sponsor_id,
            manager_id=cmd.manager_id, planned_start_on=cmd.planned_start_on,
            planned_finish_on=cmd.planned_finish_on, budget=cmd.budget,
            project_type=cmd.project_type))

    def move(self, portfolio_id: UUID | None, program_id: UUID | None) -> None:
        self._ensure_open()
        if (portfolio_id, program_id) == (self.s.portfolio_id, self.s.program_id):
            return
        self._record(ProjectMoved(
            project_id=self.id, portfolio_id=portfolio_id, program_id=program_id,
            from_portfolio_id=self.s.portfolio_id, from_program_id=self.s.program_id))

    def change_phase(self, cmd: ChangePhase, gate: Gate | None) -> None:
        """`gate` is the local copy of the governance gate guarding `cmd.to_phase`, if any."""
        check_transition(self.s.phase, cmd.to_phase, self.s.held_from)
        resuming = self.s.phase == "on_hold" and cmd.to_phase == self.s.held_from
        if not resuming and cmd.to_phase not in ("on_hold", "cancelled"):
            check_gate(cmd.to_phase, gate)
        self._record(ProjectPhaseChanged(
            project_id=self.id, from_phase=self.s.phase, to_phase=cmd.to_phase,
            changed_on=cmd.changed_on, reason=cmd.reason,
            gate_id=gate.gate_id if gate else None))
        self._release_tranches(cmd.to_phase, cmd.changed_on)

    def adopt_baseline(self, baseline_id: UUID, name: str, bac: Money, *, reason: str,
                       change_request_id: UUID | None) -> int:
        """Returns the baseline's number; re-baselining must say why."""
        self._ensure_open()
        if self.s.baselines and not reason.strip():
            raise RebaselineNeedsReason("re-baselining needs a reason", pointer="#/reason")
        number = len(self.s.baselines) + 1
        self._record(ProjectBaselined(
            project_id=self.id, baseline_id=baseline_id, name=name, number=number,
            budget_at_completion=bac, reason=reason, change_request_id=change_request_id))
        return number

    def plan_budget_line(self, line_id: UUID, category: str, amount: Money,
                         description: str) -> None:
        self._ensure_open()
        ensure_currency(amount, self.s.currency, pointer="#/amount/currency")
        self._record(BudgetLinePlanned(project_id=self.id, budget_line_id=line_id,
                                       category=category, amount=amount, description=description))

    def approve_tranche(self, tranche_id: UUID, phase: str, amount: Money, today: date) -> None:
        self._ensure_open()
        ensure_currency(amount, self.s.currency, pointer="#/amount/currency")
        if any(t.phase == phase for t in self.s.tranches):
            raise Duplicate(f"a tranche for phase {phase!r} is already approved", pointer="#/phase")
        approved = sum((t.amount.amount for t in self.s.tranches), Decimal(0)) + amount.amount
        assert self.s.budget is not None
        if approved > self.s.budget.amount:
            raise FundingExceedsBudget(
                f"tranches would total {approved}, above the budget {self.s.budget}",
                pointer="#/amount/amount")
        self._record(FundingTrancheApproved(project_id=self.id, tranche_id=tranche_id,
                                            phase=phase, amount=amount))
        if phase == self.s.phase:
            self._release_tranches(phase, today)

    def link_objective(self, objective_id: UUID, weight: Decimal) -> None:
        assert self.s.portfolio_id is not None
        self._record(ProjectLinkedToObjective(project_id=self.id, portfolio_id=self.s.portfolio_id,
                                              objective_id=objective_id, weight=weight))

    def rate(self, ratings: dict[str, Decimal]) -> None:
        self._record(ProjectRated(project_id=self.id, ratings=[
            CriterionRating(criterion=c, rating=r) for c, r in sorted(ratings.items())]))

    def _release_tranches(self, phase: str, on: date) -> None:
        for tranche in self.s.tranches:
            if tranche.phase == phase and tranche.released_on is None:
                self._record(FundingTrancheReleased(
                    project_id=self.id, tranche_id=tranche.tranche_id, phase=tranche.phase,
                    amount=tranche.amount, released_on=on))

    def _ensure_open(self) -> None:
        if self.s.phase in TERMINAL:
            raise ProjectClosed(f"project {self.s.code} is {self.s.phase}")

    # -- state --

    def _apply(self, event: DomainEvent) -> None:
        s = self.s
        match event:
            case ProjectChartered() | ProjectCharterAmended():
                fields = event.model_dump(exclude={"project_id"})
                fields["budget"] = event.budget
                for key, value in fields.items():
                    setattr(s, key, value)
            case ProjectMoved():
                s.portfolio_id, s.program_id = event.portfolio_id, event.program_id
            case ProjectPhaseChanged():
                s.held_from = event.from_phase if event.to_phase == "on_hold" else None
                s.phase = event.to_phase
            case ProjectBaselined():
                s.baselines.append(BaselineRef(**event.model_dump(exclude={"project_id"})))
            case BudgetLinePlanned():
                s.budget_lines.append(BudgetLine(**event.model_dump(exclude={"project_id"})))
            case FundingTrancheApproved():
                s.tranches.append(Tranche(**event.model_dump(exclude={"project_id"})))
            case FundingTrancheReleased():
                for tranche in s.tranches:
                    if tranche.tranche_id == event.tranche_id:
                        tranche.released_on = event.released_on
            case ProjectLinkedToObjective():
                s.objectives[event.objective_id] = event.weight
            case ProjectRated():
                s.ratings = {r.criterion: r.rating for r in event.ratings}
            case _:
                raise UnknownEvent(event.event_type)

    def snapshot_state(self) -> dict[str, Any]:
        return self.s.model_dump(mode="json")

    @classmethod
    def from_snapshot(cls, aggregate_id: UUID, version: int, state: dict[str, Any]) -> Self:
        project = cls(aggregate_id)
        project.version = version
        project.s = ProjectState.model_validate(state)
        return project
