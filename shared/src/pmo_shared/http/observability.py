"""Structured logs, X-Request-ID correlation and Prometheus HTTP request metrics."""
from __future__ import annotations

import logging
import re
import time
from uuid import uuid4

import structlog
from asgi_correlation_id import CorrelationIdMiddleware, correlation_id
from fastapi import FastAPI
from prometheus_client import CollectorRegistry, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
# Printable ASCII only: the id is echoed into headers and logs, so no control characters.
_CLIENT_REQUEST_ID = re.compile(r"[\x20-\x7e]{1,128}")
_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED_ROUTE = "<unmatched>"


def _add_request_id(
    logger: object, method_name: str, event_dict: structlog.types.EventDict
) -> structlog.types.EventDict:
    request_id = correlation_id.get()
    if request_id is not None:
        event_dict.setdefault("request_id", request_id)
    return event_dict


def configure_logging(level: str, json: bool) -> None:
    """Route structlog and stdlib logging (uvicorn, sqlalchemy, ...) through one renderer."""
    shared: list[structlog.types.Processor] = [
        structlog.contextvars.merge_contextvars,
        structlog.stdlib.add_log_level,
        structlog.stdlib.add_logger_name,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        _add_request_id,
    ]
    renderer: list[structlog.types.Processor] = (
        [structlog.processors.dict_tracebacks, structlog.processors.JSONRenderer()]
        if json
        else [structlog.dev.ConsoleRenderer(colors=False)]
    )
    structlog.configure(
        processors=[*shared, structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
        logger_factory=structlog.stdlib.LoggerFactory(),
        wrapper_class=structlog.stdlib.BoundLogger,
        cache_logger_on_first_use=True,
    )
    formatter = structlog.stdlib.ProcessorFormatter(
        foreign_pre_chain=shared,
        processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *renderer],
    )
    handler = logging.StreamHandler()
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level.upper())
    # Uvicorn installs its own handlers; hand its records to the root handler instead.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logging.getLogger(name).handlers = []
        logging.getLogger(name).propagate = True


def _valid_client_request_id(value: str) -> bool:
    return _CLIENT_REQUEST_ID.fullmatch(value) is not None


def install_request_id(app: FastAPI) -> None:
    app.add_middleware(
        CorrelationIdMiddleware,
        header_name=REQUEST_ID_HEADER,
        validator=_valid_client_request_id,
        generator=lambda: uuid4().hex,
    )


def current_request_id() -> str | None:
    return correlation_id.get()


def request_duration_histogram(registry: CollectorRegistry) -> Histogram:
    return Histogram(
        "pmo_http_request_duration_seconds",
        "HTTP request duration by route template",
        labelnames=("service", "method", "route", "status"),
        registry=registry,
    )


class HttpMetrics:
    """Pure ASGI, so streaming responses pass through untouched; timed until the last byte."""

    def __init__(self, app: ASGIApp, *, histogram: Histogram, service: str) -> None:
        self.app = app
        self.histogram = histogram
        self.service = service

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500  # what the client sees if the app raises before responding
        started = time.perf_counter()

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            self.histogram.labels(
                service=self.service,
                method=scope["method"] if scope["method"] in _KNOWN_METHODS else "OTHER",
                route=_route_template(scope),
                status=str(status),
            ).observe(time.perf_counter() - started)


def _route_template(scope: Scope) -> str:
    # The router stores the matched route in the scope; the raw path would be unbounded labels.
    route = scope.get("route")
    template = getattr(route, "path_format", None) or getattr(route, "path", None)
    return template if isinstance(template, str) else UNMATCHED_ROUTE


def install_metrics(app: FastAPI, *, registry: CollectorRegistry, service: str) -> None:
    app.add_middleware(HttpMetrics, histogram=request_duration_histogram(registry), service=service)
