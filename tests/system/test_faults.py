"""Nothing lost, nothing doubled: NATS outages and a reporting process killed mid-stream."""
import asyncio
import random

import httpx
import pytest
from sqlalchemy import create_engine, func, select

from pmo_reporting.tables import consumer, rm_people
from tests.support.databases import fresh_database_url
from tests.support.processes import ServiceProcess
from tests.support.waiting import wait_until


def count_rows(url: str, table) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(table)).scalar_one()
    finally:
        engine.dispose()


async def register_people(client: httpx.AsyncClient, headers: dict, count: int) -> list[str]:
    event_ids = []
    for index in range(count):
        response = await client.post("/v1/people", headers=headers,
                                     json={"name": f"Person {index}", "role": "engineer"})
        assert response.status_code == 201, response.text
        event_ids.append(response.headers["PMO-Event-Ids"])
    return event_ids


async def test_commands_succeed_while_nats_is_down_and_reach_reporting_exactly_once(
        system, nats_server):
    admin = system.auth(roles=["pmo_admin"])
    before = await register_people(system.resources, admin, 5)
    nats_server.kill()
    during = await register_people(system.resources, admin, 25)
    nats_server.start()

    waited = await system.reporting.get(
        "/v1/people/count", headers=admin,
        params={"wait_for": ",".join(before + during), "wait_seconds": 30})

    assert waited.status_code == 200, waited.text
    assert waited.json()["people"] == 30
    side = system.reporting.app.state.read_side
    assert count_rows(side.database.url, consumer.processed) == 30


async def test_reporting_killed_repeatedly_mid_stream_ends_equal_to_a_clean_rebuild(
        system, nats_server, tmp_path, database_kind):
    admin = system.auth(roles=["pmo_admin"])
    event_ids = await register_people(system.resources, admin, 400)
    with fresh_database_url(database_kind, tmp_path) as crashed_url, \
            fresh_database_url(database_kind, tmp_path) as clean_url:
        reporting = ServiceProcess(
            "reporting", database_url=crashed_url, nats_url=nats_server.url,
            keys_dir=system.keys_dir, log_file=tmp_path / "reporting.log",
            extra_env={"PMO_REPORTING_CONSUMER_NAME": "crashy"})
        rng = random.Random(7)
        kills = 0
        for _ in range(4):
            reporting.start()
            await wait_until(lambda: count_rows(crashed_url, rm_people) > 0, timeout=30)
            await asyncio.sleep(rng.uniform(0, 0.05))  # a random point inside the stream
            reporting.kill()
            kills += 1
        reporting.start()
        try:
            async with httpx.AsyncClient(base_url=reporting.base_url, trust_env=False) as client:
                waited = await client.get("/v1/people/count", headers=admin, params={
                    "wait_for": ",".join(event_ids[-50:]), "wait_seconds": 30}, timeout=40)
        finally:
            reporting.stop()
        assert waited.status_code == 200, waited.text

        clean = ServiceProcess(
            "reporting", database_url=clean_url, nats_url=nats_server.url,
            keys_dir=system.keys_dir, log_file=tmp_path / "clean.log",
            extra_env={"PMO_REPORTING_CONSUMER_NAME": "clean"})
        clean.start()
        try:
            await wait_until(lambda: count_rows(clean_url, rm_people) == 400, timeout=30)
        finally:
            clean.stop()

        assert kills == 4
        assert snapshot(crashed_url) == snapshot(clean_url)
        assert count_rows(crashed_url, consumer.processed) == 400


def snapshot(url: str) -> list[tuple]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return [tuple(row) for row in conn.execute(
                select(rm_people).order_by(rm_people.c.person_id)).all()]
    finally:
        engine.dispose()


@pytest.mark.parametrize("body, content_type, status", [
    (b'{"name": "Ada", "role": ', "application/json", 400),
    (b'{"name": 5, "role": "engineer"}', "application/json", 422),
    (b'{"name": "Ada", "role": "engineer", "id": "x"}', "application/json", 422),
    (b"\xff\xfe{}", "application/json", 400),
    (b'{"name": "' + b"a" * 2_000_000 + b'", "role": "x"}', "application/json", 413),
])
async def test_bad_bodies_are_4xx_problems_and_write_nothing(system, body, content_type, status):
    admin = {**system.auth(roles=["pmo_admin"]), "Content-Type": content_type}
    response = await system.resources.post("/v1/people", content=body, headers=admin)

    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    side = system.resources.app.state.write_side
    assert count_rows(side.database.url, side.store.tables.events) == 0


