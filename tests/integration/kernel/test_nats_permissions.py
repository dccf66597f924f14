"""One NATS user per service: each publishes only its own subjects; reporting only consumes."""
import asyncio

import nats
import pytest
from nats.errors import TimeoutError as NatsTimeout
from nats.js.errors import APIError, NoStreamResponseError

from pmo_shared.devserver import NatsServer
from pmo_shared.messaging.permissions import generate_passwords, server_config
from pmo_shared.messaging.stream import ensure_stream

STREAM = "PMO"
DENIED = (NatsTimeout, NoStreamResponseError, APIError, asyncio.TimeoutError, PermissionError)


@pytest.fixture
def secured(tmp_path):
    passwords = generate_passwords()
    config = tmp_path / "nats.conf"
    config.write_text(server_config(passwords, stream=STREAM,
                                    subscriptions={"projects": ["projects-gates"]}))
    server = NatsServer(tmp_path / "store", config_file=config)
    server.start()
    yield server, passwords
    server.stop()


async def connect(server, passwords, user):
    async def quiet(exc):
        """Permission violations are expected here; the assertions check their effect."""

    nc = await nats.connect(server.url, user=user, password=passwords[user], error_cb=quiet)
    return nc, None


@pytest.fixture
async def stream(secured):
    server, passwords = secured
    nc, _ = await connect(server, passwords, "admin")
    await ensure_stream(nc.jetstream(), name=STREAM)
    await nc.close()
    return secured


async def test_a_service_publishes_its_own_subjects_but_not_another_services(stream):
    server, passwords = stream
    nc, _ = await connect(server, passwords, "projects")
    js = nc.jetstream(timeout=1)
    try:
        ack = await js.publish("pmo.projects.project.chartered", b"{}")
        assert ack.seq == 1
        with pytest.raises(DENIED):
            await js.publish("pmo.governance.risk.identified", b"{}")
    finally:
        await nc.close()
    admin, _ = await connect(server, passwords, "admin")
    assert (await admin.jetstream().stream_info(STREAM)).state.messages == 1
    await admin.close()


async def test_no_service_may_delete_or_purge_the_stream(stream):
    server, passwords = stream
    for user in ("projects", "governance", "resources", "reporting"):
        nc, _ = await connect(server, passwords, user)
        js = nc.jetstream(timeout=1)
        try:
            with pytest.raises(DENIED):
                await js.purge_stream(STREAM)
            with pytest.raises(DENIED):
                await js.delete_stream(STREAM)
        finally:
            await nc.close()


async def test_reporting_consumes_but_cannot_publish_events(stream):
    server, passwords = stream
    writer, _ = await connect(server, passwords, "resources")
    await writer.jetstream().publish("pmo.resources.person.registered", b"{}")
    await writer.close()
    nc, _ = await connect(server, passwords, "reporting")
    js = nc.jetstream(timeout=1)
    try:
        subscription = await js.pull_subscribe("pmo.>", durable="reporting", stream=STREAM)
        [message] = await subscription.fetch(1, timeout=5)
        await message.ack()
        assert message.subject == "pmo.resources.person.registered"
        with pytest.raises(DENIED):
            await js.publish("pmo.projects.project.chartered", b"{}")
    finally:
        await nc.close()
