"""Field types shared by the resources schemas."""
from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Name = Annotated[str, Field(min_length=1, max_length=200)]
Role = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$",
                            examples=["engineer"])]
Skill = Annotated[str, Field(min_length=1, max_length=64)]
Reason = Annotated[str, Field(min_length=1, max_length=500)]
Comment = Annotated[str, Field(max_length=1000)]
# Hundredths of an hour keep hours x rate (in cents) exact within Money's four places.
Hours = Annotated[Decimal, Field(ge=0, le=24, max_digits=4, decimal_places=2,
                                 allow_inf_nan=False, examples=["7.50"])]
Percent = Annotated[Decimal, Field(gt=0, le=100, max_digits=5, decimal_places=2,
                                   allow_inf_nan=False, examples=["50"])]


class Write(BaseModel):
    model_config = ConfigDict(extra="forbid")


class SkillLevelIn(Write):
    skill: Skill
    level: Annotated[int, Field(ge=1, le=5)]


class SkillDemandIn(Write):
    skill: Skill
    min_level: Annotated[int, Field(ge=1, le=5)] = 1


class Warning(BaseModel):
    type: str
    detail: str
