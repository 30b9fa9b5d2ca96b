"""Inside tmux, a break opens in a popup over whatever the person is doing: `tmux display-popup -E`.

A popup needs a tmux client to show it; in a detached session there is none, and the break
plays in the reminder's own terminal instead. No Textual here: the app runs `open()` on a
worker thread, since `display-popup` returns only when the popup closes.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from collections.abc import Mapping, Sequence

POPUP_SIZE = "90%"
TIMEOUT = 5.0  # seconds for a tmux query; the popup itself may stay open as long as the routine


def inside_tmux(env: Mapping[str, str] = os.environ) -> bool:
    return bool(env.get("TMUX"))


def popup_wanted(setting: bool | None, env: Mapping[str, str] = os.environ) -> bool:
    """The `popup` setting, or by default: yes inside tmux. Outside tmux there is nowhere to open one."""
    return inside_tmux(env) and setting is not False


def player_command(routine: Path, *, mute: bool = False, env: Mapping[str, str] = os.environ,
                   python: str = sys.executable) -> str:
    """The shell command the popup runs: this limber playing `routine`, with this run's LIMBER_* folders
    (a popup starts from the tmux server's environment, not the reminder's)."""
    settings = [f"{name}={value}" for name, value in sorted(env.items()) if name.startswith("LIMBER_")]
    words = (["env", *settings] if settings else []) + [python, "-m", "limber", "play", str(routine)]
    if mute:
        words.append("--mute")
    return shlex.join(words)


def popup_argv(routine: Path, *, mute: bool = False, env: Mapping[str, str] = os.environ,
               cwd: str | None = None, tmux: str = "tmux") -> list[str]:
    argv = [tmux, "display-popup", "-E", "-w", POPUP_SIZE, "-h", POPUP_SIZE, "-T", " limber: time to stretch "]
    pane = env.get("TMUX_PANE")
    if pane:
        argv += ["-t", pane]
    if cwd:
        argv += ["-d", cwd]
    return argv + [player_command(routine, mute=mute, env=env)]


def client_attached(env: Mapping[str, str] = os.environ, tmux: str = "tmux") -> bool:
    """Whether a tmux client shows the session this process runs in (a popup needs one)."""
    if shutil.which(tmux) is None:
        return False
    argv = [tmux, "display-message", "-p"]
    if env.get("TMUX_PANE"):
        argv += ["-t", env["TMUX_PANE"]]
    try:
        found = subprocess.run(argv + ["#{session_attached}"], capture_output=True, text=True, timeout=TIMEOUT,
                               env=dict(env))
    except (OSError, subprocess.SubprocessError):
        return False
    return found.returncode == 0 and found.stdout.strip().isdigit() and int(found.stdout.strip()) > 0


def open_popup(argv: Sequence[str], env: Mapping[str, str] = os.environ) -> bool:
    """Run the popup until it closes; False if tmux could not open it (then play in place)."""
    try:
        done = subprocess.run(list(argv), capture_output=True, env=dict(env))
    except OSError:
        return False
    return done.returncode == 0
