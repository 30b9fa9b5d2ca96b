"""The reminder's state file: what `limber remind` is doing, written for `limber status` to read.

A small JSON object, rewritten whole (write_atomically) on every change and once a minute as a
heartbeat. `limber status` runs from status bars every few seconds, so this module and what it
imports stay light: no YAML, no Textual, no dataclasses. A state whose writer is gone (its
process has ended, or it has not written for a while: killed, stopped, or the machine asleep)
reads as no reminder at all.
"""

from __future__ import annotations

import json
import os
import stat
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path

FILE_NAME = "remind.json"
VERSION = 1
HEARTBEAT_SECONDS = 60.0
STALE_SECONDS = 2.5 * HEARTBEAT_SECONDS  # no word from the writer for this long: it is gone
MAX_STATE_BYTES = 64 * 1024


def state_path() -> Path:
    from ..locations import runtime_dir

    return runtime_dir() / FILE_NAME


def status_file() -> str:
    """`state_path()` as text, found without pathlib (and the `re` it loads) wherever the
    environment names the folder: what `limber status` reads, every few seconds."""
    override = os.environ.get("LIMBER_RUNTIME_DIR")
    if override:
        return os.path.join(override, FILE_NAME)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _own_folder(runtime):
        return os.path.join(runtime, "limber", FILE_NAME)
    return str(state_path())


def _own_folder(folder: str) -> bool:
    # As locations.runtime_dir judges $XDG_RUNTIME_DIR (a test holds the two together).
    try:
        found = os.stat(folder)
    except OSError:
        return False
    geteuid = getattr(os, "geteuid", None)
    ours = geteuid is None or found.st_uid == geteuid()
    return stat.S_ISDIR(found.st_mode) and ours and not found.st_mode & 0o022


def write_state(path: Path, state: dict) -> None:
    from ..files import write_atomically
    from ..locations import private_folder

    private_folder(path.parent)
    # No fsync: the file says what a running process is doing and is made again within a minute.
    write_atomically(path, json.dumps(state, ensure_ascii=True), sync=False)


def state_record(kind: str, routine: str, until: float | None, snoozes: int, held: str | None = None,
                 now: float | None = None) -> dict:
    """What a reminder writes: its state, and `held`, the word for a due break it holds back
    (do not disturb, an empty desk), or None."""
    return {"version": VERSION, "pid": os.getpid(), "heartbeat": time.time() if now is None else now,
            "kind": kind, "routine": routine, "until": until, "snoozes": snoozes, "held": held}


def remove_state(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def read_state(path: Path | str, now: float | None = None) -> dict | None:
    """The state a live writer left, or None: no file, a damaged one, or a writer gone."""
    from ..files import read_regular

    now = time.time() if now is None else now
    try:
        state = json.loads(read_regular(path, MAX_STATE_BYTES))
    except (OSError, ValueError):
        return None
    if not isinstance(state, dict) or state.get("version") != VERSION:
        return None
    pid, heartbeat = state.get("pid"), state.get("heartbeat")
    if not isinstance(pid, int) or not isinstance(heartbeat, (int, float)):
        return None
    if not _running(pid) or not -STALE_SECONDS < now - heartbeat < STALE_SECONDS:
        return None
    return state


def _running(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, OSError):
        return False
    return True


def short_time(seconds: float) -> str:
    """23m, 1h05m, 40s: a time left as a status bar shows it (rounded up, so 0 means now)."""
    whole = max(0, int(-(-seconds // 1)))
    if whole < 60:
        return f"{whole}s"
    minutes = -(-whole // 60)
    if minutes < 60:
        return f"{minutes}m"
    return f"{minutes // 60}h{minutes % 60:02d}m"


def clock_time(wall: float, now: float) -> str:
    """14:00 today; `Mon 09:00` on another day."""
    then, today = time.localtime(wall), time.localtime(now)
    shown = time.strftime("%H:%M", then)
    if then[:3] != today[:3]:
        shown = time.strftime("%a ", then) + shown
    return shown


def status(state: dict | None, now: float) -> dict:
    """What `limber status` shows: `text` (one short line, empty when there is nothing to say),
    `tooltip`, and `class` (waiting, due, held, snoozed, break, paused, off; none when not running)."""
    if state is None:
        return {"text": "", "tooltip": "limber remind is not running", "class": "none"}
    kind = state.get("kind")
    given = state.get("until")
    # When the state names no moment, "until" reads as now: only the branches that say a
    # time (each checks `left`) show it.
    until = float(given) if isinstance(given, (int, float)) else now
    left = until - now if isinstance(given, (int, float)) else None
    routine = _harmless(state.get("routine", ""))
    held = state.get("held")
    if kind == "due" and isinstance(held, str) and held:
        text, tip = _harmless(held), f"{routine} is due: offered when it may be"
        kind = "held"
    elif kind == "waiting" and left is not None and left > 0:
        text, tip = f"stretch in {short_time(left)}", f"next: {routine} at {clock_time(until, now)}"
    elif kind in ("waiting", "due") or (kind == "snoozed" and (left is None or left <= 0)):
        kind, text, tip = "due", "stretch due", f"{routine}: `limber remind` plays it (s)"
    elif kind == "snoozed":
        text, tip = f"snoozed {short_time(left or 0.0)}", f"{routine} at {clock_time(until, now)}"
    elif kind == "break":
        text, tip = "stretching", routine
    elif kind == "paused":
        shown = f" until {clock_time(until, now)}" if left is not None else ""
        text, tip = f"reminders paused{shown}", f"reminders paused{shown}"
    elif kind == "off":
        shown = f" until {clock_time(until, now)}" if left is not None else ""
        text, tip = "", f"outside working hours: no reminders{shown}"
    else:
        return {"text": "", "tooltip": "limber remind is not running", "class": "none"}
    return {"text": text, "tooltip": tip, "class": kind}


def _harmless(text: object) -> str:
    """No control character, bidi override or line break reaches a status bar (the same
    characters limber.printable escapes; `re` and that module stay unloaded here)."""
    return "".join(ch if ch.isprintable() else "?" for ch in str(text))


def print_status(as_json: bool = False) -> int:
    """`limber status [--json]`: one line, or waybar's JSON object; nothing when remind is not running."""
    now = time.time()
    shown = status(read_state(status_file(), now), now)
    if as_json:
        print(json.dumps(shown, ensure_ascii=True))
    elif shown["text"]:
        print(shown["text"])
    return 0
