"""The Portfolio and Program aggregates: the hierarchy above projects, objectives and criteria."""
from __future__ import annotations

from decimal import Decimal
from typing import Self
from uuid import UUID

from pmo_projects.commands import CreatePortfolio, CreateProgram
from pmo_projects.domain.errors import UnknownReference
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.projects import (
    CriterionWeight,
    PortfolioCreated,
    PortfolioCriteriaConfigured,
    ProgramCreated,
    StrategicObjectiveDefined,
)
from pmo_shared.eventstore.aggregate import Aggregate, UnknownEvent

CRITERIA = ("strategic_alignment", "value", "risk", "cost")
DEFAULT_WEIGHTS = {"strategic_alignment": Decimal(40), "value": Decimal(30),
                   "risk": Decimal(15), "cost": Decimal(15)}


def priority_score(weights: dict[str, Decimal], ratings: dict[str, Decimal]) -> Decimal | None:
    """Weighted mean of 0..10 ratings; None until every weighted criterion is rated."""
    used = {c: w for c, w in weights.items() if w > 0}
    if not used or any(c not in ratings for c in used):
        return None
    return sum((w * ratings[c] for c, w in used.items()), Decimal(0)) / sum(used.values())


class Portfolio(Aggregate):
    aggregate_type = "portfolio"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.name = ""
        self.currency = ""
        self.weights: dict[str, Decimal] = dict(DEFAULT_WEIGHTS)
        self.objectives: dict[UUID, str] = {}

    @classmethod
    def create(cls, portfolio_id: UUID, cmd: CreatePortfolio) -> Self:
        portfolio = cls(portfolio_id)
        portfolio._record(PortfolioCreated(portfolio_id=portfolio_id, name=cmd.name,
                                           currency=cmd.currency, description=cmd.description))
        return portfolio

    def configure_criteria(self, weights: dict[str, Decimal]) -> None:
        self._record(PortfolioCriteriaConfigured(portfolio_id=self.id, criteria=[
            CriterionWeight(criterion=c, weight=weights.get(c, Decimal(0))) for c in CRITERIA]))

    def define_objective(self, objective_id: UUID, name: str, description: str) -> None:
        self._record(StrategicObjectiveDefined(portfolio_id=self.id, objective_id=objective_id,
                                               name=name, description=description))

    def ensure_objective(self, objective_id: UUID) -> None:
        if objective_id not in self.objectives:
            raise UnknownReference(f"objective {objective_id} is not one of portfolio "
                                   f"{self.name!r}", pointer="#/objective_id")

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case PortfolioCreated():
                self.name, self.currency = event.name, event.currency
            case PortfolioCriteriaConfigured():
                self.weights = {c.criterion: c.weight for c in event.criteria}
            case StrategicObjectiveDefined():
                self.objectives[event.objective_id] = event.name
            case _:
                raise UnknownEvent(event.event_type)


class Program(Aggregate):
    aggregate_type = "program"

    def __init__(self, aggregate_id: UUID) -> None:
        super().__init__(aggregate_id)
        self.portfolio_id: UUID | None = None
        self.name = ""

    @classmethod
    def create(cls, program_id: UUID, cmd: CreateProgram) -> Self:
        program = cls(program_id)
        program._record(ProgramCreated(program_id=program_id, portfolio_id=cmd.portfolio_id,
                                       name=cmd.name, description=cmd.description))
        return program

    def _apply(self, event: DomainEvent) -> None:
        match event:
            case ProgramCreated():
                self.portfolio_id, self.name = event.portfolio_id, event.name
            case _:
                raise UnknownEvent(event.event_type)
