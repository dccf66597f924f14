import pytest

from tests.integration.reporting.capacity.stream import reporting_service


@pytest.fixture
async def reporting(database_url, nats_server, tmp_path):
    async with reporting_service(database_url, nats_server.url, tmp_path / "keys") as service:
        yield service
