"""A 3-node JetStream cluster on loopback, the stream at 3 replicas: killing the stream leader, or
the node the writer is connected to, in the middle of a steady command load loses, duplicates and
reorders nothing in the stream and the read model."""
from __future__ import annotations

import asyncio
from pathlib import Path

import nats
import nats.errors
import pytest

from pmo_shared.devserver import NatsCluster
from pmo_shared.messaging.stream import ensure_stream
from tests.integration.ops import samples
from tests.support.waiting import wait_until

COMMANDS = 240
KILL_AFTER = 80


@pytest.fixture
def cluster(tmp_path: Path):
    with NatsCluster(tmp_path / "cluster", size=3) as running:
        yield running


async def create_replicated_stream(url: str) -> str:
    """Waits for the cluster's meta leader, creates the R3 stream, returns its leader's name."""
    nc = await nats.connect(servers=url.split(","))
    js = nc.jetstream()

    async def created() -> bool:
        try:
            await ensure_stream(js, name="PMO", replicas=3)
        except Exception:  # no meta leader yet
            return False
        return True

    try:
        await wait_until(created, timeout=20, interval=0.2, message="no R3 stream")
        return await stream_leader(js)
    finally:
        await nc.close()


async def stream_leader(js) -> str:
    info = await js.stream_info("PMO")
    return info.cluster.leader


async def steady_load(writer, killed: asyncio.Event) -> list:
    counters = []
    for index in range(COMMANDS):
        counters.append(await samples.start_counter(writer, increments=1))
        if index == KILL_AFTER:
            killed.set()
        # Pacing, so the load spans the failover rather than finishing before it.
        await asyncio.sleep(0.01)
    return counters


def node_to_kill(cluster, victim: str, leader: str, writer) -> str:
    if victim == "stream leader":
        return leader
    port = writer.runtime.nc.connected_url.port
    return next(node.server_name for node in cluster.nodes if node.port == port)


@pytest.mark.parametrize("victim", ["stream leader", "the writer's server"])
async def test_killing_a_node_under_load_loses_and_duplicates_nothing(
        cluster, tmp_path: Path, victim: str):
    leader = await create_replicated_stream(cluster.url)
    write_url, read_url = (f"sqlite:///{tmp_path / name}.db" for name in ("write", "read"))
    samples.create_schema(samples.write_metadata, write_url)
    samples.create_schema(samples.read_metadata, read_url)
    reader = samples.read_side(samples.settings(read_url, cluster.url, stream="PMO",
                                                stream_replicas=3))
    await reader.start()
    try:
        async with samples.write_side(samples.settings(write_url, cluster.url, stream="PMO",
                                                       stream_replicas=3)) as writer:
            kill_now = asyncio.Event()
            load = asyncio.create_task(steady_load(writer, kill_now))
            await kill_now.wait()
            cluster.node(node_to_kill(cluster, victim, leader, writer)).kill()
            counters = await load
            await wait_until(lambda: _projected(reader, COMMANDS), timeout=60,
                             message="the read model did not catch up after the failover")
            stored = await samples.event_count(writer.database)
        model = await samples.read_model(reader)
    finally:
        await reader.stop()

    stream = await read_stream_after_failover(cluster)
    assert stored == 2 * COMMANDS
    assert len(stream.ids) == len(stream.unique) == 2 * COMMANDS
    assert stream.out_of_order() == []
    assert set(model) == {str(counter.id) for counter in counters}
    assert set(model.values()) == {(1, 2)}
    assert reader.consumer.stats.applied_total == 2 * COMMANDS


async def read_stream_after_failover(cluster) -> samples.StreamContents:
    """The JetStream API can time out while the meta leader is re-elected: ask again until then."""
    survivors = ",".join(node.url for node in cluster.nodes if node.running)
    contents: list[samples.StreamContents] = []

    async def read() -> bool:
        try:
            contents.append(await samples.stream_contents(survivors, "PMO"))
        except nats.errors.Error:
            return False
        return True

    await wait_until(read, timeout=60, interval=0.5, message="the stream stayed unreadable")
    return contents[0]


async def _projected(reader, counters: int) -> bool:
    return len(await samples.read_model(reader)) == counters
