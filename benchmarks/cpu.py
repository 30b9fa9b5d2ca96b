"""CPU while counting down a hold, in a real 120x36 terminal (tmux), beside a bare Textual clock and termdown.

    .venv/bin/python benchmarks/cpu.py [--seconds 20]

Each program runs in its own tmux session; after a warm-up its user+system CPU time is read
from /proc over the same window. Figures are percent of one core. termdown is optional
(`.venv/bin/pip install termdown`); it is skipped when missing.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
TICKS = os.sysconf("SC_CLK_TCK")
HOLD = "name: Hold\ndefaults: {get_ready: 0}\nsteps:\n  - {name: Hold, duration: 30s, instructions: Breathe.}\n"


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def measure(name: str, command: list[str], seconds: float, warmup: float = 3.0) -> float:
    socket = f"limber-bench-{os.getpid()}-{abs(hash(name)) % 10_000}"
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-x", "120", "-y", "36", *command], check=True)
    try:
        pid = int(subprocess.run(["tmux", "-L", socket, "display", "-p", "#{pane_pid}"],
                                 capture_output=True, text=True, check=True).stdout)
        time.sleep(warmup)
        start_cpu, start = cpu_seconds(pid), time.monotonic()
        time.sleep(seconds)
        used, wall = cpu_seconds(pid) - start_cpu, time.monotonic() - start
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)
    percent = 100 * used / wall
    print(f"  {name:<34} {percent:5.2f}% of one core")
    return percent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=20, help="the window; the hold lasts 30 s, so at most 26")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed: apt-get install tmux")
    bindir = Path(sys.executable).parent
    routine = Path(tempfile.mkdtemp()) / "hold.yaml"
    routine.write_text(HOLD)
    os.environ.setdefault("LIMBER_DATA_DIR", str(routine.parent / "data"))  # not the person's history
    print(f"CPU over {args.seconds:.0f} s in a 120x36 terminal (after a 3 s warm-up):")
    bare = [sys.executable, str(HERE / "bare_clock.py")]
    results = {"bare": measure("bare Textual Digits clock (1/s)", bare, args.seconds)}
    termdown = shutil.which("termdown") or (bindir / "termdown" if (bindir / "termdown").exists() else None)
    if termdown:
        results["termdown"] = measure("termdown 10m", [str(termdown), "10m"], args.seconds)
    else:
        print("  termdown                            not installed (pip install termdown), skipped")
    limber = [str(bindir / "limber"), "play", str(routine), "--mute"]
    results["limber"] = measure("limber play (a 30 s hold, muted)", limber,
                                args.seconds)
    print(f"limber / bare clock: {results['limber'] / max(results['bare'], 1e-9):.1f}x")


if __name__ == "__main__":
    main()
