"""A loopback TCP proxy that can pass, drop or hold each direction and reset every connection.

It runs its own event loop in a thread, so a test blocking its loop (starting a process, reading a
database) never stalls the traffic it is not meant to stall."""
from __future__ import annotations

import asyncio
import contextlib
import socket
import struct
import threading
from collections.abc import Coroutine
from enum import Enum
from typing import Any

from pmo_shared.devserver import free_port

CHUNK = 65_536


class Flow(Enum):
    PASS = "pass"
    DROP = "drop"  # read and discard: the sender thinks all is well, nothing arrives
    HOLD = "hold"  # stop reading: a blackhole, TCP backpressure builds up like a hung peer


class FaultProxy:
    """Listens on 127.0.0.1:`port` and forwards to `target_port`; `upstream` is client -> target."""

    def __init__(self, target_port: int, *, host: str = "127.0.0.1") -> None:
        self.host = host
        self.target_port = target_port
        self.port = free_port(host)
        self.upstream = Flow.PASS
        self.downstream = Flow.PASS
        self.dropped_bytes = 0
        self.connections_total = 0
        self._writers: set[asyncio.StreamWriter] = set()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(target=self._loop.run_forever, name="fault-proxy",
                                        daemon=True)
        self._server: asyncio.base_events.Server | None = None
        self._resume: asyncio.Event | None = None

    @property
    def url(self) -> str:
        return f"nats://{self.host}:{self.port}"

    def start(self) -> FaultProxy:
        self._thread.start()
        self._call(self._listen())
        return self

    def stop(self) -> None:
        self._call(self._close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()

    def set_flow(self, *, upstream: Flow | None = None, downstream: Flow | None = None) -> None:
        self._call(self._set_flow(upstream, downstream))

    def heal(self) -> None:
        self.set_flow(upstream=Flow.PASS, downstream=Flow.PASS)

    def reset(self) -> int:
        """RST every open connection (clients see a reset and reconnect); returns how many."""
        return self._call(self._reset())

    def _call(self, coro: Coroutine[Any, Any, Any]) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=10)

    async def _listen(self) -> None:
        self._resume = asyncio.Event()
        self._resume.set()
        self._server = await asyncio.start_server(self._accept, self.host, self.port)

    async def _close(self) -> None:
        if self._server is not None:
            self._server.close()
        await self._reset()

    async def _set_flow(self, upstream: Flow | None, downstream: Flow | None) -> None:
        self.upstream = upstream or self.upstream
        self.downstream = downstream or self.downstream
        assert self._resume is not None
        if Flow.HOLD in (self.upstream, self.downstream):
            self._resume.clear()
        else:
            self._resume.set()

    async def _reset(self) -> int:
        writers = list(self._writers)
        for writer in writers:
            sock = writer.get_extra_info("socket")
            # Linger 0 turns close into a RST, as a crashed middlebox or peer would send.
            with contextlib.suppress(OSError):  # a socket the peer closed meanwhile
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            writer.transport.abort()
        self._writers.clear()
        return len(writers)

    async def _accept(self, client_reader: asyncio.StreamReader,
                      client_writer: asyncio.StreamWriter) -> None:
        try:
            target_reader, target_writer = await asyncio.open_connection(self.host, self.target_port)
        except OSError:
            client_writer.transport.abort()
            return
        self.connections_total += 1
        self._writers.update((client_writer, target_writer))
        await asyncio.gather(
            self._pump(client_reader, target_writer, upstream=True),
            self._pump(target_reader, client_writer, upstream=False),
            return_exceptions=True)
        for writer in (client_writer, target_writer):
            self._writers.discard(writer)
            writer.transport.abort()

    def _flow(self, upstream: bool) -> Flow:
        return self.upstream if upstream else self.downstream

    async def _pump(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *,
                    upstream: bool) -> None:
        assert self._resume is not None
        while True:
            data = await reader.read(CHUNK)
            if not data:
                break
            # Bytes read while holding wait for the heal (a reset discards them with the socket).
            while self._flow(upstream) is Flow.HOLD:
                await self._resume.wait()
            if self._flow(upstream) is Flow.DROP:
                self.dropped_bytes += len(data)
                continue
            if writer.transport.is_closing():
                break
            writer.write(data)
            await writer.drain()
        writer.transport.abort()
