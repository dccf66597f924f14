"""A rebuild's swap is durable: a restart (or a second replica) opens the rebuilt database."""
from contextlib import AsyncExitStack
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import make_url

from pmo_reporting.app import create_app
from pmo_reporting.operations.active import active_url
from pmo_reporting.settings import ReportingSettings
from tests.integration.reporting.evm.feed import at
from tests.integration.reporting.evm.test_project_evm import STATUS_ON, scenario
from tests.support.apps import auth, dev_settings, running
from tests.support.waiting import wait_until


@pytest.fixture
def settings(database_url, nats_server, tmp_path):
    return dev_settings(ReportingSettings, database_url=database_url, nats_url=nats_server.url,
                        keys_dir=tmp_path / "keys")


@pytest.fixture
def admin(settings):
    return auth(settings.dev_keys_dir, roles=["pmo_admin"])


async def started(stack, settings):
    client = await stack.enter_async_context(running("pmo_reporting", create_app, settings))
    side = client.app.state.read_side
    await wait_until(lambda: side.consumer is not None, timeout=30)
    return client


async def rebuild(client, admin):
    assert (await client.post("/v1/admin/rebuilds", headers=admin)).status_code == 202
    rebuilder = client.app.state.rebuilder
    await wait_until(lambda: rebuilder.status.state in ("done", "failed"), timeout=30)
    assert rebuilder.status.state == "done", rebuilder.status.error
    return client.app.state.read_side.database.url


async def ac(client, admin, feed):
    response = await client.get(f"/v1/evm/projects/{feed.project.project_id}", headers=admin,
                                params={"as_of": STATUS_ON, **feed.wait_params()})
    assert response.status_code == 200, response.text
    return response.json()["earned_value"]["ac"]


async def test_after_a_rebuild_a_restart_serves_and_feeds_the_rebuilt_database(
        settings, admin, feed):
    async with AsyncExitStack() as stack:
        client = await started(stack, settings)
        feed.project, _, _ = await scenario(feed)
        assert await ac(client, admin, feed) == "1155.00"
        rebuilt = await rebuild(client, admin)
    # Published while reporting is down: the restarted service must apply it to the rebuilt one.
    await feed.project.expense(recorded_at=at("2026-01-14T10:00"), spent_on=date(2026, 1, 14),
                               amount="45")

    async with AsyncExitStack() as stack:
        client = await started(stack, settings)
        status = (await client.get("/v1/admin/rebuilds/current", headers=admin)).json()
        assert client.app.state.read_side.database.url == rebuilt != settings.database_url
        assert (status["state"], status["active_database"]) == ("idle", make_url(rebuilt).database)
        assert await ac(client, admin, feed) == "1200.00"


async def test_a_second_rebuild_is_a_sibling_of_the_configured_database_and_becomes_active(
        settings, admin, feed):
    async with AsyncExitStack() as stack:
        client = await started(stack, settings)
        feed.project, _, _ = await scenario(feed)
        first = await rebuild(client, admin)
        second = await rebuild(client, admin)
    assert Path(make_url(second).database).name.count("rebuild") == 1
    assert active_url(settings.database_url) == second != first


async def test_another_replica_follows_a_rebuild_onto_the_rebuilt_database(settings, admin, feed):
    async with AsyncExitStack() as stack:
        first, second = await started(stack, settings), await started(stack, settings)
        feed.project, _, _ = await scenario(feed)
        assert await ac(second, admin, feed) == "1155.00"
        rebuilt = await rebuild(first, admin)
        side = second.app.state.read_side
        await wait_until(lambda: side.database.url == rebuilt, timeout=20,
                         message="the second replica never moved to the rebuilt database")
        await feed.project.expense(recorded_at=at("2026-01-14T10:00"),
                                   spent_on=date(2026, 1, 14), amount="45")
        assert (await ac(first, admin, feed), await ac(second, admin, feed)) == (
            "1200.00", "1200.00")
