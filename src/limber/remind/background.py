"""`limber remind --headless` on this machine: the schedule from the config, the state file
`limber status` reads, the history, the cue, and where Start opens the player (a tmux popup
where a client shows one, else a new window from the config's `terminal:` command).
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Mapping
from typing import Any

from .settings import RemindSettings

BREAK_LENGTH = 5 * 60.0  # idle this long was a break


def run(settings: RemindSettings, *, mute: bool = False, volume: int | None = None,
        voice: bool | None = None) -> int:
    """Until the service manager (or ^C) stops it."""
    return asyncio.run(remind(settings, mute=mute, volume=volume, voice=voice))


async def remind(settings: RemindSettings, *, mute: bool = False, volume: int | None = None,
                 voice: bool | None = None, schedule: Any = None, **hooks: Any) -> int:
    """`schedule` and `hooks` (HeadlessReminder's wait, clock...) are for tests; the rest is this machine's."""
    from .headless import run_headless
    from .schedule import Schedule, boot_clock
    from .state import remove_state, state_path

    schedule = schedule or Schedule(settings, boot=boot_clock())
    path = state_path()
    history = History(say)
    sound = _sound(mute, volume, voice)
    hooks.setdefault("ring", lambda: _ring(sound))
    hooks.setdefault("say", say)
    hooks.setdefault("publish", publisher(path))
    hooks.setdefault("record", history.record)
    try:
        return await run_headless(schedule, open_player=player_opener(settings, mute=mute),
                                  break_length=BREAK_LENGTH, hold_at_most=settings.hold_at_most,
                                  notify=settings.notify, **hooks)
    finally:
        remove_state(path)
        history.close()
        if sound is not None:
            sound.close()


def say(text: str) -> None:
    """A notice to the service's log (the journal under systemd)."""
    from ..printable import printable

    print(f"limber remind: {printable(text)}", file=sys.stderr, flush=True)


def player_opener(settings: RemindSettings, *, mute: bool = False, env: Mapping[str, str] = os.environ):
    """Start's player: a tmux popup where a client can show one (and `popup` is not off), else the
    `terminal:` command's new window; False when there is neither."""
    from . import popup
    from .headless import terminal_player
    from .service import limber_argv

    in_window = terminal_player(settings.terminal, limber_argv(), mute=mute) if settings.terminal else None

    async def open_player(routine: str) -> bool:
        from .. import library

        try:
            path = library.find(routine)
        except (library.LookupProblem, OSError) as problem:
            say(str(problem))
            return False
        if settings.popup is not False and await asyncio.to_thread(popup.client_attached, env):
            argv = popup.popup_argv(path, mute=mute, env=env)
            if await asyncio.to_thread(popup.open_popup, argv, env):
                return True
        if in_window is not None:
            return await in_window(str(path))
        return False

    return open_player


def publisher(path) -> Callable[[Any, str | None], None]:
    """Writes the state file on each look (at least once a minute: the heartbeat)."""
    from .state import state_record, write_state

    failed: list[OSError] = []

    def publish(state: Any, held: str | None) -> None:
        try:
            write_state(path, state_record(state.kind.value, state.routine, state.until, state.snoozes, held))
        except OSError as error:
            if not failed:
                failed.append(error)
                say(f"limber status will not see this reminder: {error}")

    return publish


class History:
    """Breaks offered, taken, snoozed and skipped, into the workout history. A row now and then,
    written as it comes: nothing else waits on this loop but the next look."""

    def __init__(self, report: Callable[[str], None]):
        self.report = report
        self.store: Any = None
        self.failed = False

    def record(self, events: list) -> None:
        from datetime import datetime

        from .schedule import RECORDED

        for event in events:
            if event.what not in RECORDED or self.failed:
                continue
            try:
                if self.store is None:
                    from ..history.store import Store, history_path

                    self.store = Store.open(history_path(), report=self.report)
                    if self.store is None:
                        self.failed = True
                        continue
                self.store.add_reminder(event.what, event.routine, datetime.fromtimestamp(event.at).astimezone())
            except Exception as error:  # the history is a record, never a reason to stop reminding
                self.failed = True
                self.report(f"breaks are not written to the history: {error}")

    def close(self) -> None:
        if self.store is not None:
            self.store.close()


def _sound(mute: bool, volume: int | None, voice: bool | None) -> Any:
    if mute:
        return None
    try:
        from ..audio.setup import sound_from_settings

        return sound_from_settings(mute=mute, volume=volume, voice=voice)
    except Exception:  # no sound on this machine: the notification is the reminder
        return None


def _ring(sound: Any) -> None:
    play_cue = getattr(sound, "play_cue", None)
    if play_cue is None:
        return
    from ..audio.cues import Cue

    play_cue(Cue("go", "Time for a stretch", announcement=True))
