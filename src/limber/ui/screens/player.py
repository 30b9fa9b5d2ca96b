"""The player: the current segment with its countdown, the queue, overall progress; keys drive the engine."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Static

from ...engine import Command, Engine, Event, Finished, Rep, SegmentStarted, State
from ...routine import Kind, Plan, Routine, Segment, format_duration
from ..widgets.big_clock import BigClock
from ..widgets.progress_line import ProgressLine
from ..widgets.queue import QueueView

if TYPE_CHECKING:
    from ...audio import Sound

PHASE_LABEL = {Kind.GET_READY: "GET READY", Kind.WORK: "WORK", Kind.REST: "REST", Kind.SWITCH: "SWITCH SIDES"}
KIND_CLASS = {Kind.GET_READY: "-get-ready", Kind.WORK: "-work", Kind.REST: "-rest", Kind.SWITCH: "-switch"}
STEP_SECONDS = 10
# The bar moves in half cells, but no more often than this: smooth to the eye, cheap for the CPU.
MIN_BAR_INTERVAL = 1 / 8
# Below these sizes the queue, then the instructions, make room for the countdown.
NARROW_WIDTH = 76
SHORT_HEIGHT = 18

ACTION_COMMANDS = {
    "toggle_pause": Command.TOGGLE,
    "skip": Command.SKIP,
    "back": Command.BACK,
    "restart": Command.RESTART,
    "done": Command.DONE,
    "more_time": Command.EXTEND,
    "less_time": Command.EXTEND,
}


def _detail(segment: Segment, rep: int | None) -> str:
    parts = []
    if segment.side:
        parts.append(f"{segment.side} side" if segment.side in ("left", "right") else segment.side)
    if segment.sets:
        parts.append(f"set {segment.set} of {segment.sets}")
    if segment.rounds:
        parts.append(f"round {segment.round} of {segment.rounds}")
    if segment.reps:
        parts.append(f"rep {rep} of {segment.reps}" if rep else f"{segment.reps} reps")
    return "  ·  ".join(parts)


class PlayerScreen(Screen):
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause", id="pause", tooltip="Pause or resume"),
        Binding("n,right", "skip", "Skip", id="skip", key_display="n/→", tooltip="Skip to the next segment"),
        Binding("p,left", "back", "Back", id="back", key_display="p/←",
                tooltip="Previous segment (or restart this one after its first 2 s)"),
        Binding("r", "restart", "Restart", id="restart", tooltip="Start this segment again"),
        Binding("enter", "done", "Done", id="done", tooltip="Finish this untimed step"),
        Binding("plus,equals_sign", "more_time", "+10s", id="more-time", key_display="+"),
        Binding("minus", "less_time", "-10s", id="less-time", key_display="-"),
        Binding("m", "mute", "Mute", id="mute"),
        Binding("left_square_bracket", "volume(-10)", "Vol-", id="volume-down", key_display="[", show=False),
        Binding("right_square_bracket", "volume(10)", "Vol+", id="volume-up", key_display="]", show=False),
        Binding("question_mark", "help", "Help", id="help", key_display="?"),
        Binding("q", "quit_session", "Quit", id="quit"),
    ]

    def __init__(self, routine: Routine, plan: Plan, engine: Engine, sound: "Sound"):
        super().__init__()
        self.routine = routine
        self.plan = plan
        self.engine = engine
        self.sound = sound
        self._wake_timer: Timer | None = None
        self._rep: int | None = None
        self._shown_index = -1
        # The next work segment after each index, for "Next: ..." during rests and get ready.
        self._next_work: list[int | None] = [None] * len(plan.segments)
        upcoming = None
        for i in range(len(plan.segments) - 1, -1, -1):
            self._next_work[i] = upcoming
            if plan.segments[i].kind is Kind.WORK:
                upcoming = i

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Horizontal(id="topline"):
            yield Static(self.routine.name, id="routine-name")
            yield Static("", id="sound-state")
        with Horizontal(id="body"):
            with Vertical(id="stage"):
                yield Static("", id="phase")
                yield Static("", id="step-name")
                yield Static("", id="step-detail")
                yield BigClock("", id="clock")
                yield Static("Press Enter when done", id="untimed")
                yield ProgressLine(id="segment-progress")
                yield Static("", id="notes")
            yield QueueView(self.plan, id="queue")
        with Horizontal(id="overall"):
            yield Static("", id="elapsed")
            yield ProgressLine(id="overall-progress")
            yield Static("", id="left")
        yield Static("", id="sound-notice")
        yield Footer()

    def on_mount(self) -> None:
        self._show_sound_state()
        if self.engine.state is State.READY:
            self._apply(self.engine.start())
        else:
            self._apply([])

    def on_unmount(self) -> None:
        self._stop_timer()

    @on(Resize)
    def _fit(self, event: Resize) -> None:
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")

    # -- time ----------------------------------------------------------------------------
    def _stop_timer(self) -> None:
        if self._wake_timer is not None:
            self._wake_timer.stop()
            self._wake_timer = None

    def _schedule(self) -> None:
        """Sleep until the next thing that changes: a cue, a new digit, a bar cell. Nothing while paused."""
        self._stop_timer()
        engine = self.engine
        if engine.state is State.WAITING:
            self._wake_timer = self.set_timer(1.0, self.wake)  # the count-up of an untimed step
            return
        if engine.state is not State.RUNNING:
            return
        now = engine.clock()
        waits = []
        due = engine.next_due()
        if due is not None:
            waits.append(due - now)
        remaining = engine.remaining()
        length = engine.length
        if remaining is not None:
            # The digits show whole seconds rounded up: they change as remaining crosses an integer.
            fraction = remaining - math.floor(remaining)
            waits.append(fraction if fraction > 1e-6 else 1.0)
        if length:
            bar = self.query_one("#segment-progress", ProgressLine)
            step = max(length / bar.half_cells(), MIN_BAR_INTERVAL)
            elapsed = engine.elapsed()
            waits.append((math.floor(elapsed / step) + 1) * step - elapsed)
        delay = min(waits) if waits else 1.0
        # A hair late rather than early, so the tick lands after the boundary it waits for.
        self._wake_timer = self.set_timer(max(0.005, min(delay, 1.0)) + 0.002, self.wake)

    def wake(self) -> None:
        """Catch up with the clock: emit what came due, repaint what changed, sleep again."""
        self._apply(self.engine.tick())

    def _apply(self, events: list[Event]) -> None:
        if events:
            self.sound.handle(events, self.engine)
        finished = None
        for event in events:
            if isinstance(event, SegmentStarted):
                self._rep = None
            elif isinstance(event, Rep):
                self._rep = event.number
            elif isinstance(event, Finished):
                finished = event
        if finished is not None:
            self._stop_timer()
            self.app.finish_session(self, finished.summary)
            return
        self._show()
        self._schedule()

    # -- what is shown ----------------------------------------------------------------------
    def _show(self) -> None:
        engine = self.engine
        segment = engine.segment
        if segment is None:
            return
        if engine.index != self._shown_index:
            self._shown_index = engine.index
            self._show_segment(segment)
        remaining = engine.remaining()
        paused = engine.state is State.PAUSED
        self.set_class(paused, "-paused")
        self.set_class(not segment.timed, "-untimed")
        self.set_class(remaining is not None and remaining <= 3 and not paused, "-last-seconds")
        self.query_one("#phase", Static).update("PAUSED  ·  space to resume" if paused else PHASE_LABEL[segment.kind])
        if remaining is not None:
            self.query_one("#clock", BigClock).value = format_duration(remaining)
            length = engine.length or 1
            self.query_one("#segment-progress", ProgressLine).set_fraction(1 - remaining / length)
        else:
            self.query_one("#untimed", Static).update(
                f"Press Enter when done   ({format_duration(engine.elapsed())} so far)"
            )
            self.query_one("#segment-progress", ProgressLine).set_fraction(0)
        if segment.reps and segment.rep_time:
            self.query_one("#step-detail", Static).update(_detail(segment, self._rep))
        self._show_overall()

    def _show_segment(self, segment: Segment) -> None:
        for css_class in KIND_CLASS.values():
            self.remove_class(css_class)
        self.add_class(KIND_CLASS[segment.kind])
        index = self.engine.index
        upcoming = self._next_work[index]
        next_segment = self.plan.segments[upcoming] if upcoming is not None else None
        if segment.kind is Kind.WORK:
            title, detail, notes = segment.name, _detail(segment, self._rep), segment.instructions
        elif segment.kind is Kind.SWITCH:
            title = f"{segment.name}: switch sides"
            detail = f"next: {segment.side}" if segment.side else ""
            notes = segment.instructions
        else:
            title = segment.name
            if next_segment is not None:
                detail = "next: " + next_segment.name + (f" ({next_segment.side})" if next_segment.side else "")
                notes = next_segment.instructions
            else:
                detail, notes = "last one: nearly done", ""
            if segment.kind is Kind.GET_READY and self.plan.notice:
                notes = f"{self.plan.notice}\n\n{notes}".strip()
        self.query_one("#step-name", Static).update(title)
        self.query_one("#step-detail", Static).update(detail)
        self.query_one("#notes", Static).update(notes)
        self.query_one("#queue", QueueView).show(index, self.engine.outcomes)
        self._show_sound_state()  # an output may have failed and fallen back since the last segment
        self.refresh_bindings()

    def _show_overall(self) -> None:
        engine = self.engine
        elapsed = engine.active_elapsed()
        left = engine.remaining_total()
        self.query_one("#elapsed", Static).update(f"{format_duration(elapsed)} elapsed")
        untimed = "+" if self.plan.untimed_segments else ""
        self.query_one("#left", Static).update(f"{format_duration(left)}{untimed} left")
        total = elapsed + left
        self.query_one("#overall-progress", ProgressLine).set_fraction(elapsed / total if total else 1.0)

    def _show_sound_state(self) -> None:
        self.query_one("#sound-state", Static).update(self.sound.describe())
        notice = self.query_one("#sound-notice", Static)
        notice.update(self.sound.notice or "")
        notice.display = bool(self.sound.notice)

    # -- keys ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        command = ACTION_COMMANDS.get(action)
        if command is None:
            return True
        if self.engine.accepts(command):
            return True
        # Hide what cannot apply to this kind of segment; dim what is only unavailable now.
        return False if command in (Command.DONE, Command.EXTEND) else None

    def _command(self, command: Command, seconds: float = 0) -> None:
        self._apply(self.engine.command(command, seconds))
        self.refresh_bindings()

    def action_toggle_pause(self) -> None:
        self._command(Command.TOGGLE)

    def action_skip(self) -> None:
        self._command(Command.SKIP)

    def action_back(self) -> None:
        self._command(Command.BACK)

    def action_restart(self) -> None:
        self._command(Command.RESTART)

    def action_done(self) -> None:
        self._command(Command.DONE)

    def action_more_time(self) -> None:
        self._command(Command.EXTEND, STEP_SECONDS)

    def action_less_time(self) -> None:
        self._command(Command.EXTEND, -STEP_SECONDS)

    def action_mute(self) -> None:
        self.sound.toggle_mute()
        self._show_sound_state()

    def action_volume(self, delta: int) -> None:
        self.sound.change_volume(delta)
        self._show_sound_state()

    def action_help(self) -> None:
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(self.BINDINGS))

    def action_quit_session(self) -> None:
        from .confirm import QuitConfirm

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self._stop_timer()
                self.engine.quit()
                self.app.exit(0)

        self.app.push_screen(QuitConfirm(), answered)
