"""Structured logs, X-Request-ID correlation, the access log and Prometheus HTTP request metrics."""
from __future__ import annotations

import logging
import re
import time
from uuid import uuid4

import structlog
from asgi_correlation_id import correlation_id
from fastapi import FastAPI
from prometheus_client import CollectorRegistry, Histogram
from starlette.types import ASGIApp, Message, Receive, Scope, Send

REQUEST_ID_HEADER = "X-Request-ID"
_REQUEST_ID_KEY = REQUEST_ID_HEADER.lower().encode()
# Printable ASCII only: the id is echoed into headers and logs, so no control characters.
_CLIENT_REQUEST_ID = re.compile(r"[\x20-\x7e]{1,128}")
_KNOWN_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})
UNMATCHED_ROUTE = "<unmatched>"
_QUIET_ROUTES = frozenset({"/livez", "/readyz", "/metrics"})
log = structlog.get_logger(__name__)
access_log = structlog.get_logger("pmo.access")


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
        # Level first: a line below the level (the access log at WARNING) skips every processor.
        processors=[structlog.stdlib.filter_by_level, *shared,
                    structlog.stdlib.ProcessorFormatter.wrap_for_formatter],
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


def current_request_id() -> str | None:
    return correlation_id.get()


def request_duration_histogram(registry: CollectorRegistry) -> Histogram:
    return Histogram(
        "pmo_http_request_duration_seconds",
        "HTTP request duration by route template",
        labelnames=("service", "method", "route", "status"),
        registry=registry,
    )


class RequestTelemetry:
    """Pure ASGI, one layer for what every request gets: its X-Request-ID (the client's if
    printable and at most 128 characters, else a new uuid4 hex; echoed on the response), the
    duration histogram and one access log line, both timed until the last byte. One layer, not
    three: each layer's wrapped `send` and frames are paid on every request."""

    def __init__(self, app: ASGIApp, *, histogram: Histogram | None = None, service: str = "",
                 log_access: bool = False) -> None:
        self.app = app
        self.histogram = histogram
        self.service = service
        self.log_access = log_access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        # Values bound by a previous request on this task must not leak into this one.
        structlog.contextvars.clear_contextvars()
        request_id = _request_id(scope)
        correlation_id.set(request_id)
        echoed = (_REQUEST_ID_KEY, request_id.encode())
        status = 500  # what the client sees if the app raises before responding
        started = time.perf_counter()

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", ()), echoed]
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            self._record(scope, status, time.perf_counter() - started)

    def _record(self, scope: Scope, status: int, seconds: float) -> None:
        route = _route_template(scope)
        if self.histogram is not None:
            method = scope["method"] if scope["method"] in _KNOWN_METHODS else "OTHER"
            self.histogram.labels(service=self.service, method=method, route=route,
                                  status=str(status)).observe(seconds)
        if self.log_access:
            # Probes and scrapes arrive every few seconds: keep them out of the info stream.
            emit = access_log.debug if route in _QUIET_ROUTES else access_log.info
            emit("http.request", method=scope["method"], route=route, status=status,
                 duration_ms=round(seconds * 1000, 2), correlation_id=current_request_id())
        structlog.contextvars.clear_contextvars()


def _request_id(scope: Scope) -> str:
    """The client's X-Request-ID if valid, else a new one, also written back into the request."""
    headers: list[tuple[bytes, bytes]] = list(scope["headers"])
    for index, (name, value) in enumerate(headers):
        if name == _REQUEST_ID_KEY:
            if _valid_client_request_id(client := value.decode("latin-1")):
                return client
            generated = uuid4().hex
            log.warning("request_id.replaced", generated=generated)
            headers[index] = (name, generated.encode())
            break
    else:
        generated = uuid4().hex
        headers.append((_REQUEST_ID_KEY, generated.encode()))
    scope["headers"] = headers
    return generated


def _route_template(scope: Scope) -> str:
    # The router stores the matched route in the scope; the raw path would be unbounded labels.
    route = scope.get("route")
    template = getattr(route, "path_format", None) or getattr(route, "path", None)
    return template if isinstance(template, str) else UNMATCHED_ROUTE


def install_request_id(app: FastAPI) -> None:
    app.add_middleware(RequestTelemetry)


def install_metrics(app: FastAPI, *, registry: CollectorRegistry, service: str) -> None:
    app.add_middleware(RequestTelemetry, histogram=request_duration_histogram(registry),
                       service=service)


def install_request_telemetry(app: FastAPI, *, registry: CollectorRegistry, service: str) -> None:
    """Request id, metrics and the access log; added last, so it runs first (outermost)."""
    app.add_middleware(RequestTelemetry, histogram=request_duration_histogram(registry),
                       service=service, log_access=True)
