"""`limber remind`: the player app with the reminder's screen at the bottom of its stack.

The app keeps the schedule and reacts to what it reports: rings when a break is due, writes the
state file `limber status` reads, records breaks in the history. Inside tmux (with `popup` on)
a due break opens by itself in a popup over whatever is in front, when a client can show one;
otherwise `s` plays it in this terminal, pushed over the remind screen. When the routine ends or
is quit, the remind screen comes back with the next break counted from then.

`start_break`, `snooze_break`, `skip_break` and `pause_breaks` are the way in for any front (a
key here, a desktop notification's button): each acts on the schedule and redraws.

Where the machine offers them, a `Reach` (found by a worker after start-up, so the screen never
waits on D-Bus) carries a due break further: a desktop notification with Start, Snooze and Skip,
held while do-not-disturb is on or the desk is empty, and time away a break long counted as the
break. Without one, a due break rings as soon as it is due.
"""

from __future__ import annotations

import argparse
import os
import threading
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from .. import library
from ..audio import Sound
from ..remind import popup
from ..remind.reach import Due, Reach, Step
from ..remind.schedule import RECORDED, BreakEvent, Kind, Schedule, boot_clock
from ..remind.settings import RemindSettings
from ..remind.state import HEARTBEAT_SECONDS, remove_state, state_path, state_record, write_state
from ..remind.view import next_change
from ..routine import RoutineError
from .app import LimberApp, _run, _sound_for

if TYPE_CHECKING:
    from textual.timer import Timer

    from ..history.store import Store
from .screens.remind import RemindScreen

BREAK_LENGTH = 5 * 60.0  # idle this long was a break
SIGNAL_GRACE_SECONDS = 3.0  # to end cleanly after a signal, before the process ends itself
PAUSE_HOUR = 3600.0


class RemindApp(LimberApp):
    def __init__(self, settings: RemindSettings, *, wall: Callable[[], float] = time.time,
                 clock: Callable[[], float] = time.monotonic, boot: Callable[[], float] | None = None,
                 tz=None, sound: Sound | None = None,
                 state_file: Path | None = None, use_popup: bool = False, mute: bool = False,
                 problems: tuple[str, ...] = (), find_reach: Callable[[RemindApp], Awaitable[Reach]] | None = None,
                 **kwargs):
        """`find_reach` makes this app's Reach (notifications, idle, do-not-disturb); None: the bell alone."""
        super().__init__(None, clock=clock, sound=sound, **kwargs)
        self.wall = wall
        self.reminders = Schedule(settings, wall=wall, mono=clock, boot=boot, tz=tz)
        self.state_file = state_file
        self.use_popup = use_popup
        self.mute = mute
        self.rings = 0  # how often a due break rang, for tests and the curious
        self.in_popup = False
        self.held: str | None = None  # why a due break waits (do not disturb, an empty desk), for the screen and status
        self.reach: Reach | None = None
        self._find_reach = find_reach
        self._checking = False  # a look through the reach is under way
        self._check_again = False  # the schedule changed during it: look again when it ends
        self._next_look: float | None = None  # monotonic time the reach asked to look again
        self._looked_at: Kind | None = None  # the schedule's state at the last look
        self._problems = problems
        self._leaving = False
        self._timer: Timer | None = None
        self._written: tuple | None = None
        self._written_at = -HEARTBEAT_SECONDS

    def get_default_screen(self):
        return RemindScreen()

    def on_mount(self) -> None:
        super().on_mount()
        for problem in self._problems:
            self.notify(f"{problem} (the default is used)", severity="warning", timeout=10)
        self.tick()
        if self._find_reach is not None:
            self._reach_out()

    @work(exit_on_error=False, group="reach")
    async def _reach_out(self) -> None:
        assert self._find_reach is not None
        try:
            reach = await self._find_reach(self)
        except Exception as error:  # no way past this terminal: the bell, as before
            self.notify(f"no desktop notifications: {error}", severity="warning", timeout=10)
            return
        self._say(reach.take_notices())
        self.reach = reach
        self.tick()

    # -- the clock ---------------------------------------------------------------------------
    def tick(self) -> None:
        """Catch up with the clocks, react, redraw, and sleep until the next thing to show or do."""
        if self._timer is not None:
            self._timer.stop()
        events = self.reminders.update()
        self._react(events)
        if self.reach is not None and (events or self.reminders.state().kind is not self._looked_at
                                       or self._next_look is None or self.clock() >= self._next_look):
            self._check_reach()
        self._show_and_sleep()

    def _show_and_sleep(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        state = self.reminders.state()
        self._write_state(state)
        remind = self._remind_screen()
        if remind is not None and remind.is_mounted:
            remind.show()
        waits = [self.reminders.next_check(), HEARTBEAT_SECONDS - (self.clock() - self._written_at)]
        change = next_change(state)
        if change is not None:
            waits.append(change)
        if self.reach is not None and self._next_look is not None:
            waits.append(self._next_look - self.clock())
        self._timer = self.set_timer(max(0.05, min(waits)), self.tick)

    def _react(self, events: list[BreakEvent]) -> None:
        for event in events:
            if event.what in RECORDED:
                self.history.put(_reminder_written(event))
            if event.what == "due" and self.reach is None:  # with a reach, it says when to ring
                self._offer()

    def _offer(self) -> None:
        self.ring()
        if self.use_popup:
            self.call_later(self._open_over_work)

    # -- the reach: notifications, idle and do-not-disturb ---------------------------------------
    def _check_reach(self) -> None:
        """One look at a time: a change during a look is looked at when it ends."""
        if self._checking:
            self._check_again = True
            return
        self._checking = True
        self._look_through_reach()

    @work(exit_on_error=False, group="reach")
    async def _look_through_reach(self) -> None:
        try:
            while self.reach is not None:
                self._check_again = False
                state = self.reminders.state()
                self._looked_at = state.kind
                due = Due(state.routine, state.can_snooze, state.can_skip) if state.kind is Kind.DUE else None
                try:
                    step = await self.reach.check(due)
                except Exception as error:  # the desktop went away under it: the bell from now on
                    self.reach, self.held, self._next_look = None, None, None
                    self.notify(f"desktop notifications stopped: {error}; the reminder rings the bell instead",
                                severity="warning", timeout=10)
                    break
                self._take(step)
                if not self._check_again:
                    break
        finally:
            self._checking = False
        self._show_and_sleep()

    def _take(self, step: Step) -> None:
        if step.back is not None and step.back.counts_as_break and self.reminders.rested(step.back.at):
            self._react(self.reminders.update())  # that was the break: the next counts from the return
            self._check_again = True  # nothing is due now: the notification is taken back
        if step.ring:
            self._offer()
        self.held = step.held
        self._next_look = self.clock() + step.look_again
        if self.reach is not None:
            self._say(self.reach.take_notices())

    def _say(self, notices: list[str]) -> None:
        for notice in notices:
            self.notify(notice, timeout=10)

    def _open_over_work(self) -> None:
        """Inside tmux, a due break opens by itself in a popup over whatever is in front; with no
        client to show one, it waits on the remind screen for `s`."""
        if self.reminders.state().kind is Kind.DUE and not self.in_popup and popup.client_attached():
            self.start_break()

    def ring(self) -> None:
        """The cue sound where there is one, else the terminal's bell; nothing when muted (the
        screen and `limber status` still say the break is due)."""
        self.rings += 1
        if self.sound.muted:
            return
        play_cue = getattr(self.sound, "play_cue", None)
        if play_cue is not None:
            from ..audio.cues import Cue

            play_cue(Cue("go", "Time for a stretch", announcement=True))
        else:
            self.bell()

    def _write_state(self, state) -> None:
        if self.state_file is None:
            return
        shown = (state.kind.value, state.routine, None if state.until is None else round(state.until), self.held)
        if shown == self._written and self.clock() - self._written_at < HEARTBEAT_SECONDS * 0.9:
            return
        try:
            write_state(self.state_file, state_record(shown[0], shown[1], state.until, state.snoozes, self.held,
                                                      now=self.wall()))
        except OSError as error:
            if self._written is not None or self._written_at < 0:
                self.notify(f"limber status will not see this reminder: {error}", severity="warning")
            self.state_file = None
            return
        self._written, self._written_at = shown, self.clock()

    # -- what a person (or a notification) asks for ----------------------------------------------
    def start_break(self, here: bool = False) -> None:
        """Play the break: in this terminal when `here` (its `s` key: the person is looking at
        it), else in a tmux popup where one can be shown, else here after all."""
        name = self.reminders.start()
        if name is None:
            return
        try:
            path = library.find(name)
            if not path.exists():
                raise library.LookupProblem(f"{path}: no such file")
        except (library.LookupProblem, OSError) as problem:
            self.notify(str(problem), severity="error")
            self.reminders.finished()
            self.tick()
            return
        if not here and self.use_popup and popup.client_attached():
            self.in_popup = True
            self._play_in_popup(path)
        else:
            self._play_here(path)
        self.tick()

    def _play_here(self, path: Path) -> None:
        try:
            self.play(path)
        except RoutineError as error:
            self.notify(f"{error.problems[0]}", severity="error")
            self.break_over()

    @dataclass
    class PopupClosed(Message):
        path: Path
        opened: bool  # False: tmux could not show it

    @work(thread=True, exclusive=True, group="popup")
    def _play_in_popup(self, path: Path) -> None:
        argv = popup.popup_argv(path, mute=self.mute, cwd=os.getcwd())
        opened = popup.open_popup(argv)
        # A message, not call_from_thread: that would wait for an event loop that may be
        # ending (a SIGHUP as tmux goes), while the app's ending waits for this thread.
        self.post_message(self.PopupClosed(path, opened))

    def on_remind_app_popup_closed(self, closed: PopupClosed) -> None:
        self.in_popup = False
        if closed.opened:
            self.break_over()
        else:  # no client to show it after all: here, then
            self._play_here(closed.path)

    def break_over(self) -> None:
        """The routine ended or was quit: back to the remind screen, the next break counted from now."""
        while len(self.screen_stack) > 1 and not isinstance(self.screen, RemindScreen):
            self.pop_screen()
        self.reminders.finished()
        self.tick()

    def snooze_break(self) -> None:
        if self.reminders.snooze():
            self.tick()

    def skip_break(self) -> None:
        if self.reminders.skip():
            self.tick()

    def pause_breaks(self, how: str) -> None:
        """`hour`, `tomorrow`, or `resume`."""
        if how == "hour":
            self.reminders.pause_for(PAUSE_HOUR)
        elif how == "tomorrow":
            self.reminders.pause_until_tomorrow()
        elif how == "resume":
            self.reminders.resume()
        self.tick()

    def end_by_signal(self, number: int) -> None:
        """As the player ends on a signal, with a deadline: a reminder must not outlive its terminal.
        When tmux goes away under a reminder its client showed (SIGHUP), Textual's closing can
        wait for ever on a writer thread for a terminal that is gone; after a grace the process
        ends anyway, its state file removed first so `limber status` is not left with it."""

        def end_now() -> None:
            if self.state_file is not None:
                remove_state(self.state_file)
            os._exit(128 + number)

        deadline = threading.Timer(SIGNAL_GRACE_SECONDS, end_now)
        deadline.daemon = True
        deadline.start()
        super().end_by_signal(number)

    def leave(self) -> None:
        self._leaving = True
        self.exit(0)

    # -- the player's way out leads back here -------------------------------------------------
    def exit(self, result=None, return_code: int = 0, message=None) -> None:
        # The player and the finish screen end a session by exiting the app; here that means
        # the break is over. A signal, or `q` on the remind screen, still ends everything.
        if not self._leaving and self.ended_by is None and len(self.screen_stack) > 1:
            self.break_over()
            return
        super().exit(result, return_code, message)

    def _remind_screen(self) -> RemindScreen | None:
        for screen in self.screen_stack:
            if isinstance(screen, RemindScreen):
                return screen
        return None

    async def on_unmount(self) -> None:  # type: ignore[override]  # Textual awaits it: the notification is taken back
        if self.state_file is not None:
            remove_state(self.state_file)
        if self.reach is not None:  # a notification left up would offer a break no one keeps
            import asyncio

            try:
                await asyncio.wait_for(self.reach.close(), 1.0)
            except Exception:
                pass
        super().on_unmount()


def run_remind(settings: RemindSettings, args: argparse.Namespace, problems: list) -> int:
    app = RemindApp(settings, boot=boot_clock(), sound=_sound_for(args), state_file=state_path(), handle_signals=True,
                    use_popup=popup.popup_wanted(settings.popup), mute=bool(args.mute),
                    problems=tuple(str(p) for p in problems), find_reach=find_reach)
    return _run(app)


async def find_reach(app: RemindApp) -> Reach:
    """This machine's notification service, idle and do-not-disturb sources, answering to `app`."""
    settings = app.reminders.settings
    return await Reach.find(BREAK_LENGTH, settings.hold_at_most, notify=settings.notify, on_start=app.start_break,
                            on_snooze=app.snooze_break, on_skip=app.skip_break, clock=app.clock)


def _reminder_written(event: BreakEvent) -> Callable[[Store], None]:
    """The history's job for one reminder event (a function per event: a lambda in the loop
    would write the last event's every time)."""
    def write(store: Store) -> None:
        store.add_reminder(event.what, event.routine, datetime.fromtimestamp(event.at).astimezone())
    return write
