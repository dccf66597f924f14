"""How big each benchmark runs: `full` for `make bench` (about 5 minutes), `quick` to try it out."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sizes:
    wrk_seconds: int = 10
    wrk_connections: int = 16
    store_events: int = 20_000
    store_submitters: int = 64
    peer_events: int = 5_000
    relay_events: int = 50_000
    nats_messages: int = 100_000
    lag_rate: int = 200
    lag_seconds: int = 15


FULL = Sizes()
QUICK = Sizes(wrk_seconds=3, store_events=2_000, store_submitters=32, peer_events=1_000,
              relay_events=5_000, nats_messages=10_000, lag_seconds=3)
