"""Bodies of strategy: prioritization criteria and ratings, objectives, and the ranking."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, Field

from pmo_projects.api.schemas.common import Name, Rating, Text, Weight, write_config
from pmo_projects.domain.portfolio import priority_score
from pmo_projects.domain.project import Project

Criterion = Literal["strategic_alignment", "value", "risk", "cost"]


class CriteriaUpdate(BaseModel):
    model_config = write_config({"weights": {"strategic_alignment": "40", "value": "30",
                                             "risk": "15", "cost": "15"}})
    weights: Annotated[dict[Criterion, Weight], Field(min_length=1)]



class ObjectiveCreate(BaseModel):
    model_config = write_config({"name": "Grow online revenue 20%"})
    name: Name
    description: Text = ""



class ObjectiveLink(BaseModel):
    model_config = write_config({"objective_id": "0b6f1c1e-8a5e-4a8e-9d7e-2f1c3b4a5d6e", "weight": "60"})
    objective_id: UUID
    weight: Weight



class RatingsUpdate(BaseModel):
    model_config = write_config({"ratings": {"strategic_alignment": "8", "value": "7",
                                             "risk": "5", "cost": "6"}})
    ratings: Annotated[dict[Criterion, Rating], Field(min_length=1)]



class RankedProject(BaseModel):
    project_id: UUID
    code: str
    name: str
    score: Decimal | None
    ratings: dict[str, Decimal]
    objectives: dict[UUID, Decimal]


def rank(weights: dict[str, Decimal], projects: list[Project]) -> list[RankedProject]:
    """Highest score first; unrated projects last, by code."""
    ranked = [RankedProject(project_id=p.id, code=p.s.code, name=p.s.name, ratings=p.s.ratings,
                            objectives=p.s.objectives, score=priority_score(weights, p.s.ratings))
              for p in projects]
    return sorted(ranked, key=lambda r: (r.score is None, -(r.score or 0), r.code))
