"""CloudEvents 1.0 envelope (structured JSON mode) carrying one domain event with our extensions."""
from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.catalogue import Catalogue

TYPE_PREFIX = "pmo."


class Envelope(BaseModel):
    """Extension attribute names are lowercase alphanumeric, as CloudEvents 1.0 requires."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    specversion: Literal["1.0"] = "1.0"
    id: UUID
    source: str
    type: str
    subject: str
    time: datetime
    datacontenttype: Literal["application/json"] = "application/json"
    aggregatetype: str
    aggregateid: str
    aggregateversion: int
    eventversion: int
    correlationid: str | None = None
    causationid: str | None = None
    actor: str
    traceparent: str | None = None
    data: dict[str, Any]

    @property
    def event_type(self) -> str:
        """The catalogue name, e.g. `projects.project.chartered`."""
        return self.type.removeprefix(TYPE_PREFIX)

    def to_event(self, catalogue: Catalogue) -> DomainEvent:
        return catalogue.parse(self.event_type, self.eventversion, self.data)

    def to_json(self) -> bytes:
        return self.model_dump_json(exclude_none=True).encode()

    @classmethod
    def from_json(cls, raw: bytes | str) -> Envelope:
        return cls.model_validate_json(raw)


def cloudevent_type(event_type: str) -> str:
    return TYPE_PREFIX + event_type
