"""Events of the projects service reach the JetStream stream with the right subjects and envelopes."""
import nats

from pmo_shared.envelope import Envelope
from tests.integration.projects.conftest import created, new_project, new_task
from tests.support.waiting import wait_until


async def stream_envelopes(url: str) -> list[tuple[str, Envelope]]:
    nc = await nats.connect(url)
    try:
        js = nc.jetstream()
        info = await js.stream_info("PMO")
        if not info.state.messages:
            return []
        sub = await js.pull_subscribe("pmo.projects.>", stream="PMO")
        messages = await sub.fetch(info.state.messages, timeout=2)
        return [(m.subject, Envelope.from_json(m.data)) for m in messages]
    finally:
        await nc.close()


async def test_a_planned_task_and_its_progress_are_published_as_cloudevents(projects, nats_server):
    project = await new_project(projects)
    task = await new_task(projects, project["id"])
    progress = await projects.post(
        f"/v1/projects/{project['id']}/tasks/{task['id']}/progress", headers=projects.admin,
        json={"status_on": "2026-03-31", "percent_complete": "40"})
    ids = progress.headers["PMO-Event-Ids"].split(",")

    async def published() -> bool:
        return any(str(e.id) in ids for _, e in await stream_envelopes(nats_server.url))

    await wait_until(published, message="the progress event never reached the stream")
    got = await stream_envelopes(nats_server.url)
    assert [(subject, e.aggregatetype, e.aggregateversion) for subject, e in got] == [
        ("pmo.projects.project.chartered", "project", 1),
        ("pmo.projects.task.planned", "task", 1),
        ("pmo.projects.progress.reported", "task", 2)]
    last = got[-1][1]
    assert (str(last.id), last.type, last.source, last.subject, last.specversion) == (
        ids[0], "pmo.projects.progress.reported", "/pmo/projects", task["id"], "1.0")
    assert (last.data["project_id"], last.data["percent_complete"], last.actor) == (
        project["id"], "40", "tester")


async def test_a_baseline_publishes_the_captured_plan_and_the_project_adoption(projects,
                                                                              nats_server):
    project = await new_project(projects)
    await new_task(projects, project["id"])
    baseline = await created(projects, f"/v1/projects/{project['id']}/baselines", {"name": "B1"})

    async def published() -> bool:
        return len(await stream_envelopes(nats_server.url)) == 4

    await wait_until(published)
    got = await stream_envelopes(nats_server.url)
    captured = next(e for s, e in got if s == "pmo.projects.baseline.captured")
    assert captured.data["baseline_id"] == baseline["id"]
    # 27 of the task's 58 days fall in February: 12000 x 27 / 58.
    assert captured.data["tasks"][0]["spread"][0] == {
        "period_start_on": "2026-02-01", "amount": {"amount": "5586.2069", "currency": "EUR"}}
    assert {s for s, _ in got} >= {"pmo.projects.project.baselined"}
