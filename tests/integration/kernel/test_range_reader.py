"""RangeReader: exactly the stream sequences asked for, in order, in bounded batches, and an end
even where the stream holds less than asked."""
from __future__ import annotations

from collections.abc import AsyncIterator

import nats
import pytest
from nats.aio.client import Client
from nats.aio.msg import Msg

from pmo_shared.devserver import NatsServer
from pmo_shared.messaging.range_reader import Batch, MessagesLost, RangeReader, stream_sequence
from pmo_shared.messaging.stream import ensure_stream

STREAM = "PMO"


@pytest.fixture
async def nc(nats_server: NatsServer) -> AsyncIterator[Client]:
    client = await nats.connect(nats_server.url)
    js = client.jetstream()
    await ensure_stream(js, name=STREAM)
    for number in range(1, 26):
        await js.publish(f"pmo.test.thing{number % 3}.happened", f"m{number}".encode())
    try:
        yield client
    finally:
        await client.close()


async def _read(reader: RangeReader) -> list[Batch]:
    return [batch async for batch in reader.batches()]


def _payloads(batches: list[Batch]) -> list[str]:
    return [msg.data.decode() for batch in batches for msg in batch.messages]


async def test_reads_exactly_the_range_in_batches(nc: Client) -> None:
    batches = await _read(RangeReader(nc, stream=STREAM, first=3, last=17, batch_size=4))

    assert _payloads(batches) == [f"m{number}" for number in range(3, 18)]
    assert [len(batch.messages) for batch in batches] == [4, 4, 4, 3]
    assert [batch.last_sequence for batch in batches] == [6, 10, 14, 17]
    assert [stream_sequence(msg) for msg in batches[0].messages] == [3, 4, 5, 6]
    assert [msg.metadata.sequence.stream for msg in batches[0].messages] == [3, 4, 5, 6]


def test_the_stream_sequence_of_either_form_of_reply_subject() -> None:
    plain = "$JS.ACK.PMO.c.1.42.7.1764201600000000000.3"
    with_domain = "$JS.ACK.hub.ACCHASH.PMO.c.1.42.7.1764201600000000000.3.token"
    for reply in (plain, with_domain):
        assert stream_sequence(Msg(_client=None, subject="pmo.x", data=b"", reply=reply)) == 42  # type: ignore[arg-type]


async def test_ends_where_the_stream_ends(nc: Client) -> None:
    past_the_end = await _read(RangeReader(nc, stream=STREAM, first=20, last=40, batch_size=4,
                                           request_seconds=0.2))
    assert _payloads(past_the_end) == [f"m{number}" for number in range(20, 26)]

    nothing = await _read(RangeReader(nc, stream=STREAM, first=30, last=40, request_seconds=0.2))
    assert nothing == []


async def test_skips_a_gap_in_the_sequences(nats_server: NatsServer) -> None:
    # The PMO stream refuses deletes; a stream that allows them stands in for one with a gap.
    client = await nats.connect(nats_server.url)
    try:
        js = client.jetstream()
        await js.add_stream(name="GAPPY", subjects=["pmo.>"])
        for number in range(1, 11):
            await js.publish("pmo.test.thing.happened", f"m{number}".encode())
        await js.delete_msg("GAPPY", 5)

        batches = await _read(RangeReader(client, stream="GAPPY", first=1, last=8, batch_size=10,
                                          request_seconds=0.2))
    finally:
        await client.close()

    assert _payloads(batches) == ["m1", "m2", "m3", "m4", "m6", "m7", "m8"]
    assert batches[-1].last_sequence == 8


async def test_leaves_no_consumer_behind(nc: Client) -> None:
    await _read(RangeReader(nc, stream=STREAM, first=1, last=25, batch_size=10))

    assert (await nc.jetstream().stream_info(STREAM)).state.consumer_count == 0


def test_a_message_the_consumer_sent_but_never_arrived_fails_the_read() -> None:
    reader = RangeReader.__new__(RangeReader)
    reader._last, reader._delivered, reader._position = 100, 0, 0
    # Consumer sequence 3 in the first batch of two: one message went missing on the way.
    arrived = [Msg(_client=None, subject="pmo.x", data=b"", reply=f"$JS.ACK.PMO.c.1.{seq}.{seq}.0.9")  # type: ignore[arg-type]
               for seq in (1, 3)]

    with pytest.raises(MessagesLost, match="received 2 messages, the consumer delivered 3"):
        reader._advance(arrived)
