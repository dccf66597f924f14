"""Processes dying at the worst moments: reporting mid-catch-up, a write service mid-request,
a relay between JetStream's PubAck and marking the outbox row."""
from __future__ import annotations

import asyncio

from pmo_shared.migrate import upgrade
from tests.faults.conftest import RigFactory, Tier
from tests.support.faults.checker import Totals, check, classify, processed_count, settle
from tests.support.faults.load import LoadDriver
from tests.support.faults.proxy import Flow
from tests.support.faults.rig import FaultRig, start
from tests.support.waiting import wait_until


async def test_reporting_killed_repeatedly_while_catching_up_ends_equal_to_a_clean_rebuild(
        rigs: RigFactory, tier: Tier):
    rig = await rigs(reporting=False, write_services=("resources",))
    driver = LoadDriver(rig.base_urls, rig.admin, tag="RK", concurrency=8)
    await driver.run(tier.backlog)
    await wait_until(lambda: rig.outbox_backlog() == 0, timeout=60)
    url, total = rig.reporting.database_url, rig.events_written()
    upgrade("pmo_reporting", url)
    mid_stream = 0
    for _ in range(tier.reporting_kills):
        before = processed_count(url)
        await start(rig.reporting)
        # Killed as soon as it has committed something new: always inside the catch-up.
        await wait_until(lambda: processed_count(url) > before, timeout=60, interval=0.01)  # noqa: B023
        if tier.ack_wait_seconds is not None:
            await rig.set_ack_wait("reporting", tier.ack_wait_seconds)
        rig.crash(rig.reporting, expire_leases=tier.expire_leases)
        mid_stream += 1 if processed_count(url) < total else 0
    await start(rig.reporting)

    totals = await check(rig, driver.commands, f"reporting_killed[{tier.name}]",
                         kills=tier.reporting_kills, mid_stream=mid_stream)

    totals.assert_clean()
    assert totals.acknowledged == tier.backlog
    assert mid_stream >= 1


async def test_write_service_killed_mid_request_leaves_unknown_commands_at_most_once(
        rigs: RigFactory, tier: Tier):
    rig = await rigs()
    driver = LoadDriver(rig.base_urls, rig.admin, tag="WK", concurrency=8)
    victims = list(rig.writers.values())
    for outage in range(tier.outages):
        victim = victims[outage % len(victims)]
        async with driver.running():
            await driver.more_acknowledged(tier.during)
            # SIGKILL with requests in flight: their callers get no response.
            rig.crash(victim, expire_leases=tier.expire_leases)
        await start(victim)
    async with driver.running():
        await driver.more_acknowledged(tier.warmup)

    assert await settle(rig, rig.reporting.database_url)
    unknown = classify(rig.reporting.database_url, driver.commands,
                       Totals(scenario=f"write_killed_unknown[{tier.name}]"))
    retried = await driver.retry_unknown()  # same Idempotency-Key: the original or a first run
    totals = await check(rig, driver.commands, f"write_killed[{tier.name}]",
                         kills=tier.outages, unknown_before_retry=unknown.unknown,
                         unknown_visible_before_retry=unknown.unknown_visible, retried=retried)

    assert (unknown.duplicated, unknown.lost, unknown.unexpected) == (0, 0, 0), unknown.summary()
    totals.assert_clean()
    assert totals.unknown == 0


async def test_relay_killed_between_puback_and_marking_is_absorbed_by_the_msg_id(
        rigs: RigFactory, tier: Tier):
    rig = await rigs(env={"PMO_RELAY_BATCH_SIZE": "5"}, write_services=("resources",))
    driver = LoadDriver(rig.base_urls, rig.admin, tag="RL", concurrency=8)
    absorbed = kills = 0
    for _ in range(tier.outages):
        for _round in range(3):  # a kill can miss the window between PubAck and marking: again
            caught = await relay_a_backlog_and_kill(rig, driver, tier)
            kills, absorbed = kills + 1, absorbed + caught
            if caught:
                break

    totals = await check(rig, driver.commands, f"relay_killed[{tier.name}]",
                         kills=kills, resent_absorbed=absorbed)

    totals.assert_clean()
    assert absorbed > 0
    assert totals.stream_messages == totals.events


async def relay_a_backlog_and_kill(rig: FaultRig, driver: LoadDriver, tier: Tier) -> int:
    """Builds a backlog while NATS is unreachable, lets the relay start on it and SIGKILLs the
    service; returns how many events JetStream stored whose outbox rows were not yet marked
    (they will be sent again). The kill follows the first message seen on the subjects, so it
    lands while the relay awaits its PubAcks or marks the rows."""
    resources = rig.writers["resources"]
    rig.proxy.set_flow(upstream=Flow.HOLD, downstream=Flow.HOLD)
    await driver.run(tier.relay_backlog)
    async with rig.watch_publishes() as published:
        rig.proxy.reset()  # first: what the relay sent meanwhile dies with the connections
        rig.proxy.heal()
        await asyncio.wait_for(published.wait(), timeout=30)
        rig.crash(resources, expire_leases=tier.expire_leases)
    caught = await rig.stream_messages() + rig.outbox_backlog() - rig.events_written()
    await start(resources)
    return max(0, caught)
