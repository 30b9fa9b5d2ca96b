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


def run_once(command: list[str], env: dict) -> tuple[float, str]:
    start = time.perf_counter()
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    return (time.perf_counter() - start) * 1000, out.strip()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=21)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as folder:
        env = dict(os.environ, LIMBER_RUNTIME_DIR=folder, LIMBER_CACHE_DIR=folder, LIMBER_CONFIG_DIR=folder)
        idle = dict(env, LIMBER_RUNTIME_DIR=os.path.join(folder, "none"))
        now = time.time()
        state = {"version": 1, "pid": os.getpid(), "heartbeat": now, "kind": "waiting",
                 "routine": "desk-back-stretches", "until": now + 23 * 60 + 5}
        Path(folder, "remind.json").write_text(json.dumps(state))
        cases = [("python -c pass", [sys.executable, "-c", "pass"], env),
                 ("limber status (not running)", [LIMBER, "status"], idle),
                 ("limber status (running)", [LIMBER, "status"], env),
                 ("limber status --json", [LIMBER, "status", "--json"], env)]
        times: dict[str, list[float]] = {name: [] for name, _, _ in cases}
        outputs: dict[str, str] = {}
        # Round after round, each case once: a busy moment on the machine falls on all of them alike.
        for _ in range(runs):
            for name, command, case_env in cases:
                took, outputs[name] = run_once(command, case_env)
                times[name].append(took)
    print(f"{runs} rounds, each case once a round; milliseconds per call")
    print(f"{'':30} {'median':>7} {'best':>7} {'worst':>7}  output")
    for name, _, _ in cases:
        print(f"{name:30} {statistics.median(times[name]):7.1f} {min(times[name]):7.1f} {max(times[name]):7.1f}"
              f"  {outputs[name][:48]}")
    base = statistics.median(times["python -c pass"])
    extra = statistics.median(times["limber status (running)"]) - base
    print(f"limber status costs {extra:.1f} ms beyond the bare interpreter (target: the whole call under 50 ms)")


if __name__ == "__main__":
    main()
