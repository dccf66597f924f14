"""Prometheus gauges of the projection consumer, read from its live statistics at scrape time."""
from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from pmo_reporting.operations.rebuild import Rebuilder
from pmo_shared.readside import ReadSide


class ConsumerLag(Collector):
    def __init__(self, side: ReadSide, rebuilder: Rebuilder) -> None:
        self.side = side
        self.rebuilder = rebuilder

    def collect(self) -> Iterator[Metric]:
        consumer = self.side.consumer
        stats = None if consumer is None else consumer.stats
        labels = [self.side.consumer_name]
        pending = GaugeMetricFamily("pmo_consumer_pending_events",
                                    "Events in the stream not yet delivered to the consumer",
                                    labels=["consumer"])
        pending.add_metric(labels, float(stats.pending or 0) if stats else 0.0)
        yield pending
        sequence = GaugeMetricFamily("pmo_consumer_last_sequence",
                                     "Last stream sequence applied", labels=["consumer"])
        sequence.add_metric(labels, float(stats.last_sequence) if stats else 0.0)
        yield sequence
        for name, value in (("applied", stats.applied_total if stats else 0),
                            ("parked", stats.parked_total if stats else 0)):
            counter = CounterMetricFamily(f"pmo_consumer_{name}_events",
                                          f"Events {name} by the consumer", labels=["consumer"])
            counter.add_metric(labels, float(value))
            yield counter
        rebuild = GaugeMetricFamily("pmo_rebuild_applied_sequence",
                                    "Stream sequence a running rebuild has reached")
        rebuild.add_metric([], float(self.rebuilder.status.applied_sequence))
        yield rebuild


def install(registry: CollectorRegistry, side: ReadSide, rebuilder: Rebuilder) -> None:
    registry.register(ConsumerLag(side, rebuilder))
