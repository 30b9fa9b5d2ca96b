"""`limber status` as a status bar runs it, beside `python -c pass` in the same run.

    .venv/bin/python benchmarks/status.py [--runs 21]

Times (median and worst of --runs, each a fresh process) the bare interpreter, `limber status`
with no reminder running, with a live reminder's state file (this process stands in as its
writer), and `limber status --json`, through the installed `limber` script as a status bar
would call it. The target is under 50 ms for each.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

LIMBER = str(Path(sys.executable).with_name("limber"))


def timed(command: list[str], env: dict, runs: int) -> tuple[float, float, str]:
    times, out = [], ""
    for _ in range(runs):
        start = time.perf_counter()
        out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000, max(times) * 1000, out.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, LIMBER_RUNTIME_DIR=folder, LIMBER_CACHE_DIR=folder, LIMBER_CONFIG_DIR=folder)
        cases = [("python -c pass", [sys.executable, "-c", "pass"]),
                 ("limber status (not running)", [LIMBER, "status"])]
        rows = [(name, *timed(command, env, runs)) for name, command in cases]
        now = time.time()
        state = {"version": 1, "pid": os.getpid(), "heartbeat": now, "kind": "waiting",
                 "routine": "desk-back-stretches", "until": now + 23 * 60 + 5}
        Path(folder, "remind.json").write_text(json.dumps(state))
        for name, command in (("limber status (running)", [LIMBER, "status"]),
                              ("limber status --json", [LIMBER, "status", "--json"])):
            rows.append((name, *timed(command, env, runs)))
    print(f"{runs} runs each; milliseconds per call")
    print(f"{'':32} {'median':>8} {'worst':>8}  output")
    for name, median, worst, out in rows:
        print(f"{name:32} {median:8.1f} {worst:8.1f}  {out[:60]}")
    base = rows[0][1]
    print(f"limber status beyond the bare interpreter: {rows[2][1] - base:.1f} ms (target: whole call < 50 ms)")


if __name__ == "__main__":
    main()
