"""Where the commands go: the services of a running `pmo run` over HTTP, or (for big sizes) the
four apps started in this process and called through httpx.ASGITransport, which still runs the
real write path: schemas, handlers, unit of work, outbox and relay."""
from __future__ import annotations

import importlib
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import AsyncExitStack, asynccontextmanager
from functools import cache
from pathlib import Path
from uuid import UUID

import httpx

from pmo_shared.devserver import NatsServer
from pmo_shared.http.devkeys import DevKeys, issue_token
from pmo_shared.migrate import upgrade
from pmo_shared.settings import ServiceSettings

SERVICES = ("projects", "governance", "resources", "reporting")
WRITERS = SERVICES[:3]
TOKEN_SECONDS = 12 * 3600  # outlives a large run


def token_factory(keys_dir: Path, subject: str = "demo-generator"
                  ) -> Callable[[str | None], Mapping[str, str]]:
    """Admin tokens, one per acting person, minted once: approvers decide as themselves."""
    keys, defaults = DevKeys.load_or_create(keys_dir), ServiceSettings()

    @cache
    def headers(person_id: str | None) -> Mapping[str, str]:
        token = issue_token(keys.private_pem, subject=subject, roles=["pmo_admin"],
                            person_id=UUID(person_id) if person_id else None,
                            issuer=defaults.jwt_issuer, audience=defaults.jwt_audience,
                            ttl_seconds=TOKEN_SECONDS, kid=keys.kid)
        return {"Authorization": f"Bearer {token}"}

    return headers


def base_urls(host: str, base_port: int) -> dict[str, str]:
    """`pmo run` puts the services on consecutive ports in this order."""
    return {name: f"http://{host}:{base_port + n}" for n, name in enumerate(SERVICES)}


@asynccontextmanager
async def over_http(urls: Mapping[str, str], *, connections: int
                    ) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with AsyncExitStack() as stack:
        yield {name: await stack.enter_async_context(
            httpx.AsyncClient(base_url=url, timeout=60, limits=limits))
            for name, url in urls.items()}


@asynccontextmanager
async def in_process(data_dir: Path) -> AsyncIterator[dict[str, httpx.AsyncClient]]:
    """A nats-server and the four apps on fresh SQLite files under `data_dir`."""
    data_dir.mkdir(parents=True, exist_ok=True)
    nats = NatsServer(data_dir / "nats")
    nats.start()
    try:
        async with AsyncExitStack() as stack:
            clients = {}
            for name in SERVICES:
                app = _app(name, database_url=f"sqlite:///{data_dir / name}.db",
                           nats_url=nats.url, keys_dir=data_dir / "dev-keys")
                await stack.enter_async_context(app.router.lifespan_context(app))
                clients[name] = await stack.enter_async_context(httpx.AsyncClient(
                    transport=httpx.ASGITransport(app=app), base_url="http://in-process",
                    timeout=120))
            yield clients
    finally:
        nats.stop()


def _app(name: str, *, database_url: str, nats_url: str, keys_dir: Path):  # type: ignore[no-untyped-def]
    settings_cls = getattr(importlib.import_module(f"pmo_{name}.settings"),
                           f"{name.capitalize()}Settings")
    settings = settings_cls(database_url=database_url, nats_url=nats_url, dev_mode=True,
                            dev_keys_dir=keys_dir, log_json=False, log_level="WARNING")
    upgrade(f"pmo_{name}", database_url)
    return importlib.import_module(f"pmo_{name}.app").create_app(settings)
