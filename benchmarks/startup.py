"""Start-up to the first full frame, and peak memory: `limber play` beside a bare Textual app.

    .venv/bin/python benchmarks/startup.py [--runs 21] [--show]

Each run is a fresh process in a real pseudo-terminal of 120x36 (not headless: writing the
frame to the terminal is part of starting up). Two moments are timed from spawning it:

- first frame: the first full frame has been handed to the terminal. The program notes the
  time and leaves at once; `--show` prints that frame as text, to see that it is whole.
- settled: the first frame is drawn and the program has gone quiet (Textual's Pilot waits
  until the process is idle), so work done just after the frame is counted too.

Runs alternate between the two programs so that a noisy machine hurts both alike; medians
are reported, with peak RSS, and the ratio is the median of each limber run over the bare
run just before it.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLUMNS, LINES = 120, 36

# Run inside the child before the program's own first line. The hooks go into Textual's App
# as `textual.app` is first imported, wherever the program imports it: importing it here, ahead
# of the program, would change what is timed (limber holds the cycle collector from before it
# imports Textual until its first frame; a preamble importing Textual first would time that
# import with the collector running, which no `limber play` does).
WHEN_TEXTUAL_LOADS = """
import importlib.abc, importlib.util, sys

class _WhenTextualLoads(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        if name != "textual.app":
            return None
        sys.meta_path.remove(self)
        spec = importlib.util.find_spec(name)
        load = spec.loader.exec_module

        def exec_module(module):
            load(module)
            hook(module.App)

        spec.loader.exec_module = exec_module
        return spec

sys.meta_path.insert(0, _WhenTextualLoads())
"""

# `App._display` hands each rendered update to the terminal; the first one a screen sends is
# its full frame.
FIRST_FRAME = WHEN_TEXTUAL_LOADS + """
import os, sys, time

report = os.fdopen(int(os.environ["STARTUP_REPORT_FD"]), "w")
show = os.environ.get("STARTUP_SHOW") == "1"

def hook(App):
    display = App._display

    def first_frame(self, screen, renderable):
        display(self, screen, renderable)
        if renderable is not None and screen is self.screen and not self._batch_count:
            report.write(f"{time.monotonic()!r}\\n")
            if show:
                report.write("\\n".join(strip.text for strip in screen._compositor.render_strips()))
            report.flush()
            os._exit(0)

    App._display = first_frame
"""

SETTLED = WHEN_TEXTUAL_LOADS + """
import os, time

report = os.fdopen(int(os.environ["STARTUP_REPORT_FD"]), "w")

async def settle(pilot):
    await pilot.pause()
    report.write(f"{time.monotonic()!r}\\n")
    report.flush()
    os._exit(0)

def hook(App):
    run = App.run
    App.run = lambda self, **kw: run(self, auto_pilot=settle)
"""

PROGRAMS = {
    "bare": f"""
import sys; sys.path.insert(0, {str(HERE)!r})
from bare_clock import BareClock
BareClock().run()
""",
    "limber": """
from limber.cli import main
raise SystemExit(main(["play", "desk-back-stretches", "--mute"]))
""",
}
LABELS = {"bare": "bare Textual Digits app", "limber": "limber play desk-back-stretches"}

# As on a person's machine: bytecode caches written once and used after (some shells and CI
# images turn them off, which makes every start pay for compiling every module).
ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "TEXTUAL")}
ENV.update(TERM="xterm-256color", COLUMNS=str(COLUMNS), LINES=str(LINES))
# The sessions it starts go into a history of their own, not the person's.
ENV.setdefault("LIMBER_DATA_DIR", tempfile.mkdtemp(prefix="limber-startup-"))


def once(program: str, moment: str, show: bool = False) -> tuple[float, int, str]:
    """Seconds from spawn to `moment`, peak RSS in KiB, and what the program reported."""
    primary, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", LINES, COLUMNS, 0, 0))
    report_read, report_write = os.pipe()
    env = dict(ENV, STARTUP_REPORT_FD=str(report_write), STARTUP_SHOW="1" if show else "0")
    code = (FIRST_FRAME if moment == "first frame" else SETTLED) + PROGRAMS[program]
    start = time.monotonic()
    process = subprocess.Popen([sys.executable, "-c", code], stdin=secondary, stdout=secondary, stderr=secondary,
                               env=env, pass_fds=(report_write,), start_new_session=True)
    os.close(secondary)
    os.close(report_write)
    # Drain the terminal as a terminal would, so the program never blocks writing its frame.
    report = b""
    while True:
        ready, _, _ = select.select([primary, report_read], [], [], 10)
        if not ready:
            process.kill()
            raise SystemExit(f"{program} drew no frame within 10 s")
        if primary in ready:
            try:
                os.read(primary, 65536)
            except OSError:
                pass
        if report_read in ready:
            chunk = os.read(report_read, 65536)
            if not chunk:
                break
            report += chunk
    _, status, usage = os.wait4(process.pid, 0)
    os.close(primary)
    os.close(report_read)
    if status != 0 or not report:
        raise SystemExit(f"the {program} benchmark program failed (status {status})")
    stamp, _, frame = report.decode().partition("\n")
    return float(stamp) - start, usage.ru_maxrss, frame


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    parser.add_argument("--show", action="store_true", help="print each program's first frame as text")
    args = parser.parse_args()
    if args.show:
        for program in PROGRAMS:
            print(f"{LABELS[program]}, first frame:\n{once(program, 'first frame', show=True)[2]}\n")
    for program in PROGRAMS:  # warm the file cache and the bytecode for both
        once(program, "first frame")
    results: dict[tuple[str, str], list[tuple[float, int]]] = {}
    for _ in range(args.runs):
        for moment in ("first frame", "settled"):
            for program in PROGRAMS:
                seconds, rss, _ = once(program, moment)
                results.setdefault((program, moment), []).append((seconds, rss))
    print(f"Start-up in a {COLUMNS}x{LINES} pseudo-terminal, median of {args.runs} fresh processes each:")
    print(f"  {'':34} {'first frame':>11} {'settled':>9} {'peak RSS':>10}")
    rss: dict[str, float] = {}
    for program in PROGRAMS:
        rss[program] = statistics.median(r[1] for r in results[program, "settled"]) / 1024
        first, settled = (statistics.median(r[0] for r in results[program, moment])
                          for moment in ("first frame", "settled"))
        print(f"  {LABELS[program]:<34} {1000 * first:8.0f} ms {1000 * settled:6.0f} ms {rss[program]:6.1f} MiB")
    # Each limber run is set beside the bare run just before it, so a slow spell of the machine
    # falls on both sides of a ratio; the median of those ratios is what is reported.
    ratios = {moment: statistics.median(limber[0] / bare[0] for bare, limber in
                                        zip(results["bare", moment], results["limber", moment]))
              for moment in ("first frame", "settled")}
    print(f"limber / bare (median of paired runs): first frame {ratios['first frame']:.2f}x,"
          f" settled {ratios['settled']:.2f}x, peak RSS {rss['limber'] / rss['bare']:.2f}x")

if __name__ == "__main__":
    main()
