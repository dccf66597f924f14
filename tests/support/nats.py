"""The `nats_server` fixture: a real JetStream server per test, on a free port, with a tmp store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pmo_shared.devserver import NatsServer


@pytest.fixture
def nats_server(tmp_path: Path) -> Iterator[NatsServer]:
    server = NatsServer(tmp_path / "nats")
    server.start()
    try:
        yield server
    finally:
        server.stop()
