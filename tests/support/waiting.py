"""`wait_until`: the one way tests wait for something asynchronous to become true."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Awaitable, Callable


async def wait_until(
    predicate: Callable[[], Awaitable[bool] | bool],
    *,
    timeout: float = 10.0,
    interval: float = 0.02,
    message: str = "",
) -> None:
    """Poll `predicate` until it is true; raise AssertionError with `message` after `timeout`."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while True:
        outcome = predicate()
        if inspect.isawaitable(outcome):
            outcome = await outcome
        if outcome:
            return
        if loop.time() >= deadline:
            raise AssertionError(message or f"condition not met within {timeout} s")
        # The only sleep allowed in tests: a short poll interval, bounded by the deadline.
        await asyncio.sleep(interval)
