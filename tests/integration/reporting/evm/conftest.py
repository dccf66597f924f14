"""The reporting service alone on a real database and a real NATS, fed real envelopes."""
import pytest

from pmo_reporting.app import create_app
from pmo_reporting.settings import ReportingSettings
from tests.integration.reporting.evm.feed import Feed
from tests.support.apps import auth, dev_settings, running
from tests.support.waiting import wait_until


@pytest.fixture
async def reporting(database_url, nats_server, tmp_path):
    settings = dev_settings(ReportingSettings, database_url=database_url,
                            nats_url=nats_server.url, keys_dir=tmp_path / "keys")
    async with running("pmo_reporting", create_app, settings) as client:
        side = client.app.state.read_side
        await wait_until(lambda: side.runtime.stream_ready and side.consumer is not None,
                         timeout=30)
        client.keys = tmp_path / "keys"
        client.admin = auth(client.keys, roles=["pmo_admin"])
        yield client


@pytest.fixture
def feed(nats_server):
    return Feed(nats_server.url)
