"""No cycle collections while a screen starts up.

Starting the player builds tens of thousands of long-lived objects (Textual, limber, the
routine) and almost no garbage: a few hundred objects in cycles. Python's collector still runs
a hundred-odd passes over them while they are made, about 15 ms before the first frame
(benchmarks/startup.py). So the collector is held from the moment the screen is wanted until
its first frame is up; then what was built is frozen (never walked again: it lives as long as
the app) and collection goes on as usual.
"""

from __future__ import annotations

import gc

_held = False


def hold() -> None:
    """No collections until `release`: only for the short stretch up to a first frame."""
    global _held
    if gc.isenabled():
        gc.disable()
        _held = True


def release() -> None:
    """Collection as usual again, with everything built so far left out of its passes."""
    global _held
    if _held:
        _held = False
        gc.freeze()
        gc.enable()
