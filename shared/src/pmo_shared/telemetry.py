"""Operational telemetry: metrics computed at scrape time (outbox backlog and age, relay and
consumer counters, consumer lag, dead letters). Rates (events projected per
second) are PromQL's job: `rate(pmo_consumer_applied_total[1m])`."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING

import structlog
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from sqlalchemy import func, select

from pmo_shared.eventstore.database import Database
from pmo_shared.messaging.backlog import read_backlog

if TYPE_CHECKING:
    from pmo_shared.messaging.consumer import ProjectionConsumer
    from pmo_shared.readside import ReadSide
    from pmo_shared.writeside import WriteSide

log = structlog.get_logger(__name__)


class OutboxCollector(Collector):
    """A write service's relay: published/failed counters and the outbox backlog, read on scrape."""

    def __init__(self, side: WriteSide) -> None:
        self._side = side

    def collect(self) -> Iterator[Metric]:
        relay = self._side.relay
        published = CounterMetricFamily("pmo_relay_published", "Events acknowledged by JetStream")
        failures = CounterMetricFamily("pmo_relay_failures", "Relay batches that failed and were retried")
        published.add_metric([], relay.published_total if relay else 0)
        failures.add_metric([], relay.failures_total if relay else 0)
        yield from (published, failures)
        try:
            with self._side.database.reader.connect() as conn:
                backlog = read_backlog(conn, self._side.store.tables)
        except Exception as exc:  # the scrape must still answer while the database is away
            log.warning("metrics.backlog_failed", error=repr(exc))
            return
        age = 0.0
        if backlog.oldest_at is not None:
            age = max((self._side.clock.now() - backlog.oldest_at).total_seconds(), 0.0)
        yield GaugeMetricFamily("pmo_outbox_backlog_events", "Outbox rows not yet published",
                                value=backlog.size)
        yield GaugeMetricFamily("pmo_outbox_oldest_pending_age_seconds",
                                "Age of the oldest unpublished event (0 when none)", value=age)


class ConsumerCollector(Collector):
    """Projection consumers: applied/skipped/parked counters, lag and the dead-letter count."""

    def __init__(self, consumers: Callable[[], Iterable[ProjectionConsumer]],
                 database: Database) -> None:
        self._consumers = consumers
        self._db = database

    def collect(self) -> Iterator[Metric]:
        consumers = list(self._consumers())
        families = {
            "applied": CounterMetricFamily("pmo_consumer_applied", "Events applied to read models",
                                           labels=["consumer"]),
            "skipped": CounterMetricFamily("pmo_consumer_skipped", "Redelivered events skipped",
                                           labels=["consumer"]),
            "parked": CounterMetricFamily("pmo_consumer_parked", "Events parked as dead letters",
                                          labels=["consumer"]),
        }
        lag = GaugeMetricFamily("pmo_consumer_pending_messages",
                                "Messages in the stream not yet delivered to the consumer",
                                labels=["consumer"])
        position = GaugeMetricFamily("pmo_consumer_last_sequence",
                                     "Last stream sequence applied", labels=["consumer"])
        for consumer in consumers:
            stats = consumer.stats
            position.add_metric([consumer.name], stats.last_sequence)
            families["applied"].add_metric([consumer.name], stats.applied_total)
            families["skipped"].add_metric([consumer.name], stats.skipped_total)
            families["parked"].add_metric([consumer.name], stats.parked_total)
            if stats.pending is not None:
                lag.add_metric([consumer.name], stats.pending)
        yield from (*families.values(), lag, position)
        yield from self._dead_letters(consumers)

    def _dead_letters(self, consumers: list[ProjectionConsumer]) -> Iterator[Metric]:
        if not consumers:
            return
        table = consumers[0].applier.tables.dead_letters
        try:
            with self._db.reader.connect() as conn:
                count = conn.execute(select(func.count()).select_from(table)).scalar_one()
        except Exception as exc:
            log.warning("metrics.dead_letters_failed", error=repr(exc))
            return
        yield GaugeMetricFamily("pmo_dead_letters", "Parked events awaiting inspection or redrive",
                                value=count)


def write_side_collectors(side: WriteSide) -> list[Collector]:
    return [OutboxCollector(side), ConsumerCollector(lambda: side.consumers.values(), side.database)]


def read_side_collectors(side: ReadSide) -> list[Collector]:
    """For reporting: `create_service_app(..., collectors=read_side_collectors(read_side))`."""
    return [ConsumerCollector(lambda: [side.consumer] if side.consumer else [], side.database)]
