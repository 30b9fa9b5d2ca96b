"""Running one hostile case out of harm's way: in a forked child, with a wall, CPU and memory limit.

A case that hangs (a FIFO with no writer), eats memory (a rep cue list of a hundred million)
or crashes the interpreter must fail its own test, not stall or kill the whole suite. The
child is a fork of the test process, so everything already imported costs nothing again,
and the time measured is limber's work alone, not Python's start-up.
"""

from __future__ import annotations

import os
import pickle
import resource
import select
import signal
import time
import traceback
from dataclasses import dataclass
from typing import Any
from collections.abc import Callable

# 1.5 GiB: far above anything a routine needs, far below what would trouble a shared machine.
MEMORY_LIMIT = 3 << 29


class TooSlow(BaseException):
    """Raised inside a child when its CPU limit passes (a BaseException, so no `except Exception` in
    limber can swallow it)."""


@dataclass
class Report:
    """What happened in the child."""

    value: Any = None  # what the function returned
    error: str | None = None  # the traceback of an exception that escaped it
    cpu: float = 0.0  # CPU seconds the function used
    wall: float = 0.0  # wall seconds it took
    killed: str | None = None  # why the child never reported back: a timeout, a signal

    def problem(self) -> str | None:
        """Why this run failed outright (before any check of its result), or None."""
        if self.killed:
            return self.killed
        if self.error:
            lines = self.error.rstrip().splitlines()
            shown = lines if len(lines) <= 24 else lines[:3] + ["  ..."] + lines[-20:]
            return "an exception escaped:\n" + "\n".join(shown)
        return None


def _on_cpu_limit(signum, frame):
    raise TooSlow("used more CPU time than its limit")


def cpu_limit(seconds: float) -> None:
    """From now on in this process, raise TooSlow once `seconds` more of CPU time are used (0: never)."""
    signal.setitimer(signal.ITIMER_PROF, seconds)


def run_isolated(function: Callable[..., Any], *args: Any, wall_limit: float = 5.0, cpu: float = 0,
                 memory_limit: int = MEMORY_LIMIT) -> Report:
    """`function(*args)` in a forked child; its return value must pickle. The child is killed
    after `wall_limit` seconds; with `cpu`, TooSlow is raised in it after that much CPU time."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test runner
        try:
            os.close(read_end)
            resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))
            signal.signal(signal.SIGPROF, _on_cpu_limit)
            start_cpu, start = time.process_time(), time.perf_counter()
            report = Report()
            try:
                if cpu:
                    cpu_limit(cpu)
                report.value = function(*args)
            except TooSlow:
                report.killed = f"used more than {cpu:g} s of CPU time (stopped)"
            except BaseException:
                report.error = traceback.format_exc()
            finally:
                cpu_limit(0)
            report.cpu, report.wall = time.process_time() - start_cpu, time.perf_counter() - start
            try:
                data = pickle.dumps(report)
            except Exception:
                data = pickle.dumps(Report(error=traceback.format_exc(), cpu=report.cpu, wall=report.wall))
            with os.fdopen(write_end, "wb") as out:
                out.write(data)
        finally:
            os._exit(0)
    os.close(write_end)
    chunks: list[bytes] = []
    deadline = time.monotonic() + wall_limit
    killed = None
    with os.fdopen(read_end, "rb", buffering=0) as source:
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                os.kill(pid, signal.SIGKILL)
                killed = f"still running after {wall_limit:g} s of wall time (killed)"
                break
            ready, _, _ = select.select([source], [], [], left)
            if ready:
                chunk = source.read(1 << 16)
                if not chunk:
                    break
                chunks.append(chunk)
    _, status = os.waitpid(pid, 0)
    if killed:
        return Report(killed=killed, wall=wall_limit)
    if os.WIFSIGNALED(status):
        return Report(killed=f"the child died of {signal.Signals(os.WTERMSIG(status)).name}")
    if not chunks:
        return Report(killed=f"the child reported nothing (exit status {os.waitstatus_to_exitcode(status)})")
    return pickle.loads(b"".join(chunks))
