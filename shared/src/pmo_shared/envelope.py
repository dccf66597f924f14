"""CloudEvents 1.0 envelope (structured JSON mode) carrying one domain event with our extensions."""
from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from json.encoder import encode_basestring
from typing import Any, Literal, cast
from uuid import UUID

from pydantic import BaseModel, ConfigDict, ValidationError, create_model

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


class _ReadWithEvent(Envelope):
    """An envelope whose `data` was validated straight into its event class."""

    def to_event(self, catalogue: Catalogue) -> DomainEvent:
        return cast(DomainEvent, self.data)


class EnvelopeReader:
    """Reads message bodies of one catalogue's events in a single validation pass where it can.

    `Envelope.from_json` validates the envelope with `data` as a dict, and `to_event` validates
    that dict again into the event class: two passes, a third of a replay's time per event. Here
    the body's `"type"` is looked up first and a model whose `data` is that type's event class at
    its current version reads it all at once. Any other body (an older version to upcast, an
    unknown type, invalid data, `type` written otherwise) is read as a plain Envelope, whose
    `to_event` then upcasts or fails exactly as before.

    `wanted` names the event classes whose events the caller will use: those of other classes
    are read as plain Envelopes too, since validating their data (a third of a timesheet line's
    reading) would be wasted."""

    _TYPE_KEY = b'"type":"'

    def __init__(self, catalogue: Catalogue,
                 wanted: Callable[[type[DomainEvent]], bool] | None = None) -> None:
        self._catalogue = catalogue
        self._wanted = wanted
        self._models: dict[bytes, type[Envelope]] = {}  # only for types of the catalogue
        self._unwanted: set[bytes] = set()  # likewise

    def read(self, raw: bytes) -> Envelope:
        start = raw.find(self._TYPE_KEY) + len(self._TYPE_KEY)
        declared = raw[start:raw.find(b'"', start)] if start >= len(self._TYPE_KEY) else b""
        model = self._models.get(declared)
        if model is None and declared not in self._unwanted:
            model = self._model_for(declared)
        if model is not None:
            try:
                return model.model_validate_json(raw)
            except ValidationError:
                pass
        return Envelope.from_json(raw)

    def _model_for(self, declared: bytes) -> type[Envelope] | None:
        type_ = declared.decode("utf-8", "replace")
        if not type_.startswith(TYPE_PREFIX):
            return None
        try:
            cls = self._catalogue.class_for(type_.removeprefix(TYPE_PREFIX))
        except LookupError:
            return None
        if self._wanted is not None and not self._wanted(cls):
            self._unwanted.add(declared)
            return None
        model: type[Envelope] = create_model(
            f"Envelope[{cls.event_type}]", __base__=_ReadWithEvent,
            type=(Literal[type_], ...),  # type: ignore[arg-type]
            eventversion=(Literal[cls.event_version], ...),  # type: ignore[arg-type]
            data=(cls, ...))
        self._models[declared] = model
        return model


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
