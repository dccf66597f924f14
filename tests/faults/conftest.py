"""Fault scenarios: the `rigs` fixture (processes torn down after each test) and the two tiers."""
from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.support.databases import DatabaseKind
from tests.support.faults.rig import FaultRig


@dataclass(frozen=True)
class Tier:
    """How much load and how many faults a scenario applies."""

    name: str
    warmup: int  # commands before the fault
    during: int  # commands while the fault lasts
    outages: int  # NATS kills / pauses / refusals, write-service and relay kills
    backlog: int  # commands queued before reporting (or a relay) catches up
    reporting_kills: int
    relay_backlog: int  # commands queued while the relay cannot reach NATS
    # The short tier compresses the timeouts a crash makes the survivors wait out: a killed
    # holder's lease is expired by the test (not after its 10 s TTL) and reporting's consumer
    # redelivers a dead fetch after 2 s (not 30 s). The soak tier waits them out for real.
    expire_leases: bool
    ack_wait_seconds: float | None


SHORT = Tier("short", warmup=8, during=24, outages=1, backlog=1100, reporting_kills=3,
             relay_backlog=400, expire_leases=True, ack_wait_seconds=2)
SOAK = Tier("soak", warmup=50, during=300, outages=4, backlog=12000, reporting_kills=20,
            relay_backlog=2000, expire_leases=False, ack_wait_seconds=None)
TIERS = [pytest.param(SHORT, id="short"),
         pytest.param(SOAK, id="soak", marks=[pytest.mark.soak, pytest.mark.timeout(1800)])]


@pytest.fixture(params=TIERS)
def tier(request: pytest.FixtureRequest) -> Tier:
    chosen: Tier = request.param
    return chosen


RigFactory = Callable[..., Awaitable[FaultRig]]


@pytest.fixture
async def rigs(tmp_path: Path, database_kind: DatabaseKind) -> AsyncIterator[RigFactory]:
    made: list[FaultRig] = []

    async def make(*, reporting: bool = True, **options: object) -> FaultRig:
        rig = FaultRig(tmp_path / f"rig{len(made)}", database_kind, **options)  # type: ignore[arg-type]
        made.append(rig)
        return await rig.start(reporting=reporting)

    yield make
    for rig in made:
        rig.close()
