"""OpenTelemetry: one trace from the caller's HTTP request, through the events it wrote and the
NATS hop, to the consumer span that projected them; and nothing at all when tracing is off."""
from __future__ import annotations

from uuid import uuid4

from fastapi import APIRouter
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from pydantic import BaseModel

from pmo_shared.http.app import create_write_service_app
from pmo_shared.http.commands import CommandScopeDep
from pmo_shared.tracing import install_provider
from tests.integration.ops import samples
from tests.integration.ops.test_metrics import serving
from tests.support.apps import auth
from tests.support.sample import Counter
from tests.support.waiting import wait_until

CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
router = APIRouter()


class CounterRead(BaseModel):
    counter_id: str


@router.post("/v1/counters", status_code=201)
async def start_counter(scope: CommandScopeDep):
    async def decide(uow):
        return uow.save(Counter.start(uuid4(), "traced"))

    return await scope.run(decide, lambda c: CounterRead(counter_id=str(c.id)), status=201)


def traced_settings(database_url, nats_url, keys, *, name: str, enabled: bool = True):
    config = samples.settings(database_url, nats_url, stream="PMO", dev_mode=True,
                              dev_keys_dir=keys, tracing_enabled=enabled)
    return config.model_copy(update={"service_name": name})


async def test_a_trace_runs_from_the_http_request_across_nats_to_the_projection(
        database_url, nats_server, tmp_path):
    writer_spans, reader_spans = InMemorySpanExporter(), InMemorySpanExporter()
    install_provider("traced-writer", writer_spans, batch=False)
    install_provider("traced-reader", reader_spans, batch=False)
    keys, read_url = tmp_path / "keys", f"sqlite:///{tmp_path / 'read.db'}"
    samples.create_schema(samples.write_metadata, database_url)
    samples.create_schema(samples.read_metadata, read_url)
    reader = samples.read_side(traced_settings(read_url, nats_server.url, keys,
                                               name="traced-reader"))
    app = create_write_service_app(
        traced_settings(database_url, nats_server.url, keys, name="traced-writer"),
        title="t", description="t", routers=[router], tables=samples.write_tables)
    await reader.start()
    try:
        async with serving(app) as client:
            headers = {**auth(keys, roles=["pmo_admin"]),
                       "traceparent": f"00-{CALLER_TRACE}-00f067aa0ba902b7-01"}
            created = await client.post("/v1/counters", headers=headers)
            await wait_until(lambda: len(reader_spans.get_finished_spans()) == 1, timeout=15)
    finally:
        await reader.stop()

    assert created.status_code == 201, created.text
    [server] = [s for s in writer_spans.get_finished_spans() if s.kind == SpanKind.SERVER]
    [consumer] = reader_spans.get_finished_spans()
    assert server.name == "POST /v1/counters"
    assert format(server.context.trace_id, "032x") == CALLER_TRACE
    assert server.attributes["http.response.status_code"] == 201
    assert consumer.context.trace_id == server.context.trace_id
    assert consumer.parent.span_id == server.context.span_id
    assert consumer.kind == SpanKind.CONSUMER
    assert consumer.name == "pmo.sample.counter.started process"


async def test_with_tracing_off_no_span_is_recorded_and_events_carry_no_traceparent(
        database_url, nats_server, tmp_path):
    spans = InMemorySpanExporter()
    install_provider("untraced-writer", spans, batch=False)
    keys = tmp_path / "keys"
    samples.create_schema(samples.write_metadata, database_url)
    app = create_write_service_app(
        traced_settings(database_url, nats_server.url, keys, name="untraced-writer",
                        enabled=False),
        title="t", description="t", routers=[router], tables=samples.write_tables)
    async with serving(app) as client:
        created = await client.post("/v1/counters", headers={
            **auth(keys, roles=["pmo_admin"]), "traceparent": f"00-{CALLER_TRACE}-00f067aa0ba902b7-01"})
        stored = await app.state.write_side.database.read(lambda conn: conn.execute(
            samples.write_tables.events.select()).one())

    assert created.status_code == 201
    assert spans.get_finished_spans() == ()
    assert stored.traceparent is None
