"""A lean HTTP/1.1 client for driving a steady command rate: a fixed set of keep-alive
connections over asyncio streams, parsed with h11. httpx's connection pool spends more CPU per
request than the service under test once dozens of requests are queued, which measures the
client instead of the service."""
from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

import h11


@dataclass(frozen=True)
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


class _Connection:
    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.protocol = h11.Connection(h11.CLIENT)

    async def request(self, request: h11.Request, body: bytes) -> Response:
        protocol = self.protocol
        self.writer.write(protocol.send(request) + protocol.send(h11.Data(data=body))
                          + protocol.send(h11.EndOfMessage()))
        await self.writer.drain()
        head: h11.Response | None = None
        chunks: list[bytes] = []
        while True:
            event = protocol.next_event()
            if event is h11.NEED_DATA:
                data = await self.reader.read(65536)
                if not data:
                    raise ConnectionError("the server closed the connection mid-response")
                protocol.receive_data(data)
            elif isinstance(event, h11.Response):
                head = event
            elif isinstance(event, h11.Data):
                chunks.append(bytes(event.data))
            elif isinstance(event, h11.EndOfMessage):
                protocol.start_next_cycle()
                assert head is not None
                headers = {name.decode().lower(): value.decode() for name, value in head.headers}
                return Response(head.status_code, headers, b"".join(chunks))

    def close(self) -> None:
        self.writer.close()


class Driver:
    """At most `connections` requests in flight; a request waits for a free connection."""

    def __init__(self, base_url: str, *, connections: int,
                 headers: Sequence[tuple[str, str]] = ()) -> None:
        url = urlsplit(base_url)
        self.host, self.port = url.hostname or "127.0.0.1", url.port or 80
        self.headers = [("Host", f"{self.host}:{self.port}"), *headers]
        self.size = connections
        self._free: asyncio.Queue[_Connection] = asyncio.Queue()

    async def __aenter__(self) -> Driver:
        for _ in range(self.size):
            reader, writer = await asyncio.open_connection(self.host, self.port)
            self._free.put_nowait(_Connection(reader, writer))
        return self

    async def __aexit__(self, *exc: object) -> None:
        while not self._free.empty():
            self._free.get_nowait().close()

    async def post(self, path: str, body: bytes) -> Response:
        connection = await self._free.get()
        request = h11.Request(method="POST", target=path, headers=[
            *self.headers, ("Content-Length", str(len(body)))])
        try:
            response = await connection.request(request, body)
        except BaseException:
            connection.close()  # a broken exchange leaves the protocol state unusable
            reader, writer = await asyncio.open_connection(self.host, self.port)
            self._free.put_nowait(_Connection(reader, writer))
            raise
        self._free.put_nowait(connection)
        return response
