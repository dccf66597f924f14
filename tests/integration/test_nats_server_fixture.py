"""The nats_server fixture gives a real JetStream server whose file store survives a crash."""

from __future__ import annotations

import socket
from pathlib import Path

import nats
from nats.js.api import StreamConfig

from pmo_shared.devserver import NatsServer, free_ports


async def _publish(server: NatsServer, *payloads: bytes) -> None:
    nc = await nats.connect(server.url)
    try:
        js = nc.jetstream()
        await js.add_stream(StreamConfig(name="FIXTURE", subjects=["fixture.>"]))
        for payload in payloads:
            await js.publish("fixture.event", payload)
    finally:
        await nc.close()


async def _read_all(server: NatsServer) -> list[bytes]:
    nc = await nats.connect(server.url)
    try:
        js = nc.jetstream()
        info = await js.stream_info("FIXTURE")
        first, last = info.state.first_seq, info.state.last_seq
        return [(await js.get_msg("FIXTURE", seq)).data or b"" for seq in range(first, last + 1)]
    finally:
        await nc.close()


async def test_the_fixture_serves_jetstream(nats_server: NatsServer) -> None:
    await _publish(nats_server, b"one", b"two")

    assert await _read_all(nats_server) == [b"one", b"two"]


async def test_a_killed_server_restarted_on_the_same_store_keeps_its_messages(
    nats_server: NatsServer,
) -> None:
    await _publish(nats_server, b"before the crash")

    nats_server.kill()
    nats_server.start()

    assert await _read_all(nats_server) == [b"before the crash"]


def test_picked_ports_are_distinct() -> None:
    ports = free_ports(64)

    assert len(set(ports)) == 64


async def test_a_picked_port_taken_before_the_first_start_is_picked_again(tmp_path: Path) -> None:
    server = NatsServer(tmp_path / "nats")
    squatted = server.port
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as squatter:
        squatter.bind((server.host, squatted))
        squatter.listen()
        with server:
            assert server.port != squatted
            await _publish(server, b"on the port picked again")
            assert await _read_all(server) == [b"on the port picked again"]
