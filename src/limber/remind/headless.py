"""`limber remind --headless`: the reminder with no screen, as the login service runs it.

It keeps the same schedule as the remind screen and reaches the person only through the desktop:
a notification with Start, Snooze and Skip (through `Reach`, which also holds a break for an
empty desk or do-not-disturb), the cue or bell, and `limber status`. Start opens the player
where there is somewhere to show it: `open_player` (a tmux popup where a client shows one, or a
new window from the config's `terminal:` command, see `terminal_player`), and the next break
counts from when it closes.

The schedule is any object with the remind schedule's methods (update, state, next_check, start,
snooze, skip, finished); a time away that `Reach` reports as a break is passed to its `rested(at)`
where it has one. Nothing here reads files or knows of Textual.
"""

from __future__ import annotations

import asyncio
import shlex
import time
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from .reach import Due, Reach

Opener = Callable[[str], Awaitable[bool]]


async def wait_for_wake(seconds: float, wake: asyncio.Event) -> None:
    """Sleep until `seconds` pass or something (a button, a signal) sets `wake`."""
    try:
        await asyncio.wait_for(wake.wait(), max(0.0, seconds))
    except TimeoutError:
        pass


class HeadlessReminder:
    def __init__(self, schedule: Any, *, open_player: Opener, ring: Callable[[], None] = lambda: None,
                 say: Callable[[str], None] = lambda text: None,
                 publish: Callable[[Any, str | None], None] = lambda state, held: None,
                 record: Callable[[list], None] = lambda events: None,
                 wait: Callable[[float, asyncio.Event], Awaitable[None]] = wait_for_wake, clock=time.monotonic):
        """`ring` the cue or bell; `say` a notice (once each); `publish(state, held)` the state file
        `limber status` reads, with the held word; `record` the schedule's events (history)."""
        self.schedule = schedule
        self.reach: Reach | None = None
        self.open_player = open_player
        self.ring, self.say, self.publish, self.record = ring, say, publish, record
        self.wait = wait
        self.clock = clock
        self.wake = asyncio.Event()
        self.stopped = False
        self.playing: asyncio.Task | None = None
        self._look_again = 60.0

    # -- the notification's buttons (on this loop) ---------------------------------------------
    def start(self) -> None:
        routine = self.schedule.start()
        if routine is not None:
            self.playing = asyncio.get_running_loop().create_task(self._play(routine))
        self.wake.set()

    def snooze(self) -> None:
        self.schedule.snooze()
        self.wake.set()

    def skip(self) -> None:
        self.schedule.skip()
        self.wake.set()

    def stop(self) -> None:
        self.stopped = True
        self.wake.set()

    async def _play(self, routine: str) -> None:
        try:
            opened = await self.open_player(routine)
        except Exception:
            opened = False
        if not opened:
            self.say(f"nowhere to show {routine}: start it with `limber play {routine}`")
        self.schedule.finished()
        self.wake.set()

    # -- the loop ------------------------------------------------------------------------------
    async def run(self, reach: Reach) -> int:
        self.reach = reach
        try:
            while not self.stopped:
                self.wake.clear()  # before the step: a button pressed during it wakes the next wait
                await self.step()
                if self.stopped:
                    break
                await self.wait(min(self.schedule.next_check(), self._look_again), self.wake)
        finally:
            await reach.close()
            if self.playing is not None:
                await asyncio.gather(self.playing, return_exceptions=True)
        return 0

    async def step(self) -> None:
        assert self.reach is not None
        self.record(self.schedule.update())
        state = self.schedule.state()
        due = Due(state.routine, state.can_snooze, state.can_skip) if _kind(state) == "due" else None
        step = await self.reach.check(due)
        if step.back is not None and step.back.counts_as_break and hasattr(self.schedule, "rested"):
            self.schedule.rested(step.back.at)
            self.record(self.schedule.update())
            state = self.schedule.state()
            if _kind(state) != "due":
                step = await self.reach.check(None)
        if step.ring:
            self.ring()
        for notice in self.reach.take_notices():
            self.say(notice)
        self.publish(state, step.held)
        self._look_again = step.look_again


async def run_headless(schedule: Any, *, open_player: Opener, break_length: float, hold_at_most: float,
                       notify: bool = True, **hooks: Any) -> int:
    """Run until SIGTERM, SIGINT or SIGHUP (the service manager stopping it, a logout): the
    reminder with this machine's notification service, idle and do-not-disturb sources."""
    import signal

    reminder = HeadlessReminder(schedule, open_player=open_player, **hooks)
    reach = await Reach.find(break_length, hold_at_most, notify=notify, on_start=reminder.start,
                             on_snooze=reminder.snooze, on_skip=reminder.skip, clock=reminder.clock)
    loop = asyncio.get_running_loop()
    signals = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)
    for number in signals:
        loop.add_signal_handler(number, reminder.stop)
    try:
        return await reminder.run(reach)
    finally:
        for number in signals:
            loop.remove_signal_handler(number)


def _kind(state: Any) -> str:
    kind = getattr(state, "kind", None)
    return str(getattr(kind, "value", kind))


def terminal_player(command: str, limber: Sequence[str], *, mute: bool = False) -> Opener:
    """An opener that runs the player in a new terminal window: the config's `terminal:` command
    (e.g. `foot`, `kitty`, `xterm -e`, `gnome-terminal --wait --`) followed by `limber play ROUTINE`.
    The next break counts from when the command returns, so it should wait for its window."""
    words = shlex.split(command)

    async def open_player(routine: str) -> bool:
        argv = [*words, *limber, "play", routine, *(["--mute"] if mute else [])]
        try:
            process = await asyncio.create_subprocess_exec(*argv, stdin=asyncio.subprocess.DEVNULL,
                                                           stdout=asyncio.subprocess.DEVNULL,
                                                           stderr=asyncio.subprocess.DEVNULL)
        except OSError:
            return False
        return await process.wait() == 0

    return open_player
