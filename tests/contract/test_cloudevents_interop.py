"""What we publish is a valid CloudEvents 1.0 structured-mode JSON event for the official SDK."""
from datetime import UTC, datetime
from uuid import uuid4

import nats
from cloudevents.core.formats.json import JSONFormat

from pmo_shared.envelope import Envelope
from pmo_shared.messaging.stream import subject_for
from tests.support.waiting import wait_until


def test_the_official_sdk_reads_our_envelope_with_every_extension():
    envelope = Envelope(
        id=uuid4(), source="/pmo/projects", type="pmo.projects.project.chartered",
        subject="p-1", time=datetime(2027, 1, 4, 9, 30, tzinfo=UTC), aggregatetype="project",
        aggregateid="p-1", aggregateversion=3, eventversion=1, correlationid="req-9",
        causationid="evt-8", actor="alice", data={"code": "ERP"},
    )

    event = JSONFormat().read(None, envelope.to_json())

    assert event.get_specversion() == "1.0"
    assert event.get_id() == str(envelope.id)
    assert event.get_type() == "pmo.projects.project.chartered"
    assert event.get_time() == datetime(2027, 1, 4, 9, 30, tzinfo=UTC)
    assert event.get_data() == {"code": "ERP"}
    extensions = {name: event.get_extension(name) for name in (
        "aggregateid", "aggregateversion", "eventversion", "correlationid", "causationid",
        "actor", "aggregatetype")}
    assert extensions == {"aggregateid": "p-1", "aggregateversion": 3, "eventversion": 1,
                          "correlationid": "req-9", "causationid": "evt-8", "actor": "alice",
                          "aggregatetype": "project"}


async def test_a_message_taken_off_the_stream_is_read_by_the_sdk(system, nats_server):
    admin = system.auth(roles=["pmo_admin"])
    created = await system.resources.post("/v1/people", headers={**admin, "X-Request-ID": "tour-1"},
                                          json={"name": "Grace", "role": "analyst"})
    nc = await nats.connect(nats_server.url)
    try:
        js = nc.jetstream()
        await wait_until(lambda: _has_messages(js), message="relay published nothing")
        subscription = await js.pull_subscribe(subject_for("resources.person.registered"),
                                               stream="PMO")
        [message] = await subscription.fetch(1, timeout=5)
    finally:
        await nc.close()

    event = JSONFormat().read(None, message.data)

    assert event.get_id() == created.headers["PMO-Event-Ids"]
    assert event.get_source() == "/pmo/resources"
    assert event.get_subject() == created.json()["id"]
    assert event.get_data()["name"] == "Grace"
    assert message.headers["Nats-Msg-Id"] == event.get_id()
    assert event.get_extension("correlationid") == "tour-1"
    assert event.get_extension("actor") == "tester"


async def _has_messages(js) -> bool:
    return (await js.stream_info("PMO")).state.messages > 0
