"""Signals from outside: SIGTERM, SIGHUP and SIGINT end the app with the terminal restored first;
SIGTSTP (Ctrl+Z, `kill -TSTP`) is noted as it comes, so the session can pause at that moment.

Left to their default action, SIGTERM and SIGHUP kill the process at once: the terminal stays
in the alternate screen with the mouse reported and the cursor hidden. Here they ask the app
to exit instead; once it has put the terminal back, `die_of` ends the process by the same
signal, so whoever started limber sees how it ended (a shell says 143 for SIGTERM).
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable

ENDING = tuple(getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name))


def listen_for_endings(end: Callable[[int], None]) -> None:
    """From now on an ending signal calls `end(number)` on the running event loop, between two
    pieces of the app's work rather than in the middle of one."""
    loop = asyncio.get_running_loop()
    for number in ENDING:
        if signal.getsignal(number) is signal.SIG_IGN:
            continue  # ignored by whoever started limber (nohup, a background job): it stays so
        try:
            loop.add_signal_handler(number, end, number)
        except (NotImplementedError, RuntimeError, ValueError):  # Windows, or not the main thread
            return


def note_stops(noted: Callable[[], None]) -> None:
    """Call `noted()` when SIGTSTP comes, just before the terminal's driver stops the process.

    It must stay that small: it runs inside a signal handler, wherever the app happened to be.
    """
    stop_signal = getattr(signal, "SIGTSTP", None)
    if stop_signal is None:
        return
    stop = signal.getsignal(stop_signal)
    if not callable(stop):
        return  # no driver handler in place (a headless app): nothing to stop and come back

    def stopping(number: int, frame) -> None:
        noted()
        stop(number, frame)

    signal.signal(stop_signal, stopping)


def die_of(number: int) -> int:
    """End the process by signal `number` with its default action (the terminal is already
    restored). Returns the usual exit status, 128 + number, should the process live on."""
    signal.signal(number, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {number})
    os.kill(os.getpid(), number)
    return 128 + number
