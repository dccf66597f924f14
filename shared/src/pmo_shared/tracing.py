"""OpenTelemetry tracing, off unless `tracing_enabled`: a server span per HTTP request (continuing
the caller's `traceparent`), that span's traceparent stored with the events the request writes, and
a consumer span per projected event as its child, so one trace crosses the NATS hop."""
from __future__ import annotations

from collections.abc import Sequence

from opentelemetry import trace
from opentelemetry.context import Context
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor, SimpleSpanProcessor, SpanExporter
from opentelemetry.trace import Span, SpanKind, Tracer
from opentelemetry.trace.propagation.tracecontext import TraceContextTextMapPropagator
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pmo_shared.envelope import Envelope
from pmo_shared.settings import ServiceSettings

_PROPAGATOR = TraceContextTextMapPropagator()
# One provider per service name: several apps may share a process (tests, the local runner).
_providers: dict[str, TracerProvider] = {}


def install_provider(service_name: str, exporter: SpanExporter, *,
                     batch: bool = True) -> TracerProvider:
    """Registers where `service_name`'s spans go; tests pass an in-memory exporter unbatched."""
    provider = TracerProvider(resource=Resource.create({"service.name": f"pmo-{service_name}"}))
    processor = BatchSpanProcessor(exporter) if batch else SimpleSpanProcessor(exporter)
    provider.add_span_processor(processor)
    _providers[service_name] = provider
    return provider


def tracer_for(settings: ServiceSettings) -> Tracer | None:
    if not settings.tracing_enabled:
        return None
    provider = _providers.get(settings.service_name)
    if provider is None:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        endpoint = f"{settings.otlp_endpoint.rstrip('/')}/v1/traces"
        provider = install_provider(settings.service_name, OTLPSpanExporter(endpoint=endpoint))
    return provider.get_tracer("pmo_shared")


def current_traceparent() -> str | None:
    """The W3C traceparent of the active span, stored in the events a command writes."""
    context = trace.get_current_span().get_span_context()
    if not context.is_valid:
        return None
    return f"00-{context.trace_id:032x}-{context.span_id:016x}-{int(context.trace_flags):02x}"


def context_from(traceparent: str | None) -> Context | None:
    return _PROPAGATOR.extract({"traceparent": traceparent}) if traceparent else None


def start_consumer_spans(tracer: Tracer | None, consumer: str,
                         envelopes: Sequence[Envelope | None]) -> list[Span]:
    """One CONSUMER span per event, child of the span that wrote it; the caller ends them."""
    if tracer is None:
        return []
    return [
        tracer.start_span(
            f"{envelope.type} process", context=context_from(envelope.traceparent),
            kind=SpanKind.CONSUMER,
            attributes={"messaging.system": "nats", "messaging.consumer.group.name": consumer,
                        "messaging.message.id": str(envelope.id), "pmo.event_type": envelope.type,
                        "pmo.aggregate_id": envelope.aggregateid},
        )
        for envelope in envelopes if envelope is not None
    ]


class TracingMiddleware:
    """A SERVER span around each HTTP request, named by route template once routing is done."""

    def __init__(self, app: ASGIApp, *, tracer: Tracer) -> None:
        self.app = app
        self.tracer = tracer

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        carrier = {key.decode("latin-1"): value.decode("latin-1") for key, value in scope["headers"]}
        method = scope["method"]
        with self.tracer.start_as_current_span(
                method, context=_PROPAGATOR.extract(carrier), kind=SpanKind.SERVER,
                attributes={"http.request.method": method}) as span:

            async def recording_send(message: Message) -> None:
                if message["type"] == "http.response.start":
                    span.set_attribute("http.response.status_code", message["status"])
                await send(message)

            try:
                await self.app(scope, receive, recording_send)
            finally:
                route = getattr(scope.get("route"), "path", None)
                if route:
                    span.update_name(f"{method} {route}")
                    span.set_attribute("http.route", route)
