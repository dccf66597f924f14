"""The fault proxy against a loopback echo server: pass, drop, hold and reset."""
from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from tests.support.faults.proxy import FaultProxy, Flow


async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    while data := await reader.read(1024):
        writer.write(data)
        await writer.drain()
    writer.close()


@pytest.fixture
async def proxy() -> AsyncIterator[FaultProxy]:
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    fault_proxy = FaultProxy(server.sockets[0].getsockname()[1]).start()
    try:
        yield fault_proxy
    finally:
        fault_proxy.stop()
        server.close()


async def connect(proxy: FaultProxy) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection(proxy.host, proxy.port)


async def test_bytes_pass_both_ways_when_healthy(proxy: FaultProxy):
    reader, writer = await connect(proxy)
    writer.write(b"ping")

    assert await asyncio.wait_for(reader.readexactly(4), 5) == b"ping"
    writer.close()


async def test_a_dropped_downstream_swallows_replies_until_healed(proxy: FaultProxy):
    reader, writer = await connect(proxy)
    proxy.set_flow(downstream=Flow.DROP)
    writer.write(b"lost")
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(reader.readexactly(4), 0.3)
    proxy.heal()
    writer.write(b"back")

    assert await asyncio.wait_for(reader.readexactly(4), 5) == b"back"
    assert proxy.dropped_bytes == 4
    writer.close()


async def test_a_held_upstream_delivers_nothing_until_healed_then_everything(proxy: FaultProxy):
    reader, writer = await connect(proxy)
    proxy.set_flow(upstream=Flow.HOLD)
    writer.write(b"late")
    with pytest.raises(TimeoutError):
        await asyncio.wait_for(reader.readexactly(4), 0.3)
    proxy.heal()

    assert await asyncio.wait_for(reader.readexactly(4), 5) == b"late"
    writer.close()


async def test_a_reset_closes_every_open_connection(proxy: FaultProxy):
    reader, writer = await connect(proxy)
    writer.write(b"x")
    await asyncio.wait_for(reader.readexactly(1), 5)

    assert proxy.reset() == 2  # both legs of the one proxied connection
    with pytest.raises((ConnectionError, asyncio.IncompleteReadError)):
        await asyncio.wait_for(reader.readexactly(1), 5)
    writer.close()
