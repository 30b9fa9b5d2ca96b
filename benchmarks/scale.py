"""Scale: a 5,000-step routine read, validated, planned and opened; moving through its queue.

    .venv/bin/python benchmarks/scale.py

Baselines in the same run: PyYAML's pure-Python composer on the same text (what limber would
cost without the C loader), and `yaml.safe_load` of the same text (just reading it, no checks).
The read cache lives in a temporary folder for the run: "first time" is a routine limber has
not read before, "again" one it has, unchanged since.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from limber.library import find, load, load_kept  # noqa: E402
from limber.routine.validate import parse_routine  # noqa: E402
from limber.routine.plan import compile_plan  # noqa: E402
from limber.ui.app import LimberApp  # noqa: E402
from limber.ui.widgets.queue import QueueView  # noqa: E402

STEPS = 5000


def big_routine() -> str:
    # Short holds and rests, so that 5,000 steps stay within a routine's 24 hours.
    lines = ["name: Five thousand", "defaults: {get_ready: 5s, rest: 3s, switch_time: 2s}", "steps:"]
    for i in range(STEPS):
        lines += [
            f"  - name: Stretch number {i}",
            "    duration: 8s" if i % 2 else "    reps: 10\n    rep_time: 1s",
            "    sides: [left, right]" if i % 3 == 0 else "    targets: [back, shoulders]",
            "    instructions: |",
            "      Sit tall, breathe slowly, and move only as far as is comfortable.",
        ]
    return "\n".join(lines) + "\n"


def best_of(runs: int, action) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


async def open_and_move(path: Path) -> tuple[float, float, int]:
    start = time.perf_counter()
    app = LimberApp(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        opened = time.perf_counter() - start
        moves = []
        for _ in range(min(200, len(app.plan.segments) - 2)):
            begin = time.perf_counter()
            await pilot.press("n")
            await pilot.pause()
            moves.append(time.perf_counter() - begin)
        queue = app.player.query_one(QueueView)
        return opened, statistics.median(moves), len(queue.rows)


def main() -> None:
    text = big_routine()
    path = Path(tempfile.mkdtemp()) / "five-thousand.yaml"
    path.write_text(text)
    print(f"A routine of {STEPS:,} steps, {len(text) / 1024:.0f} KiB:")
    c_compose = best_of(3, lambda: yaml.compose(text, Loader=yaml.CSafeLoader))
    py_compose = best_of(3, lambda: yaml.compose(text, Loader=yaml.SafeLoader))
    safe_load = best_of(3, lambda: yaml.load(text, Loader=yaml.CSafeLoader))
    full = best_of(3, lambda: compile_plan(parse_routine(text, str(path))))
    _, plan = load(path)
    os.environ["LIMBER_CACHE_DIR"] = tempfile.mkdtemp()
    first_kept = best_of(1, lambda: load_kept(path))  # reads, checks, and keeps the reading
    again_kept = best_of(3, lambda: load_kept(path))
    os.environ["LIMBER_CACHE_DIR"] = tempfile.mkdtemp()
    print(f"  compose, C loader (what limber uses)     {1000 * c_compose:7.0f} ms")
    print(f"  compose, pure-Python loader (baseline)   {1000 * py_compose:7.0f} ms")
    print(f"  yaml.load, C loader, no checks (baseline){1000 * safe_load:7.0f} ms")
    print(f"  limber: read + validate + plan           {1000 * full:7.0f} ms  ({len(plan.segments):,} segments)")
    print(f"    the same through the read cache, first time {1000 * first_kept:4.0f} ms,"
          f" again {1000 * again_kept:.0f} ms")
    opened, move, rows = asyncio.run(open_and_move(path))
    opened_again, _, _ = asyncio.run(open_and_move(path))
    small_opened, small_move, small_rows = asyncio.run(open_and_move(find("desk-back-stretches")))
    print(f"  limber: open in the player (headless)    {1000 * opened:7.0f} ms  (queue of {rows:,} rows)")
    print(f"    opened again, routine unchanged        {1000 * opened_again:7.0f} ms")
    print(f"    baseline: the 8-step desk routine      {1000 * small_opened:7.0f} ms  (queue of {small_rows} rows)")
    print(f"  one move through the queue (n), median   {1000 * move:7.1f} ms  (key press to settled frame, via Pilot)")
    print(f"    baseline: the 8-step desk routine      {1000 * small_move:7.1f} ms  ({move / small_move:.2f}x)")


if __name__ == "__main__":
    main()
