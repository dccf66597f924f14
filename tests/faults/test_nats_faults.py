"""NATS itself failing under load: killed, paused (SIGSTOP), and refusing writes for a while."""
from __future__ import annotations

from tests.faults.conftest import RigFactory, Tier
from tests.support.faults.checker import check
from tests.support.faults.load import LoadDriver
from tests.support.faults.proxy import Flow
from tests.support.waiting import wait_until


async def test_nats_killed_during_load_loses_and_doubles_nothing(rigs: RigFactory, tier: Tier):
    rig = await rigs()
    driver = LoadDriver(rig.base_urls, rig.admin, tag="NK")
    async with driver.running():
        await driver.more_acknowledged(tier.warmup)
        for _ in range(tier.outages):
            rig.nats.kill()
            await driver.more_acknowledged(tier.during)
            rig.nats.start()
            await driver.more_acknowledged(tier.warmup)

    totals = await check(rig, driver.commands, f"nats_killed[{tier.name}]", kills=tier.outages)

    totals.assert_clean()
    assert totals.acknowledged >= tier.warmup + tier.outages * (tier.during + tier.warmup)


async def test_nats_paused_during_load_loses_and_doubles_nothing(rigs: RigFactory, tier: Tier):
    rig = await rigs()
    driver = LoadDriver(rig.base_urls, rig.admin, tag="NP")
    async with driver.running():
        await driver.more_acknowledged(tier.warmup)
        for _ in range(tier.outages):
            rig.nats.pause()
            try:
                await driver.more_acknowledged(tier.during)
            finally:
                rig.nats.resume()
            await driver.more_acknowledged(tier.warmup)

    totals = await check(rig, driver.commands, f"nats_paused[{tier.name}]", pauses=tier.outages)

    totals.assert_clean()
    assert totals.acknowledged >= tier.warmup + tier.outages * (tier.during + tier.warmup)


async def test_stream_refusing_writes_for_a_while_delays_events_but_loses_none(
        rigs: RigFactory, tier: Tier):
    rig = await rigs()
    driver = LoadDriver(rig.base_urls, rig.admin, tag="SR")
    peak_backlog = 0
    async with driver.running():
        await driver.more_acknowledged(tier.warmup)
        for _ in range(tier.outages):
            # A real refusal: max_msgs reached with discard-new, so JetStream answers each publish
            # with an error, as it does for a full stream or an exhausted account limit.
            await rig.limit_stream(await rig.stream_messages())
            await driver.more_acknowledged(tier.during)
            await wait_until(lambda: rig.outbox_backlog() >= tier.during // 2, timeout=30)
            peak_backlog = max(peak_backlog, rig.outbox_backlog())
            await rig.limit_stream(None)
            await driver.more_acknowledged(tier.warmup)

    totals = await check(rig, driver.commands, f"stream_refusing[{tier.name}]",
                         refusals=tier.outages, peak_backlog=peak_backlog)

    totals.assert_clean()
    assert peak_backlog >= tier.during // 2


async def test_dedupe_window_shorter_than_an_outage_still_counts_each_event_once(
        rigs: RigFactory, tier: Tier):
    rig = await rigs(env={"PMO_STREAM_DUPLICATE_WINDOW_SECONDS": "1"})
    driver = LoadDriver(rig.base_urls, rig.admin, tag="DW")
    for _ in range(tier.outages):
        async with driver.running():
            await driver.more_acknowledged(tier.warmup)
            # PubAcks vanish on the way back: JetStream stores each publish, the relay never
            # hears so and re-sends after its timeout, by then outside the 1 s window.
            rig.proxy.set_flow(downstream=Flow.DROP)
            await driver.more_acknowledged(tier.during)

        async def stream_holds_duplicates() -> bool:
            return await rig.stream_messages() > rig.events_written()

        await wait_until(stream_holds_duplicates, timeout=30, interval=0.2)
        rig.proxy.heal()
        rig.proxy.reset()

    totals = await check(rig, driver.commands, f"dedupe_window[{tier.name}]",
                         outages=tier.outages, window_seconds=1)

    totals.assert_clean()
    assert totals.stream_messages > totals.events
