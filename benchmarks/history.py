"""`limber stats` and the history view over ten years of daily sessions, beside an empty history in the same run.

    .venv/bin/python benchmarks/history.py [--runs 9]

Generates about 4,000 sessions and 150,000 segment rows into a temporary data folder, then
times (median of --runs) the stats computation in this process (open, queries, compute,
text) and the whole `limber stats` subprocess, each beside the same over an empty history
and beside `limber --version`, so the figures read as what the history itself costs. The
history view is timed twice: reading what it shows (`HistoryScreen.open`), and from asking for
it on the home screen to its first frame being drawn in a headless app.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import redirect_stdout
from datetime import datetime, timedelta, timezone
from pathlib import Path

from limber.history.records import SegmentRecord
from limber.history.store import FILE_NAME, Store

LIMBER = [sys.executable, "-m", "limber"]
STEPS = ["Neck rolls", "Shoulder shrugs", "Seated spinal rotation", "Hip hinge", "Cat cow", "Child's pose",
         "Hamstring stretch", "Quad stretch", "Calf raise", "Chest opener", "Wrist circles", "Butterfly wings"]


def generate(folder: Path, years: int = 10) -> tuple[int, int]:
    store = Store.open(folder / FILE_NAME)
    rng = random.Random(11)
    zone = timezone(timedelta(hours=1))
    day = datetime(2015, 1, 1, 7, 0, tzinfo=zone)
    sessions = segments = 0
    db = store.connection
    db.execute("BEGIN")
    for n in range(int(365.25 * years)):
        for extra in range(1 if rng.random() < 0.9 else 2):
            started = day + timedelta(days=n, hours=extra * 10, minutes=rng.randrange(60))
            cursor = db.execute("INSERT INTO session (routine, path, sha256, started, ended, outcome, active_seconds,"
                                " paused_seconds) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                (rng.choice(["Desk back stretches", "Hips", "Morning"]), "/r.yaml", "0" * 64,
                                 started.isoformat(timespec="seconds"),
                                 (started + timedelta(minutes=12)).isoformat(timespec="seconds"),
                                 "finished", 700.0, 20.0))
            rows = []
            for position in range(37):
                record = SegmentRecord(position, rng.choice(STEPS), "work" if position % 2 else "rest", None, None,
                                       None, "done" if rng.random() < 0.9 else "skipped", 20.0, started)
                rows.append((cursor.lastrowid, record.position, record.step, record.kind, record.outcome,
                             record.seconds, started.isoformat(timespec="seconds")))
            db.executemany("INSERT INTO segment (session_id, position, step, kind, outcome, seconds, started)"
                           " VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
            sessions += 1
            segments += len(rows)
    db.execute("COMMIT")
    store.close()
    return sessions, segments


def time_in_process(folder: Path, runs: int) -> float:
    from limber.history.commands import run_stats

    os.environ["LIMBER_DATA_DIR"] = str(folder)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        with redirect_stdout(io.StringIO()):
            run_stats(argparse.Namespace(json=False))
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


TODAY = datetime(2024, 12, 31, 9, 0, tzinfo=timezone(timedelta(hours=1)))  # the generated decade's last day


def time_view_read(folder: Path, runs: int) -> float:
    from limber.ui.screens.history import HistoryScreen

    times = []
    for _ in range(runs):
        start = time.perf_counter()
        HistoryScreen.open(TODAY.date(), folder / FILE_NAME)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def time_view_frame(folder: Path, runs: int) -> float:
    """From `h` on the home screen to the history view drawn (headless, 120x36)."""
    import asyncio

    from limber.history.recorder import Recorder
    from limber.ui.app import LimberApp

    async def run() -> list[float]:
        app = LimberApp(None, history=Recorder(folder / FILE_NAME, wall=lambda: TODAY))
        times = []
        async with app.run_test(size=(120, 36)) as pilot:
            await pilot.pause()
            for _ in range(runs):
                start = time.perf_counter()
                await pilot.press("h")
                await pilot.pause()  # the view is mounted and its first frame drawn
                times.append(time.perf_counter() - start)
                await pilot.press("escape")
                await pilot.pause()
        return times

    return statistics.median(asyncio.run(run())) * 1000


def time_subprocess(args: list[str], folder: Path, runs: int) -> float:
    env = dict(os.environ, LIMBER_DATA_DIR=str(folder))
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(LIMBER + args, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as base:
        full, empty = Path(base) / "full", Path(base) / "empty"
        full.mkdir()
        empty.mkdir()
        os.environ["LIMBER_CONFIG_DIR"] = str(Path(base) / "config")
        os.environ["LIMBER_CACHE_DIR"] = str(Path(base) / "cache")
        start = time.perf_counter()
        sessions, segments = generate(full)
        size = (full / FILE_NAME).stat().st_size
        print(f"generated {sessions:,} sessions, {segments:,} segment rows ({size / 2**20:.1f} MiB) "
              f"in {time.perf_counter() - start:.1f} s")
        print(f"stats computed in-process: {time_in_process(full, args.runs):.1f} ms "
              f"(empty history: {time_in_process(empty, args.runs):.1f} ms)")
        print(f"history view, reading what it shows: {time_view_read(full, args.runs):.1f} ms over ten years "
              f"(empty history: {time_view_read(empty, args.runs):.1f} ms)")
        print(f"history view, `h` to its first frame (headless 120x36): {time_view_frame(full, args.runs):.1f} ms "
              f"over ten years (empty history: {time_view_frame(empty, args.runs):.1f} ms; a frame at 60 Hz is "
              f"16.7 ms)")
        version = time_subprocess(["--version"], empty, args.runs)
        stats_empty = time_subprocess(["stats"], empty, args.runs)
        stats_full = time_subprocess(["stats"], full, args.runs)
        print(f"`limber stats` subprocess: {stats_full:.0f} ms over ten years; {stats_empty:.0f} ms over an empty "
              f"history; `limber --version` {version:.0f} ms (medians of {args.runs})")


if __name__ == "__main__":
    main()
