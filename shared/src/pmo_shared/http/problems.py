"""RFC 9457 problem details: the error body model, its OpenAPI entries and the exception handlers."""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from pmo_shared.kernel.errors import DomainError

PROBLEM_BASE = "https://pmo.dev/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"

log = structlog.get_logger(__name__)

# Slugs for errors Starlette/FastAPI raise themselves; our own code raises DomainError instead,
# so a bare 400 HTTPException can only come from FastAPI failing to parse the body.
_HTTP_PROBLEMS = {
    400: ("malformed-body", "The request body could not be parsed"),
    401: ("unauthenticated", "Authentication required"),
    403: ("forbidden", "You may not do this"),
    404: ("not-found", "No such resource"),
    405: ("method-not-allowed", "Method not allowed"),
    406: ("not-acceptable", "Not acceptable"),
    413: ("body-too-large", "Request body too large"),
    415: ("unsupported-media-type", "Unsupported media type"),
    429: ("too-many-requests", "Too many requests"),
}


class FieldError(BaseModel):
    """One invalid input: `pointer` for the JSON body, `parameter` for query/path/header/cookie."""

    pointer: str | None = Field(default=None, examples=["#/budget/amount"])
    parameter: str | None = Field(default=None, examples=["query.limit"])
    detail: str
    type: str = Field(examples=["decimal_parsing"])


class Problem(BaseModel):
    """RFC 9457 problem details; extension members are allowed alongside the standard ones."""

    model_config = ConfigDict(extra="allow")

    type: str = Field(examples=[PROBLEM_BASE + "not-found"])
    title: str
    status: int
    detail: str
    instance: str | None = None
    errors: list[FieldError] | None = None


def _problem_entry(description: str) -> dict[str, Any]:
    # No "model" key: FastAPI would also list it under application/json, which we never send.
    # install_problem_handlers puts the Problem schema into the components instead.
    schema = {"$ref": "#/components/schemas/Problem"}
    return {"description": description, "content": {PROBLEM_MEDIA_TYPE: {"schema": schema}}}


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: _problem_entry("Malformed request (body, cursor or If-Match)"),
    401: _problem_entry("Missing or invalid bearer token"),
    403: _problem_entry("The caller may not do this"),
    404: _problem_entry("No such resource"),
    409: _problem_entry("Conflict with the current state"),
    412: _problem_entry("If-Match does not match the current version"),
    413: _problem_entry("Request body too large"),
    422: _problem_entry("Invalid fields; see `errors`"),
}


def problem_response(
    status: int,
    slug: str,
    title: str,
    detail: str,
    *,
    headers: Mapping[str, str] | None = None,
    **extensions: Any,
) -> JSONResponse:
    problem = Problem(type=PROBLEM_BASE + slug, title=title, status=status, detail=detail,
                      **extensions)
    return JSONResponse(
        problem.model_dump(mode="json", exclude_none=True),
        status_code=status,
        headers=dict(headers) if headers else None,
        media_type=PROBLEM_MEDIA_TYPE,
    )


def _escape_pointer_token(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def _field_error(error: Mapping[str, Any]) -> FieldError:
    loc: Sequence[str | int] = error.get("loc", ())
    where, path = (loc[0], loc[1:]) if loc else ("body", ())
    detail, kind = str(error.get("msg", "invalid")), str(error.get("type", "invalid"))
    if where == "body":
        pointer = "#" + "".join("/" + _escape_pointer_token(part) for part in path)
        return FieldError(pointer=pointer, detail=detail, type=kind)
    parameter = ".".join(str(part) for part in loc)
    return FieldError(parameter=parameter, detail=detail, type=kind)


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = exc.errors()
    if any(error.get("type") == "json_invalid" for error in errors):
        slug, title = _HTTP_PROBLEMS[400]
        return problem_response(400, slug, title, "The request body is not valid JSON.")
    # Only the message and location go out: echoing `input` could reflect secrets back.
    field_errors = [_field_error(error) for error in errors]
    return problem_response(
        422, "validation-failed", "The request has invalid fields",
        f"{len(field_errors)} field(s) failed validation; see errors.",
        errors=[fe.model_dump(exclude_none=True) for fe in field_errors],
    )


def _phrase(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


async def _on_http_exception(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    status = exc.status_code
    slug, title = _HTTP_PROBLEMS.get(status, (f"http-{status}", _phrase(status)))
    detail = exc.detail if isinstance(exc.detail, str) and exc.detail else title
    return problem_response(status, slug, title, detail, headers=exc.headers)


async def _on_domain_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    # A subclass may carry response headers (401 needs WWW-Authenticate); DomainError itself has none.
    headers: Mapping[str, str] | None = getattr(exc, "response_headers", None)
    return problem_response(exc.status, exc.problem_type, exc.title, exc.detail,
                            headers=headers, **exc.extensions)


def _internal_error() -> JSONResponse:
    return problem_response(500, "internal-error", "Internal server error",
                            "The server failed to handle this request; it has been logged.")


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled_exception", method=request.method, path=request.url.path, exc_info=exc)
    return _internal_error()


class _UnhandledErrors:
    """Turns an exception escaping the app into the 500 problem *inside* the user middleware.

    Starlette sends `Exception` handlers to the outermost ServerErrorMiddleware, whose 500 skips
    every user middleware (no X-Request-ID, no CORS, not counted in metrics) and is re-raised to
    the server, which logs it a second time.
    """

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        response_started = False

        async def tracking_send(message: Message) -> None:
            nonlocal response_started
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, receive, tracking_send)
        except Exception as exc:
            if response_started:
                raise  # too late for a problem body; let the server drop the connection
            log.error("unhandled_exception", method=scope["method"], path=scope["path"],
                      exc_info=exc)
            await _internal_error()(scope, receive, send)


def _document_problem_schema(app: FastAPI) -> None:
    generate = app.openapi
    problem = Problem.model_json_schema(ref_template="#/components/schemas/{model}")
    schemas = {**problem.pop("$defs", {}), "Problem": problem}

    def openapi() -> dict[str, Any]:
        document = generate()
        document.setdefault("components", {}).setdefault("schemas", {}).update(schemas)
        return document

    app.openapi = openapi  # type: ignore[method-assign]


def install_problem_handlers(app: FastAPI) -> None:
    _document_problem_schema(app)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(HTTPException, _on_http_exception)
    app.add_exception_handler(DomainError, _on_domain_error)
    # Appended, not inserted: innermost whatever order the other middleware is installed in.
    app.user_middleware.append(Middleware(_UnhandledErrors))
    # Still covers an exception raised by a middleware itself.
    app.add_exception_handler(Exception, _on_unexpected)
