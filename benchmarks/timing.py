"""Timing: a routine of short segments played in real time, headless; every segment start is logged.

    .venv/bin/python benchmarks/timing.py

The routine is played twice, with the workout history recording (into a temporary file) and
with it off, to show that recording adds no delay to segment changes. Each start should land
within 50 ms of its planned time and the whole routine end within
50 ms of its planned length, pauses subtracted. Beside it, a baseline in the same process:
a bare asyncio loop sleeping until each planned time, to show what the machine itself allows.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from limber.audio import Silence  # noqa: E402
from limber.engine import Finished, Paused, Resumed, SegmentStarted  # noqa: E402
from limber.history.recorder import Recorder  # noqa: E402
from limber.ui.app import LimberApp  # noqa: E402

ROUTINE = """\
name: Timing
defaults: {get_ready: 1, rest: 0.5, switch_time: 0.3}
steps:
  - {name: A, duration: 1.2, sides: [left, right]}
  - {name: B, reps: 3, rep_time: 0.5}
  - repeat: 3
    rest_between: 0.7
    steps:
      - {name: C, duration: 0.9}
      - {name: D, duration: 0.6, sets: 2, rest_between_sets: 0.25}
"""
PAUSE_AT, PAUSE_FOR = 1.7, 1.0  # pause in the middle of a segment


class StartLog(Silence):
    """Notes the real time each event reached the player's sound, as a cue would be played."""

    def __init__(self):
        super().__init__()
        self.starts: list[tuple[int, float]] = []
        self.pauses: list[tuple[float, float]] = []  # (paused at, resumed at) on the real clock
        self.finished_at: float | None = None

    def handle(self, events, engine):
        now = time.monotonic()
        for event in events:
            if isinstance(event, SegmentStarted):
                self.starts.append((event.index, now))
            elif isinstance(event, Paused):
                self.pauses.append((event.at, event.at))
            elif isinstance(event, Resumed):
                self.pauses[-1] = (self.pauses[-1][0], event.at)
            elif isinstance(event, Finished):
                self.finished_at = now


async def play_limber(path: Path, history: bool) -> tuple[list[float], float, float]:
    log = StartLog()
    recorder = Recorder(path.with_name("history.sqlite3"), enabled=history, held=True)
    app = LimberApp(path, sound=log, history=recorder)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        begun = log.starts[0][1]
        await asyncio.sleep(PAUSE_AT - (time.monotonic() - begun))
        await pilot.press("space")
        await asyncio.sleep(PAUSE_FOR)
        await pilot.press("space")
        plan = app.plan
        while log.finished_at is None:
            await asyncio.sleep(0.05)
    # The plan's offsets, each pushed back by the pauses that came before it on the real clock.
    (paused_at, resumed_at), = log.pauses
    paused_for = resumed_at - paused_at
    planned, clock = [], 0.0
    for segment in plan.segments:
        start = begun + clock
        planned.append(start + (paused_for if start >= paused_at else 0.0))
        clock += segment.seconds
    late = [seen - planned[index] for index, seen in log.starts]
    return late, (log.finished_at - begun - paused_for) - clock, clock


async def baseline(offsets: list[float]) -> list[float]:
    begun = time.monotonic()
    late = []
    for offset in offsets:
        await asyncio.sleep(max(0.0, begun + offset - time.monotonic()))
        late.append(time.monotonic() - begun - offset)
    return late


def describe(name: str, late: list[float]) -> None:
    ms = [1000 * x for x in late]
    print(f"  {name:<30} mean {statistics.mean(ms):6.1f} ms   max {max(ms):6.1f} ms   min {min(ms):6.1f} ms")


def main() -> None:
    path = Path(tempfile.mkdtemp()) / "timing.yaml"
    path.write_text(ROUTINE)
    late, end_error, length = asyncio.run(play_limber(path, history=True))
    quiet, quiet_end, _ = asyncio.run(play_limber(path, history=False))
    print(f"Segment starts in a {length:.1f} s routine of {len(late)} segments, paused {PAUSE_FOR:.0f} s midway:")
    describe("limber, history recording", late)
    describe("limber, history off", quiet)
    describe("baseline asyncio sleep", asyncio.run(baseline([i * length / len(late) for i in range(len(late))])))
    print(f"  routine end vs planned length   {1000 * end_error:+.1f} ms recording, {1000 * quiet_end:+.1f} ms off"
          " (pause subtracted)")
    worst = max(abs(x) for x in late + quiet + [end_error, quiet_end])
    print(f"  {'within 50 ms' if worst <= 0.05 else 'OVER 50 ms'}: worst {1000 * worst:.1f} ms")


if __name__ == "__main__":
    main()
