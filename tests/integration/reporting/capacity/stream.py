"""Feeding the real reporting service: events wrapped in real CloudEvents envelopes, published to
JetStream as the write services' relays do, each with the record time the test chooses."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from uuid import uuid4

import httpx
import nats

from pmo_reporting.app import create_app
from pmo_reporting.settings import ReportingSettings
from pmo_shared.envelope import Envelope, cloudevent_type
from pmo_shared.events.base import DomainEvent
from pmo_shared.kernel.clock import FixedClock
from pmo_shared.messaging.stream import ensure_stream, subject_for
from tests.support.apps import auth, dev_settings, running

ADMIN = {"roles": ["pmo_admin"]}


def at(text: str) -> datetime:
    """`2027-01-04T09:00` as an aware UTC datetime."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def envelope(event: DomainEvent, recorded_at: datetime) -> Envelope:
    service, aggregate, _verb = event.event_type.split(".")
    event_id = uuid4()
    return Envelope(id=event_id, source=f"/pmo/{service}", type=cloudevent_type(event.event_type),
                    subject=str(event_id), time=recorded_at, aggregatetype=aggregate,
                    aggregateid=str(event_id), aggregateversion=1,
                    eventversion=event.event_version, actor="test",
                    data=event.model_dump(mode="json"))


class Reporting:
    def __init__(self, client: httpx.AsyncClient, nats_url: str, keys_dir) -> None:  # type: ignore[no-untyped-def]
        self.client = client
        self.nats_url = nats_url
        self.keys_dir = keys_dir
        self.last_ids: list[str] = []

    async def publish(self, *facts: tuple[DomainEvent, datetime]) -> list[str]:
        connection = await nats.connect(self.nats_url)
        try:
            js = connection.jetstream()
            await ensure_stream(js, name="PMO")  # the service may not have created it yet
            ids = []
            for event, recorded_at in facts:
                item = envelope(event, recorded_at)
                await js.publish(subject_for(event.event_type), item.to_json(),
                                 headers={"Nats-Msg-Id": str(item.id)})
                ids.append(str(item.id))
        finally:
            await connection.close()
        self.last_ids = ids
        return ids

    async def get(self, path: str, *, claims: dict | None = None, **params: object) -> httpx.Response:
        """GET once every published event is reflected."""
        query = {key: str(value) for key, value in params.items()}
        if self.last_ids:
            query |= {"wait_for": ",".join(self.last_ids[-100:]), "wait_seconds": "30"}
        return await self.client.get(path, params=query,
                                     headers=auth(self.keys_dir, **(claims or ADMIN)))


@asynccontextmanager
async def reporting_service(database_url: str, nats_url: str, keys_dir) -> AsyncIterator[Reporting]:  # type: ignore[no-untyped-def]
    # A generous wait: the shared CI machine can be slow to apply a batch.
    settings = dev_settings(ReportingSettings, database_url=database_url, nats_url=nats_url,
                            keys_dir=keys_dir, max_wait_seconds=30.0)
    # The scenarios are recorded in 2027; the service's "now" is after them.
    clock = FixedClock(at("2027-06-01T00:00"))
    async with running("pmo_reporting", create_app, settings, clock=clock) as client:
        yield Reporting(client, nats_url, keys_dir)

