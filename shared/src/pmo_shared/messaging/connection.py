"""Connecting to NATS: a missing server is retried forever in the background, never failing start-up."""
from __future__ import annotations

import asyncio

import nats
import structlog
from nats.aio.client import Client

log = structlog.get_logger(__name__)


async def connect_nats(url: str, *, name: str, user: str | None = None,
                       password: str | None = None) -> Client:
    async def on_error(exc: Exception) -> None:
        log.warning("nats.error", error=repr(exc))

    async def on_disconnected() -> None:
        log.warning("nats.disconnected")

    async def on_reconnected() -> None:
        log.info("nats.reconnected")

    return await nats.connect(
        servers=url.split(","), name=name, user=user, password=password,
        allow_reconnect=True, max_reconnect_attempts=-1, reconnect_time_wait=0.5,
        connect_timeout=2,
        error_cb=on_error, disconnected_cb=on_disconnected, reconnected_cb=on_reconnected,
    )


async def connect_forever(url: str, *, name: str, user: str | None = None,
                          password: str | None = None) -> Client:
    """The first connection is retried with backoff; later drops are the client's reconnects."""
    backoff = 0.1
    while True:
        try:
            return await connect_nats(url, name=name, user=user, password=password)
        except Exception as exc:
            log.warning("nats.connect_failed", url=url, error=repr(exc), retry_in=backoff)
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 5.0)
