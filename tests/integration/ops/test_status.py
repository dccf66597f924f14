"""`pmo status`: one line per service from its /readyz: readiness, relay backlog, NATS, lag."""
from __future__ import annotations

import httpx
from sqlalchemy import create_engine, inspect
from typer.testing import CliRunner

from pmo_shared.admin.status import collect_status, status_rows
from pmo_shared.cli import app
from pmo_shared.devserver import free_port
from pmo_shared.http.app import create_write_service_app
from tests.integration.ops import samples
from tests.integration.ops.test_metrics import serving
from tests.support.waiting import wait_until


async def test_status_shows_a_write_services_readiness_backlog_and_nats(
        database_url, nats_server, tmp_path):
    samples.create_schema(samples.write_metadata, database_url)
    config = samples.settings(database_url, nats_server.url, stream="PMO", dev_mode=True,
                              dev_keys_dir=tmp_path / "keys")
    service = create_write_service_app(config, title="s", description="s", routers=[],
                                       tables=samples.write_tables)
    async with serving(service):
        await wait_until(lambda: service.state.write_side.runtime.nats_connected)
        await wait_until(lambda: service.state.write_side.relay is not None)
        reports = await collect_status({"sample": "http://sample"},
                                       transport=httpx.ASGITransport(app=service))

    assert status_rows(reports) == ["sample  ready backlog=0 nats=up"]


def test_status_exits_1_and_names_an_unreachable_service():
    port = free_port()
    result = CliRunner().invoke(app, ["status", "--url", f"reporting=http://127.0.0.1:{port}"])

    assert result.exit_code == 1
    assert result.output.strip() == "reporting  unreachable (ConnectError)"


def test_pmo_migrate_creates_a_services_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'projects.db'}"

    result = CliRunner().invoke(app, ["migrate", "--service", "projects", "--database-url", url])

    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith("projects: migrated")
    engine = create_engine(url)
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
    engine.dispose()
    assert {"events", "outbox", "leases", "alembic_version"} <= tables
