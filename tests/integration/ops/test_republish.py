"""`pmo republish`: the SQL event store rebuilds a deleted stream, and reporting rebuilds from it."""
from __future__ import annotations

import asyncio

import nats
from sqlalchemy import select
from typer.testing import CliRunner

from pmo_shared.cli import app
from pmo_shared.http.app import create_write_service_app
from tests.integration.ops import samples
from tests.integration.ops.test_metrics import serving
from tests.support.apps import auth
from tests.support.waiting import wait_until


async def delete_stream(nats_url: str, name: str) -> None:
    nc = await nats.connect(nats_url)
    try:
        await nc.jetstream().delete_stream(name)
    finally:
        await nc.close()


async def stored_event_ids(side) -> list[str]:
    outbox, events = samples.write_tables.outbox, samples.write_tables.events
    query = (select(events.c.event_id)
             .join(outbox, (events.c.aggregate_id == outbox.c.aggregate_id)
                   & (events.c.version == outbox.c.version))
             .order_by(outbox.c.id))
    return await side.database.read(lambda conn: list(conn.execute(query).scalars()))


async def test_republishing_after_the_stream_was_deleted_mid_run_restores_every_event_once(
        database_url, nats_server, tmp_path):
    samples.create_schema(samples.write_metadata, database_url)
    config = samples.settings(database_url, nats_server.url, stream="PMO")
    async with samples.write_side(config) as writer:
        await wait_until(lambda: writer.relay is not None)
        before = [await samples.start_counter(writer, increments=1) for _ in range(30)]
        await wait_until(lambda: _drained(writer), timeout=20)

        await delete_stream(nats_server.url, "PMO")
        after = [await samples.start_counter(writer, increments=1) for _ in range(20)]
        result = await asyncio.to_thread(CliRunner().invoke, app, [
            "republish", "--service", "sample", "--database-url", database_url,
            "--nats-url", nats_server.url, "--stream", "PMO"])
        await wait_until(lambda: _drained(writer), timeout=20)
        stored = await stored_event_ids(writer)

    assert result.exit_code == 0, result.output
    assert "sample: republished 100 events to stream PMO" in result.output
    stream = await samples.stream_contents(nats_server.url, "PMO")
    assert len(stream.ids) == len(stream.unique) == 100
    assert stream.unique == set(stored)
    # Events stored before the deletion come back in commit order.
    assert [i for i in stream.ids if i in set(stored[:60])] == stored[:60]

    rebuilt = samples.read_side(samples.settings(
        f"sqlite:///{tmp_path / 'rebuilt.db'}", nats_server.url, stream="PMO"))
    samples.create_schema(samples.read_metadata, rebuilt.database.url)
    await rebuilt.start()
    try:
        await wait_until(lambda: _projected(rebuilt, 50), timeout=20)
        model = await samples.read_model(rebuilt)
    finally:
        await rebuilt.stop()
    assert set(model) == {str(c.id) for c in before + after}
    assert set(model.values()) == {(1, 2)}


async def _drained(side) -> bool:
    return await samples.backlog(side) == 0


async def _projected(reader, counters: int) -> bool:
    return len(await samples.read_model(reader)) == counters


async def test_the_admin_endpoint_republishes_a_deleted_stream_for_pmo_admins_only(
        database_url, nats_server, tmp_path):
    samples.create_schema(samples.write_metadata, database_url)
    keys = tmp_path / "keys"
    service = create_write_service_app(
        samples.settings(database_url, nats_server.url, stream="PMO", dev_mode=True,
                         dev_keys_dir=keys),
        title="s", description="s", routers=[], tables=samples.write_tables)
    async with serving(service) as client:
        side = service.state.write_side
        counters = [await samples.start_counter(side, increments=2) for _ in range(10)]
        await wait_until(lambda: _drained(side), timeout=20)
        await delete_stream(nats_server.url, "PMO")

        refused = await client.post("/v1/admin/republish",
                                    headers=auth(keys, roles=["project_manager"]))
        done = await client.post("/v1/admin/republish", headers=auth(keys, roles=["pmo_admin"]))

    assert refused.status_code == 403
    assert refused.json()["type"].endswith("forbidden")
    assert done.status_code == 200, done.text
    assert done.json() == {"republished": 30, "stream": "PMO"}
    stream = await samples.stream_contents(nats_server.url, "PMO")
    assert len(stream.ids) == len(stream.unique) == 30
    assert {aggregate for aggregate, _ in stream.versions} == {str(c.id) for c in counters}
