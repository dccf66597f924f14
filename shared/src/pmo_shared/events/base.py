"""Base class of every domain event: a frozen, strict pydantic model with a stable type and version."""
from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class DomainEvent(BaseModel):
    """A fact in the past tense. `event_type` is `<service>.<aggregate>.<past_verb>`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    event_type: ClassVar[str]
    event_version: ClassVar[int] = 1

    @classmethod
    def service(cls) -> str:
        return cls.event_type.split(".", 1)[0]
