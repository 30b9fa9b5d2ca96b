"""Start-up to the first full frame, and peak memory: `limber play` beside a bare Textual app.

    .venv/bin/python benchmarks/startup.py [--runs 7]

Each run is a fresh process, headless, that exits as soon as its first frame is drawn; the
time is from spawning it to its exit, the memory its peak RSS. Runs alternate between the two
so that a noisy machine hurts both alike; medians are reported.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

FIRST_FRAME = """
async def first_frame(pilot):
    await pilot.pause()
    pilot.app.exit(0)
"""

BARE = FIRST_FRAME + f"""
import sys; sys.path.insert(0, {str(HERE)!r})
from bare_clock import BareClock
BareClock().run(headless=True, auto_pilot=first_frame)
"""

LIMBER = FIRST_FRAME + """
from textual.app import App
run = App.run
App.run = lambda self, **kw: run(self, headless=True, auto_pilot=first_frame)
from limber.cli import main
raise SystemExit(main(["play", "desk-back-stretches", "--mute"]))
"""


# As on a person's machine: bytecode caches written once and used after (some shells and CI
# images turn them off, which makes every start pay for compiling every module).
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def once(code: str) -> tuple[float, int]:
    start = time.monotonic()
    process = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=ENV)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - start
    if status != 0:
        raise SystemExit(f"the benchmark program failed:\n{process.stderr.read().decode()}")
    return elapsed, usage.ru_maxrss  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    once(BARE), once(LIMBER)  # warm the file cache for both
    results: dict[str, list[tuple[float, int]]] = {"bare": [], "limber": []}
    for _ in range(args.runs):
        results["bare"].append(once(BARE))
        results["limber"].append(once(LIMBER))
    print(f"Start-up to the first frame, median of {args.runs} fresh processes each:")
    medians = {}
    for name, label in (("bare", "bare Textual Digits app"), ("limber", "limber play desk-back-stretches")):
        seconds = statistics.median(r[0] for r in results[name])
        rss = statistics.median(r[1] for r in results[name]) / 1024
        medians[name] = (seconds, rss)
        print(f"  {label:<34} {1000 * seconds:6.0f} ms   peak RSS {rss:5.1f} MiB")
    ratio = medians["limber"][0] / medians["bare"][0]
    print(f"limber / bare: start-up {ratio:.2f}x, memory {medians['limber'][1] / medians['bare'][1]:.2f}x")


if __name__ == "__main__":
    main()
