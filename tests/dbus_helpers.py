"""Waiting on a real D-Bus in tests (the private bus itself is the `private_bus` fixture in conftest)."""

from __future__ import annotations

import asyncio

WAIT = 10.0  # seconds: a guard against a hang, never a pause


async def until(condition, what: str) -> None:
    """Wait on the event loop until `condition()` holds, giving the bus its turns; fail after WAIT."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"waited {WAIT:.0f} s for {what}")
        await asyncio.sleep(0)  # a turn of the loop, no time: the bus's replies arrive between turns
