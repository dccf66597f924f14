"""The FastAPI application every service builds: errors, limits, request ids, metrics, auth, health."""
from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager

from fastapi import APIRouter, FastAPI
from prometheus_client import CollectorRegistry
from prometheus_client.registry import Collector

from pmo_shared.admin.http import router as republish_router
from pmo_shared.events import catalogue
from pmo_shared.eventstore.tables import KernelTables
from pmo_shared.http.cors import install_cors
from pmo_shared.http.health import Check, health_router
from pmo_shared.http.limits import BodySizeLimit
from pmo_shared.http.observability import configure_logging, install_request_telemetry
from pmo_shared.http.problems import PROBLEM_RESPONSES, install_problem_handlers
from pmo_shared.http.tokens import TokenVerifier
from pmo_shared.kernel.clock import Clock
from pmo_shared.settings import ServiceSettings
from pmo_shared.telemetry import write_side_collectors
from pmo_shared.tracing import TracingMiddleware, tracer_for
from pmo_shared.writeside import Subscription, WriteSide

Hook = Callable[[], Awaitable[None]]


def create_service_app(
    settings: ServiceSettings, *, title: str, description: str, routers: Sequence[APIRouter],
    checks: Mapping[str, Check], on_start: Hook, on_stop: Hook,
    collectors: Sequence[Collector] = (),
) -> FastAPI:
    configure_logging(settings.log_level, settings.log_json)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        await on_start()
        try:
            yield
        finally:
            await on_stop()

    docs = settings.docs_enabled
    app = FastAPI(
        title=title, description=description, version="1.0.0", lifespan=lifespan,
        docs_url="/docs" if docs else None, redoc_url=None,
        openapi_url="/openapi.json" if docs else None, responses=PROBLEM_RESPONSES,
    )
    app.state.settings = settings
    app.state.token_verifier = TokenVerifier.from_settings(settings)
    app.state.metrics_registry = registry = CollectorRegistry()
    for collector in collectors:
        registry.register(collector)
    install_problem_handlers(app)
    for router in routers:
        app.include_router(router)
    app.include_router(health_router(checks, registry))
    # Middleware added last runs first: request id outermost, so even a 413 carries it.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    install_cors(app, settings.cors_allow_origins)
    tracer = tracer_for(settings)
    if tracer is not None:
        app.add_middleware(TracingMiddleware, tracer=tracer)
    install_request_telemetry(app, registry=registry, service=settings.service_name)
    return app


def create_write_service_app(
    settings: ServiceSettings, *, title: str, description: str, routers: Sequence[APIRouter],
    tables: KernelTables, clock: Clock | None = None, subscriptions: Sequence[Subscription] = (),
) -> FastAPI:
    """A write service: the common app plus its event store, writer and outbox relay."""
    write_side = WriteSide(settings, tables=tables, catalogue=catalogue, clock=clock,
                           subscriptions=subscriptions)
    # Every write service can republish its store to the stream (PMO admins only).
    app = create_service_app(
        settings, title=title, description=description,
        routers=[*routers, republish_router],
        checks=write_side.health_checks(), on_start=write_side.start, on_stop=write_side.stop,
        collectors=write_side_collectors(write_side),
    )
    app.state.write_side = write_side
    return app
