"""Which endpoints each service offers, read from its OpenAPI document, so a step whose
endpoint is not there yet is skipped with a note instead of failing the run."""
from __future__ import annotations

import re
from collections.abc import Mapping

import httpx

PLACEHOLDER = re.compile(r"\{[^}]+\}")


def _shape(path: str) -> str:
    return PLACEHOLDER.sub("{}", path)


def _matches(offered: str, wanted: str) -> bool:
    """`/v1/x/{}/submit` is served by `/v1/x/{id}/{step}`, not the other way round."""
    a, b = offered.split("/"), wanted.split("/")
    return len(a) == len(b) and all(x == y or x == "{}" for x, y in zip(a, b, strict=True))


class Routes:
    def __init__(self, offered: Mapping[str, set[tuple[str, str]]] | None) -> None:
        self.offered = offered  # None: unknown, so everything is attempted
        self.known: dict[tuple[str, str, str], bool] = {}

    def has(self, service: str, method: str, path: str) -> bool:
        if self.offered is None or service not in self.offered:
            return True
        key = (service, method, _shape(path))
        if key not in self.known:
            self.known[key] = any(m == method and _matches(shape, key[2])
                                  for m, shape in self.offered[service])
        return self.known[key]

    @classmethod
    async def discover(cls, clients: Mapping[str, httpx.AsyncClient]) -> Routes:
        offered: dict[str, set[tuple[str, str]]] = {}
        for service, client in clients.items():
            response = await client.get("/openapi.json")
            if response.status_code == 200:
                offered[service] = {(method.upper(), _shape(path))
                                    for path, ops in response.json()["paths"].items()
                                    for method in ops}
        return cls(offered)
