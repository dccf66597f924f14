"""Replays a range of the stream into a database through the projections, one transaction per
batch with the processed markers (the same exactly-once path as the live consumer)."""
from __future__ import annotations

import asyncio
from collections.abc import Callable

from nats.aio.msg import Msg
from nats.js import JetStreamContext
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy

from pmo_shared.envelope import Envelope
from pmo_shared.eventstore.database import Database
from pmo_shared.eventstore.writer import Writer
from pmo_shared.messaging.applier import BatchApplier, Incoming
from pmo_shared.messaging.stream import ALL_SUBJECTS

Progress = Callable[[int, int], None]


def incoming(msg: Msg) -> Incoming:
    sequence = msg.metadata.sequence.stream
    try:
        return Incoming(sequence=sequence, raw=msg.data, envelope=Envelope.from_json(msg.data))
    except ValueError as exc:
        return Incoming(sequence=sequence, raw=msg.data, envelope=None, error=repr(exc))


async def replay(js: JetStreamContext, *, stream: str, applier: BatchApplier, writer: Writer,
                 first: int, last: int, on_batch: Progress | None = None,
                 batch_size: int = 1000) -> int:
    """Applies stream sequences [first, last]; returns how many messages were read."""
    if last < first:
        return 0
    # Ephemeral and unacknowledged: nothing to clean up on the server if we die halfway.
    config = ConsumerConfig(deliver_policy=DeliverPolicy.BY_START_SEQUENCE, opt_start_seq=first,
                            ack_policy=AckPolicy.NONE, inactive_threshold=30.0,
                            filter_subject=ALL_SUBJECTS)
    subscription = await js.pull_subscribe(ALL_SUBJECTS, stream=stream, config=config)
    try:
        return await _apply_range(subscription, applier, writer, first, last, on_batch, batch_size)
    finally:
        await subscription.unsubscribe()


async def bulk_load(js: JetStreamContext, *, stream: str, applier: BatchApplier, url: str,
                    last: int, on_batch: Progress | None = None) -> int:
    """Replays sequences [1, last] into the fresh database at `url`, which nothing reads yet, with
    commits that do not wait for the disk; it is all on disk when this returns. Returns how many
    messages were read."""
    database = Database(url, bulk_load=True)
    writer = Writer(database.writer)
    writer.start()
    try:
        read = await replay(js, stream=stream, applier=applier, writer=writer, first=1, last=last,
                            on_batch=on_batch)
    finally:
        await asyncio.to_thread(writer.stop)
        database.dispose()
    await asyncio.to_thread(database.make_durable)
    return read


async def _apply_range(subscription: JetStreamContext.PullSubscription, applier: BatchApplier,
                       writer: Writer, first: int, last: int, on_batch: Progress | None,
                       batch_size: int) -> int:
    # The next batch is fetched while the writer applies the previous one; the writer applies
    # batches in submission order, and only one is ever in flight. Messages are parsed on the
    # writer thread: parsing here, beside the writer's executemany, made each row it steps wait
    # for the GIL.
    read, position = 0, first - 1
    applying: asyncio.Future[object] | None = None
    while position < last:
        try:
            messages = await subscription.fetch(min(batch_size, last - position), timeout=2.0)
        except TimeoutError:
            continue
        ending = _sequence(messages[-1]) > last  # the range ends inside this batch
        if ending:
            messages = [message for message in messages if _sequence(message) <= last]
        if messages:
            if applying is not None:
                await applying
            position, read = _sequence(messages[-1]), read + len(messages)
            applying = asyncio.ensure_future(writer.submit(
                lambda conn, messages=messages: applier.apply(conn, list(map(incoming, messages)))))
            applying.add_done_callback(_progress(on_batch, read, position))
        if ending:
            break
    if applying is not None:
        await applying
    return read


def _sequence(message: Msg) -> int:
    return message.metadata.sequence.stream


def _progress(on_batch: Progress | None, read: int, position: int) -> Callable[[object], None]:
    def done(applied: asyncio.Future[object]) -> None:
        if on_batch is not None and not applied.cancelled() and applied.exception() is None:
            on_batch(read, position)
    return done
