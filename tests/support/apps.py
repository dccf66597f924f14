"""Running a service in-process on real databases and a real NATS, with dev tokens for callers."""
from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from uuid import UUID

import httpx
from fastapi import FastAPI

from pmo_shared.http.devkeys import DevKeys, issue_token
from pmo_shared.migrate import upgrade
from pmo_shared.settings import ServiceSettings
from tests.support.waiting import wait_until


def dev_settings(settings_cls: type[ServiceSettings], *, database_url: str, nats_url: str,
                 keys_dir: Path, stream: str = "PMO", **overrides: Any) -> ServiceSettings:
    return settings_cls(database_url=database_url, nats_url=nats_url, dev_mode=True,
                        dev_keys_dir=keys_dir, stream_name=stream, log_json=False,
                        **overrides)


def token(keys_dir: Path, *, roles: Iterable[str], subject: str = "tester",
          projects: Iterable[UUID] = (), portfolios: Iterable[UUID] = (),
          person_id: UUID | None = None, audience: str = "pmo") -> str:
    keys = DevKeys.load_or_create(keys_dir)
    return issue_token(keys.private_pem, subject=subject, roles=list(roles),
                       projects=list(projects), portfolios=list(portfolios), person_id=person_id,
                       issuer="pmo-dev", audience=audience)


def auth(keys_dir: Path, **claims: Any) -> dict[str, str]:
    return {"Authorization": f"Bearer {token(keys_dir, **claims)}"}


@asynccontextmanager
async def running(package: str, create_app: Callable[..., FastAPI],
                  settings: ServiceSettings, **app_kwargs: Any) -> AsyncIterator[httpx.AsyncClient]:
    """Migrates, starts the app's lifespan (writer, NATS, relay/consumer) and yields a client."""
    upgrade(package, settings.database_url)
    app = create_app(settings, **app_kwargs)
    async with app.router.lifespan_context(app):
        # NATS is joined in the background; tests start once the stream exists, as after a
        # real start-up, so what they publish or consume never races stream creation.
        side = getattr(app.state, "write_side", None) or app.state.read_side
        await wait_until(lambda: side.runtime.stream_ready, timeout=20,
                         message=f"{package}: the stream never became ready")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
            client.app = app  # type: ignore[attr-defined]
            yield client
