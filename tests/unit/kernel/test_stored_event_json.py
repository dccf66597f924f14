"""The relay serializes stored rows without the Envelope model; consumers must not see a difference."""
import json
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from pmo_shared.envelope import Envelope, stored_event_json


def _pair(*, correlationid, causationid, traceparent, time):
    envelope = Envelope(
        id=uuid4(), source="/pmo/resources", type="pmo.resources.person.registered",
        subject="p-1", time=time, aggregatetype="person", aggregateid="p-1", aggregateversion=4,
        eventversion=2, correlationid=correlationid, causationid=causationid,
        actor='ad"a\\ü', traceparent=traceparent, data={"name": "Zoë \"Z\"", "rate": "12.50"},
    )
    row = {
        "event_id": str(envelope.id), "event_type": "resources.person.registered",
        "aggregate_id": "p-1", "recorded_at": time, "aggregate_type": "person", "version": 4,
        "event_version": 2, "correlation_id": correlationid, "causation_id": causationid,
        "actor": 'ad"a\\ü', "traceparent": traceparent,
        "data": json.dumps(envelope.data, separators=(",", ":")),
    }
    return envelope, stored_event_json(row, "/pmo/resources")


@pytest.mark.parametrize(("correlationid", "causationid", "traceparent", "time"), [
    ("req-1", None, None, datetime(2027, 1, 4, 9, 30, tzinfo=UTC)),
    (None, "evt-8", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
     datetime(2027, 1, 4, 9, 30, 0, 120, tzinfo=UTC)),
])
def test_a_stored_row_serializes_to_the_envelope_the_model_would_publish(
        correlationid, causationid, traceparent, time):
    envelope, raw = _pair(correlationid=correlationid, causationid=causationid,
                          traceparent=traceparent, time=time)

    assert Envelope.from_json(raw) == envelope
    assert list(json.loads(raw)) == list(json.loads(envelope.to_json()))
    assert json.loads(raw)["time"] == json.loads(envelope.to_json())["time"]
