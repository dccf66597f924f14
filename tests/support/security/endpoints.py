"""Every route of an app, enumerated from `app.routes` (included routers too), with the means to
call it: path parameters filled in and the request body example its OpenAPI document gives."""
from __future__ import annotations

import copy
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

from fastapi import FastAPI
from fastapi.routing import APIRoute, _IncludedRouter


@dataclass(frozen=True)
class Endpoint:
    service: str
    method: str
    path: str
    route: APIRoute

    @property
    def key(self) -> str:
        return f"{self.service} {self.method} {self.path}"

    @property
    def writes(self) -> bool:
        return self.method in {"POST", "PUT", "PATCH", "DELETE"}


def endpoints(service: str, app: FastAPI) -> Iterator[Endpoint]:
    """Every (method, path) the app serves through FastAPI routes, routers included."""
    for route in app.routes:
        if isinstance(route, _IncludedRouter):
            pairs = [(c.path, c.original_route) for c in route.effective_route_contexts()]
        else:
            pairs = [(getattr(route, "path", ""), route)]
        for path, original in pairs:
            if isinstance(original, APIRoute):
                for method in sorted(original.methods - {"HEAD"}):
                    yield Endpoint(service, method, path, original)


_PARAM = re.compile(r"{(\w+)}")
FIXED_PARAMS = {"role": "engineer", "step": "submission"}


def fill(path: str, values: dict[str, str] | None = None) -> str:
    """The path with each parameter from `values`, else a fixed word or a fresh UUID."""
    given = values or {}
    return _PARAM.sub(lambda m: given.get(m[1]) or FIXED_PARAMS.get(m[1]) or str(uuid4()), path)


def example_body(app: FastAPI, endpoint: Endpoint) -> dict[str, Any] | None:
    """The request body example the OpenAPI document gives for the route, if it has one."""
    operation = app.openapi()["paths"][endpoint.path][endpoint.method.lower()]
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return None
    schema = content.get("schema", {})
    name = schema.get("$ref", "").rsplit("/", 1)[-1]
    component = app.openapi().get("components", {}).get("schemas", {}).get(name, {})
    examples = component.get("examples") or [content.get("example")]
    return copy.deepcopy(examples[0]) if examples and examples[0] is not None else {}
