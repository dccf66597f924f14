"""CORS from an explicit origin allow-list; without configured origins no CORS headers at all."""
from __future__ import annotations

from collections.abc import Sequence

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

_ALLOWED_HEADERS = ["Authorization", "Content-Type", "If-Match", "Idempotency-Key", "X-Request-ID"]
_EXPOSED_HEADERS = ["ETag", "Location", "X-Request-ID"]


def install_cors(app: FastAPI, origins: Sequence[str]) -> None:
    if not origins:
        return
    app.add_middleware(
        CORSMiddleware,
        allow_origins=list(origins),  # "*" only if someone configured it explicitly
        # Bearer tokens, not cookies: credentialed CORS would only widen what a page can do.
        allow_credentials=False,
        allow_methods=["GET", "POST", "PUT", "PATCH", "DELETE"],
        allow_headers=_ALLOWED_HEADERS,
        expose_headers=_EXPOSED_HEADERS,
        max_age=600,
    )
