"""/metrics: outbox backlog and age, relay counters, consumer applied/lag and dead letters."""
from __future__ import annotations

from contextlib import asynccontextmanager

import httpx
from prometheus_client.parser import text_string_to_metric_families

from pmo_shared.http.app import create_service_app, create_write_service_app
from pmo_shared.readside import ReadSide
from pmo_shared.telemetry import read_side_collectors
from tests.integration.ops import samples
from tests.support.waiting import wait_until


@asynccontextmanager
async def serving(app):
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            yield client


async def scrape(client) -> dict[str, float]:
    text = (await client.get("/metrics")).text
    return {f"{sample.name}{_labels(sample.labels)}": sample.value
            for family in text_string_to_metric_families(text) for sample in family.samples}


def _labels(labels: dict[str, str]) -> str:
    return "{" + ",".join(f"{k}={v}" for k, v in sorted(labels.items())) + "}" if labels else ""


def write_app(database_url, nats_url, keys_dir):
    return create_write_service_app(
        samples.settings(database_url, nats_url, stream="PMO", dev_mode=True,
                         dev_keys_dir=keys_dir, relay_publish_timeout_seconds=0.5),
        title="sample",
        description="sample", routers=[], tables=samples.write_tables)


async def test_the_outbox_backlog_and_its_age_are_exported_while_nats_is_down(
        database_url, nats_server, tmp_path):
    samples.create_schema(samples.write_metadata, database_url)
    app = write_app(database_url, nats_server.url, tmp_path / "keys")
    async with serving(app) as client:
        side = app.state.write_side
        for _ in range(3):
            await samples.start_counter(side, increments=1)
        await wait_until(lambda: _published(client, 6), timeout=10)
        nats_server.kill()
        for _ in range(2):
            await samples.start_counter(side)
        metrics = await scrape(client)

    assert metrics["pmo_relay_published_total"] == 6
    assert metrics["pmo_outbox_backlog_events"] == 2
    assert metrics["pmo_outbox_oldest_pending_age_seconds"] >= 0
    assert metrics["pmo_http_request_duration_seconds_count{method=GET,route=/metrics,"
                   "service=sample,status=200}"] >= 1


async def _published(client, count: int) -> bool:
    metrics = await scrape(client)
    return metrics["pmo_relay_published_total"] == count and metrics["pmo_outbox_backlog_events"] == 0


async def test_a_read_side_exports_applied_events_lag_and_dead_letters(
        database_url, nats_server, tmp_path):
    write_url = f"sqlite:///{tmp_path / 'write.db'}"
    samples.create_schema(samples.write_metadata, write_url)
    samples.create_schema(samples.read_metadata, database_url)
    read_side: ReadSide = samples.read_side(samples.settings(
        database_url, nats_server.url, stream="PMO", dev_mode=True, dev_keys_dir=tmp_path / "keys"))
    app = create_service_app(
        read_side.runtime.settings, title="reader", description="reader", routers=[],
        checks=read_side.health_checks(), on_start=read_side.start, on_stop=read_side.stop,
        collectors=read_side_collectors(read_side))
    async with serving(app) as client, samples.write_side(
            samples.settings(write_url, nats_server.url, stream="PMO")) as writer:
        for _ in range(4):
            await samples.start_counter(writer, increments=1)
        await wait_until(lambda: _applied(client, 8), timeout=15)
        metrics = await scrape(client)

    assert metrics["pmo_consumer_pending_messages{consumer=counters}"] == 0
    assert metrics["pmo_consumer_parked_total{consumer=counters}"] == 0
    assert metrics["pmo_dead_letters"] == 0


async def _applied(client, count: int) -> bool:
    return (await scrape(client)).get("pmo_consumer_applied_total{consumer=counters}") == count
