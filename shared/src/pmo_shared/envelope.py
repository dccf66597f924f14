"""CloudEvents 1.0 envelope (structured JSON mode) carrying one domain event with our extensions."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

from pmo_shared.events.base import DomainEvent
from pmo_shared.events.catalogue import Catalogue

TYPE_PREFIX = "pmo."
# A JSON string literal (quotes and escapes) of one str.
_quoted: Callable[[str], str] = encode_basestring
_OPTIONAL_BEFORE_ACTOR = (("correlationid", "correlation_id"), ("causationid", "causation_id"))


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


def stored_event_json(row: Mapping[Any, Any], source: str) -> bytes:
    """`Envelope.to_json()` of a stored event row, built without the model: the relay serializes
    every event, and validating a model and parsing `data` only to write both out again was most
    of its own CPU. The stored `data` is already compact JSON, so the result parses to the same
    envelope, attributes in the model's order (non-ASCII data may be escaped differently)."""
    q = _quoted
    optional = "".join([f',"{name}":{q(row[column])}' for name, column in _OPTIONAL_BEFORE_ACTOR
                        if row[column] is not None])
    traceparent = "" if row["traceparent"] is None else f',"traceparent":{q(row["traceparent"])}'
    time = row["recorded_at"].astimezone(UTC).isoformat().replace("+00:00", "Z")
    return (
        f'{{"specversion":"1.0","id":{q(row["event_id"])},"source":{q(source)},'
        f'"type":{q(cloudevent_type(row["event_type"]))},"subject":{q(row["aggregate_id"])},'
        f'"time":"{time}","datacontenttype":"application/json",'
        f'"aggregatetype":{q(row["aggregate_type"])},"aggregateid":{q(row["aggregate_id"])},'
        f'"aggregateversion":{int(row["version"])},"eventversion":{int(row["event_version"])}'
        f'{optional},"actor":{q(row["actor"])}{traceparent},"data":{row["data"]}}}'
    ).encode()
