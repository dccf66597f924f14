"""The resources service in-process on a real database and NATS, with callers and builders."""
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from pmo_resources.app import create_app
from pmo_resources.settings import ResourcesSettings
from pmo_shared.kernel.clock import FixedClock
from tests.support.apps import auth, dev_settings, running

FULL_TIME = ["8", "8", "8", "8", "8", "0", "0"]


class Client:
    """The httpx client plus tokens for the roles the tests act as."""

    def __init__(self, http, keys, clock):
        self.http, self.keys, self.clock = http, keys, clock
        self.admin = auth(keys, roles=["pmo_admin"])

    def as_(self, *roles, projects=(), person_id=None):
        return auth(self.keys, roles=list(roles), projects=list(projects), person_id=person_id,
                    subject=f"user-{uuid4().hex[:6]}")

    async def person(self, role="engineer", schedule=FULL_TIME, **fields):
        body = {"name": "Ada", "role": role, "active_from": "2027-01-01", **fields}
        made = await self.http.post("/v1/people", json=body, headers=self.admin)
        assert made.status_code == 201, made.text
        person_id = made.json()["id"]
        if schedule is not None:
            set_ = await self.http.post(f"/v1/people/{person_id}/schedules", headers=self.admin,
                                        json={"effective_from": "2027-01-01",
                                              "hours_per_weekday": schedule})
            assert set_.status_code == 201, set_.text
        return person_id

    async def rate(self, person_id, effective_from, amount):
        made = await self.http.post(
            f"/v1/people/{person_id}/cost-rates", headers=self.admin,
            json={"effective_from": effective_from,
                  "hourly_rate": {"amount": amount, "currency": "EUR"}})
        assert made.status_code == 201, made.text


@pytest.fixture
async def resources(database_url, nats_server, tmp_path):
    settings = dev_settings(ResourcesSettings, database_url=database_url,
                            nats_url=nats_server.url, keys_dir=tmp_path / "keys")
    clock = FixedClock(datetime(2027, 3, 1, 9, tzinfo=UTC))
    async with running("pmo_resources", create_app, settings, clock=clock) as http:
        yield Client(http, tmp_path / "keys", clock)
