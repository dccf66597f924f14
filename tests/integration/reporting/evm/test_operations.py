"""Operations: rebuild into a fresh database and swap, dead letters, consumer lag in /metrics."""
from datetime import date
from uuid import uuid4

from sqlalchemy import select

from pmo_reporting.tables import metadata
from pmo_shared.envelope import Envelope, cloudevent_type
from tests.integration.reporting.evm.feed import Project, at
from tests.integration.reporting.evm.test_project_evm import STATUS_ON, scenario
from tests.support.apps import auth
from tests.support.waiting import wait_until


def read_models(database):
    """Every rm_ row, without surrogate ids, as sorted comparable tuples per table."""
    def query(conn):
        snapshot = {}
        for table in metadata.sorted_tables:
            if table.name.startswith("rm_"):
                columns = [c for c in table.columns if c.name != "id"]
                snapshot[table.name] = sorted(
                    tuple(str(value) for value in row) for row in conn.execute(select(*columns)))
        return snapshot
    with database.reader.connect() as conn:
        return query(conn)


async def test_a_rebuild_replays_into_a_fresh_database_equal_to_the_incremental_one(
        reporting, feed):
    project, a, _ = await scenario(feed)
    await project.progress(a, recorded_at=at("2026-01-20T09:00"), status_on=date(2026, 1, 14),
                           percent="40")
    before = await reporting.get(f"/v1/evm/projects/{project.project_id}",
                                 headers=reporting.admin,
                                 params={"as_of": STATUS_ON, **feed.wait_params()})
    side = reporting.app.state.read_side
    incremental = read_models(side.database)

    started = await reporting.post("/v1/admin/rebuilds", headers=reporting.admin)
    assert (started.status_code, started.json()["state"]) == (202, "replaying")

    async def finished():
        status = (await reporting.get("/v1/admin/rebuilds/current",
                                      headers=reporting.admin)).json()
        assert status["state"] != "failed", status["error"]
        return status["state"] == "done"

    await wait_until(finished, timeout=30)
    status = (await reporting.get("/v1/admin/rebuilds/current", headers=reporting.admin)).json()
    assert (status["events"], status["applied_sequence"]) == (9, 9)
    assert "rebuild" in side.database.url
    assert read_models(side.database) == incremental
    after = await reporting.get(f"/v1/evm/projects/{project.project_id}",
                                headers=reporting.admin, params={"as_of": STATUS_ON})
    assert after.json()["earned_value"] == before.json()["earned_value"]


async def test_after_a_rebuild_new_events_keep_flowing_into_the_swapped_database(reporting, feed):
    project, _, _ = await scenario(feed)
    await reporting.get("/v1/evm/all", headers=reporting.admin, params=feed.wait_params())
    await reporting.post("/v1/admin/rebuilds", headers=reporting.admin)
    rebuilder = reporting.app.state.rebuilder
    await wait_until(lambda: rebuilder.status.state in ("done", "failed"), timeout=30)
    await project.expense(recorded_at=at("2026-01-14T10:00"), spent_on=date(2026, 1, 14),
                          amount="45")
    body = (await reporting.get(f"/v1/evm/projects/{project.project_id}",
                                headers=reporting.admin,
                                params={"as_of": STATUS_ON, **feed.wait_params()})).json()
    assert (rebuilder.status.state, body["earned_value"]["ac"]) == ("done", "1200.00")


async def test_only_an_admin_may_start_a_rebuild(reporting):
    auditor = auth(reporting.keys, roles=["auditor"])
    response = await reporting.post("/v1/admin/rebuilds", headers=auditor)
    assert (response.status_code, response.json()["type"].endswith("forbidden")) == (403, True)


async def publish_unknown_event(feed):
    envelope = Envelope(id=uuid4(), source="/pmo/projects",
                        type=cloudevent_type("projects.thing.exploded"), subject="x",
                        time=at("2026-01-02T09:00"), aggregatetype="thing", aggregateid="x",
                        aggregateversion=1, eventversion=1, actor="tester", data={})
    import nats
    nc = await nats.connect(feed.nats_url)
    await nc.jetstream().publish("pmo.projects.thing.exploded", envelope.to_json(),
                                 headers={"Nats-Msg-Id": str(envelope.id)})
    await nc.close()
    return str(envelope.id)


async def test_an_event_that_cannot_be_applied_is_listed_as_a_dead_letter(reporting, feed):
    event_id = await publish_unknown_event(feed)
    await Project(feed).charter(recorded_at=at("2026-01-02T09:00"))
    await reporting.get("/v1/evm/all", headers=reporting.admin, params={
        "wait_for": f"{event_id},{feed.published[-1]}", "wait_seconds": 10})
    listed = await reporting.get("/v1/admin/dead-letters", headers=reporting.admin)
    [dead] = listed.json()
    assert (dead["event_id"], dead["event_type"], dead["attempts"]) == (
        event_id, "pmo.projects.thing.exploded", 3)
    assert "projects.thing.exploded" in dead["error"]

    redriven = await reporting.post(f"/v1/admin/dead-letters/{dead['id']}/redrive",
                                    headers=reporting.admin)
    assert redriven.json() == {"id": dead["id"], "applied": False}


async def test_redriving_an_unknown_dead_letter_is_404(reporting):
    response = await reporting.post("/v1/admin/dead-letters/999/redrive", headers=reporting.admin)
    assert (response.status_code, response.json()["type"].endswith("not-found")) == (404, True)


async def test_consumer_lag_and_position_are_exported_in_metrics(reporting, feed):
    await Project(feed).charter(recorded_at=at("2026-01-02T09:00"))
    await reporting.get("/v1/evm/all", headers=reporting.admin, params=feed.wait_params())
    text = (await reporting.get("/metrics")).text
    assert 'pmo_consumer_pending_messages{consumer="reporting"} 0.0' in text
    assert 'pmo_consumer_last_sequence{consumer="reporting"} 1.0' in text
    assert 'pmo_consumer_applied_total{consumer="reporting"} 1.0' in text
    assert "pmo_dead_letters 0.0" in text
