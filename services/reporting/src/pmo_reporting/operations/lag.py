"""Prometheus gauge of a running rebuild; the consumer's own metrics come from pmo_shared."""
from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from pmo_reporting.operations.rebuild import Rebuilder


class RebuildProgress(Collector):
    def __init__(self, rebuilder: Rebuilder) -> None:
        self.rebuilder = rebuilder

    def collect(self) -> Iterator[Metric]:
        rebuild = GaugeMetricFamily("pmo_rebuild_applied_sequence",
                                    "Stream sequence a running rebuild has reached")
        rebuild.add_metric([], float(self.rebuilder.status.applied_sequence))
        yield rebuild


def install(registry: CollectorRegistry, rebuilder: Rebuilder) -> None:
    registry.register(RebuildProgress(rebuilder))
