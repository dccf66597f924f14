"""EnvelopeReader: one validation pass for current events, and for everything else exactly what
`Envelope.from_json` + `to_event` give (upcasting, unknown types, invalid data)."""
from __future__ import annotations

import json
from datetime import UTC, datetime
from uuid import uuid4

import pytest
from pydantic import ValidationError

from pmo_shared.envelope import Envelope, EnvelopeReader, cloudevent_type
from pmo_shared.events.base import DomainEvent
from pmo_shared.events.catalogue import Catalogue, CatalogueError

catalogue = Catalogue()


@catalogue.register
class Renamed(DomainEvent):
    event_type = "svc.thing.renamed"
    event_version = 2
    thing_id: str
    new_name: str


@catalogue.upcaster("svc.thing.renamed", 1)
def _v1_to_v2(data):  # type: ignore[no-untyped-def]
    return {"thing_id": data["thing_id"], "new_name": data["name"]}


def _raw(data: dict[str, object], *, event_type: str = "svc.thing.renamed",
         version: int = 2) -> bytes:
    return Envelope(
        id=uuid4(), source="/pmo/svc", type=cloudevent_type(event_type), subject="t-1",
        time=datetime(2027, 1, 4, 9, 30, tzinfo=UTC), aggregatetype="thing", aggregateid="t-1",
        aggregateversion=3, eventversion=version, actor="ada", data=data,
    ).to_json()


def test_a_current_event_is_read_with_its_data_already_the_event() -> None:
    raw = _raw({"thing_id": "t-1", "new_name": "B"})

    envelope = EnvelopeReader(catalogue).read(raw)

    assert type(envelope) is not Envelope
    assert envelope.data == Renamed(thing_id="t-1", new_name="B")
    assert envelope.to_event(catalogue) == Envelope.from_json(raw).to_event(catalogue)
    generic = Envelope.from_json(raw)
    assert (envelope.id, envelope.time, envelope.aggregateversion, envelope.actor) == (
        generic.id, generic.time, generic.aggregateversion, generic.actor)


def test_an_older_version_is_read_plainly_and_upcast() -> None:
    envelope = EnvelopeReader(catalogue).read(_raw({"thing_id": "t-1", "name": "A"}, version=1))

    assert type(envelope) is Envelope
    assert envelope.to_event(catalogue) == Renamed(thing_id="t-1", new_name="A")


def test_an_unknown_type_fails_only_when_its_event_is_asked_for() -> None:
    envelope = EnvelopeReader(catalogue).read(_raw({}, event_type="svc.thing.vanished"))

    with pytest.raises(CatalogueError, match="unknown event type"):
        envelope.to_event(catalogue)


def test_invalid_data_fails_as_the_plain_envelope_does() -> None:
    envelope = EnvelopeReader(catalogue).read(_raw({"thing_id": "t-1"}))

    assert type(envelope) is Envelope
    with pytest.raises(ValidationError, match="new_name"):
        envelope.to_event(catalogue)


def test_a_body_written_with_other_spacing_is_still_read() -> None:
    raw = json.dumps(json.loads(_raw({"thing_id": "t-1", "new_name": "B"})), indent=1).encode()

    envelope = EnvelopeReader(catalogue).read(raw)

    assert envelope.to_event(catalogue) == Renamed(thing_id="t-1", new_name="B")


def test_an_unreadable_body_is_refused() -> None:
    with pytest.raises(ValidationError):
        EnvelopeReader(catalogue).read(b'{"type":"pmo.svc.thing.renamed", "data": ')


def test_an_unwanted_type_is_read_plainly_and_its_data_left_unchecked() -> None:
    reader = EnvelopeReader(catalogue, wanted=lambda cls: cls is not Renamed)

    envelopes = [reader.read(_raw({"thing_id": "t-1"})) for _ in range(2)]  # new_name missing

    assert [type(envelope) for envelope in envelopes] == [Envelope, Envelope]
    assert envelopes[0].data == {"thing_id": "t-1"}
    with pytest.raises(ValidationError, match="new_name"):  # only once it is asked for
        envelopes[0].to_event(catalogue)
