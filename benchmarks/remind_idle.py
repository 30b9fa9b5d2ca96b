"""`limber remind` waiting for the next break: CPU and memory, beside a bare Textual app in the same run.

    .venv/bin/python benchmarks/remind_idle.py [--seconds 600]

Each program runs in its own tmux session (80x24); after a warm-up, its user+system CPU time is
read from /proc over the same window, and its resident memory at the end. The reminder waits
for a break an hour away (it wakes at most once a minute: the countdown's minute, the state
file's heartbeat); the bare app draws one line and waits. The target: under 0.1% of one core.
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

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
BARE = '''
from textual.app import App
from textual.widgets import Static

class Bare(App):
    def compose(self):
        yield Static("Next break in 60 min")

Bare().run()
'''


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def rss_mib(pid: int) -> float:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * PAGE / 2**20


def start(socket: str, command: list[str], env: dict) -> int:
    subprocess.run(["tmux", "-L", socket, "new-session", "-d", "-x", "80", "-y", "24", *command], check=True, env=env)
    return int(subprocess.run(["tmux", "-L", socket, "display", "-p", "#{pane_pid}"],
                              capture_output=True, text=True, check=True).stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=600)
    parser.add_argument("--warmup", type=float, default=5)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("tmux is needed: apt-get install tmux")
    folder = tempfile.mkdtemp()
    env = dict(os.environ, LIMBER_RUNTIME_DIR=folder, LIMBER_CONFIG_DIR=folder, LIMBER_DATA_DIR=folder,
               LIMBER_CACHE_DIR=folder)
    env.pop("TMUX", None)
    bare = Path(folder, "bare.py")
    bare.write_text(BARE)
    limber = str(Path(sys.executable).with_name("limber"))
    programs = {"bare Textual app": [sys.executable, str(bare)],
                "limber remind (next break in 1 h)": [limber, "remind", "--every", "1h", "--mute", "--no-popup"]}
    sockets = {name: f"limber-bench-{os.getpid()}-{n}" for n, name in enumerate(programs)}
    try:
        # Both run over the same window, so a busy moment on the machine falls on both alike.
        pids = {name: start(sockets[name], command, env) for name, command in programs.items()}
        time.sleep(args.warmup)
        before = {name: cpu_seconds(pid) for name, pid in pids.items()}
        began = time.monotonic()
        time.sleep(args.seconds)
        wall = time.monotonic() - began
        print(f"Over {wall:.0f} s in an 80x24 terminal, after a {args.warmup:.0f} s warm-up:")
        for name, pid in pids.items():
            used = cpu_seconds(pid) - before[name]
            print(f"  {name:<36} {100 * used / wall:6.3f}% of one core ({used:.2f} s)   RSS {rss_mib(pid):5.1f} MiB")
    finally:
        for socket in sockets.values():
            subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True)


if __name__ == "__main__":
    main()
