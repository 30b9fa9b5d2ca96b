"""The player: the current segment with its countdown, the queue, overall progress; keys drive the engine."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from collections.abc import Callable

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Static

from ... import library
from ...engine import Command, Engine, Event, Finished, Rep, SegmentStarted, State
from ...printable import printable
from ...routine import Kind, Plan, Routine, RoutineError, Segment, format_duration, segment_words
from ..widgets.big_clock import BigClock
from ..widgets.key_bar import KeyBar
from ..widgets.literal import Literal
from ..widgets.progress_line import ProgressLine
from ..widgets.queue import QueueView
from ..widgets.status_line import EndsLine, ProgressSummary, time_elapsed, time_left

if TYPE_CHECKING:
    from ...audio import Sound

PHASE_LABEL = {Kind.GET_READY: "GET READY", Kind.WORK: "WORK", Kind.REST: "REST", Kind.SWITCH: "SWITCH SIDES"}
KIND_CLASS = {Kind.GET_READY: "-get-ready", Kind.WORK: "-work", Kind.REST: "-rest", Kind.SWITCH: "-switch"}
STEP_SECONDS = 10
TIME_KEYS = Binding.Group("10s")
VOLUME_KEYS = Binding.Group("Volume")
# The bar moves in half cells, but no more than three times a second: every repaint costs a
# few milliseconds however small the change (benchmarks/cpu.py), and three steps a second
# still reads as smooth motion from across the desk.
MIN_BAR_INTERVAL = 1 / 3
# Below these sizes the queue, then the instructions, make room for the countdown.
NARROW_WIDTH = 76
SHORT_HEIGHT = 18

ACTION_COMMANDS = {
    "pause": Command.PAUSE,
    "resume": Command.RESUME,
    "skip": Command.SKIP,
    "back": Command.BACK,
    "restart": Command.RESTART,
    "done": Command.DONE,
    "more_time": Command.EXTEND,
    "less_time": Command.EXTEND,
}
# Keys whose availability or words change as the session goes: the bar is redrawn when they do.
KEYS_THAT_CHANGE = (*ACTION_COMMANDS, "mute", "unmute", "volume")


def _next_work(plan: Plan) -> list[int | None]:
    """For each segment, the index of the work segment after it (for "next: ..." during rests)."""
    following: list[int | None] = [None] * len(plan.segments)
    upcoming = None
    for i in range(len(plan.segments) - 1, -1, -1):
        following[i] = upcoming
        if plan.segments[i].kind is Kind.WORK:
            upcoming = i
    return following


def _detail(segment: Segment, rep: int | None) -> str:
    return "  ·  ".join(segment_words(segment, rep))


class PlayerScreen(Screen):
    # Keys whose words follow the state come in pairs on one key (space: Pause or Resume; m:
    # Mute or Unmute); check_action hides the half that does not apply now.
    BINDINGS = [
        Binding("space", "pause", "Pause", id="pause", tooltip="Pause the session"),
        Binding("space", "resume", "Resume", id="resume", tooltip="Carry on from here"),
        Binding("enter", "done", "Done", id="done", tooltip="Finish this untimed step"),
        Binding("n,right", "skip", "Skip", id="skip", key_display="n/→", tooltip="Skip to the next segment"),
        Binding("p,left", "back", "Back", id="back", key_display="p/←",
                tooltip="Previous segment (or restart this one after its first 2 s)"),
        Binding("r", "restart", "Restart", id="restart", tooltip="Start this segment again"),
        Binding("plus,equals_sign", "more_time", "+10s", id="more-time", key_display="+", group=TIME_KEYS,
                tooltip="Add 10 seconds"),
        Binding("minus", "less_time", "-10s", id="less-time", key_display="-", group=TIME_KEYS,
                tooltip="Take 10 seconds off"),
        Binding("m", "mute", "Mute", id="mute", tooltip="Silence the cues"),
        Binding("m", "unmute", "Unmute", id="unmute", tooltip="Hear the cues again"),
        Binding("left_square_bracket", "volume(-10)", "Vol-", id="volume-down", key_display="[",
                group=VOLUME_KEYS, tooltip="Quieter"),
        Binding("right_square_bracket", "volume(10)", "Vol+", id="volume-up", key_display="]",
                group=VOLUME_KEYS, tooltip="Louder"),
        Binding("e", "edit_outside", "Edit", id="edit", tooltip="Edit this routine in $EDITOR (the session pauses)"),
        Binding("E", "edit_inside", "Edit here", id="edit-here", show=False,
                tooltip="Edit this routine inside limber (the session pauses)"),
        Binding("question_mark", "help", "Help", id="help", key_display="?"),
        Binding("q", "quit_session", "Quit", id="quit"),
    ]
    # What the key bar keeps when it is short of room, most important first.
    KEY_BAR_IMPORTANCE = ("pause", "resume", "done", "help", "quit", "skip", "back", "more-time",
                          "mute", "unmute", "restart", "volume-down", "edit")

    def __init__(self, routine: Routine, plan: Plan, engine: Engine, sound: Sound):
        super().__init__()
        self.path: Path | None = routine.source
        self.routine = routine
        self.plan = plan
        self.engine = engine
        self.sound = sound
        self._wake_timer: Timer | None = None
        self._rep: int | None = None
        self._shown_index = -1
        self._shown_text: dict[str, str] = {}
        self._shown_classes: set[str] = set()
        self._usable_keys: tuple = ()
        self._readings_started = 0
        self._readings_taken = 0
        # The next work segment after each index, for "Next: ..." during rests and get ready.
        self._next_work = _next_work(plan)

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Every line starts with its first text, so mounting needs no second round of updates.
        texts = self._texts()
        self._shown_text = dict(texts)
        self._shown_index = self.engine.index
        self._shown_classes = self._classes_now()
        yield EndsLine(self.routine.name, texts["#sound-state"], id="topline")
        with Horizontal(id="body"):
            # The segment's state lives as classes on the stage alone, so a change restyles the
            # few widgets inside it rather than the whole screen.
            with Vertical(id="stage", classes=" ".join(sorted(self._shown_classes))):
                # Literal: names, instructions and the sound's words are shown as written.
                yield Literal(texts["#phase"], id="phase")
                yield Literal(texts["#step-name"], id="step-name")
                yield Literal(texts["#step-detail"], id="step-detail")
                yield BigClock(self._clock_text(), id="clock")
                yield Literal(texts["#untimed"], id="untimed")
                yield ProgressLine(id="segment-progress")
                yield Literal(texts["#notes"], newlines=True, id="notes")
                yield Literal("", newlines=True, id="problems")
            yield QueueView(self.plan, id="queue")
        yield ProgressSummary(id="overall")
        notice = Literal(texts["#sound-notice"], id="sound-notice")
        notice.display = bool(texts["#sound-notice"])
        yield notice
        yield KeyBar()

    def on_mount(self) -> None:
        # Looked up once: the wake path runs several times a second and a DOM query each time adds up.
        self._clock = self.query_one("#clock", BigClock)
        self._bar = self.query_one("#segment-progress", ProgressLine)
        self._overall = self.query_one("#overall", ProgressSummary)
        self._topline = self.query_one("#topline", EndsLine)
        self._stage = self.query_one("#stage", Vertical)
        self._queue = self.query_one("#queue", QueueView)
        self._statics = {f"#{w.id}": w for w in self.query(Static) if w.id}
        self._queue.show(self.engine.index, self.engine.outcomes)
        self.query_one("#problems").display = False
        # Live reload: an edit saved from anywhere reaches the screen within a second.
        self._watch = library.FileWatch(self.path) if self.path else None
        self.set_interval(1.0, self.check_file)
        if self.engine.state is State.READY:
            self._apply(self.engine.start())
        else:
            self._apply([])

    def on_unmount(self) -> None:
        self._stop_timer()

    def begin(self, engine: Engine) -> None:
        """A fresh session of the same plan on this screen (play again)."""
        self._stop_timer()
        self.engine = engine
        self._rep = None
        self._shown_index = -1
        self._apply(engine.start())

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
            step = max(length / self._bar.half_cells(), MIN_BAR_INTERVAL)
            elapsed = engine.elapsed()
            waits.append((math.floor(elapsed / step) + 1) * step - elapsed)
        delay = min(waits) if waits else 1.0
        # A hair late rather than early, so the tick lands after the boundary it waits for.
        self._wake_timer = self.set_timer(max(0.005, min(delay, 1.0)) + 0.002, self.wake)

    def wake(self) -> None:
        """Catch up with the clock: emit what came due, repaint what changed, sleep again."""
        self.catch_up_with_stop()  # a timer can fire on waking from a stop, before the resume is heard
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
    # Lines whose size never changes with their text (fixed width in the TCSS, or one line in
    # a box that does not grow): updating them needs a repaint but not a layout pass.
    FIXED_SIZE = {"#untimed"}
    # Lines drawn by their own one-line widgets rather than a Static each.
    OWN_LINES = {"#sound-state"}

    def _texts(self) -> dict[str, str]:
        """Every line's text for the engine's state now: the one place that decides what is said."""
        engine = self.engine
        segment = engine.segment or self.plan.segments[-1]
        upcoming = self._next_work[engine.index] if engine.index < len(self._next_work) else None
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
        return {
            "#phase": "PAUSED  ·  space to resume" if engine.state is State.PAUSED else PHASE_LABEL[segment.kind],
            "#step-name": title,
            "#step-detail": detail,
            "#notes": notes,
            "#untimed": f"Press Enter when done   ({format_duration(engine.elapsed())} so far)",
            "#sound-state": self.sound.describe(),
            "#sound-notice": self.sound.notice or "",
        }

    def _clock_text(self) -> str:
        remaining = self.engine.remaining()
        return format_duration(remaining) if remaining is not None else ""

    def _classes_now(self) -> set[str]:
        engine = self.engine
        segment = engine.segment or self.plan.segments[-1]
        remaining = engine.remaining()
        paused = engine.state is State.PAUSED
        classes = {KIND_CLASS[segment.kind]}
        if paused:
            classes.add("-paused")
        if not segment.timed:
            classes.add("-untimed")
        if remaining is not None and remaining <= 3 and not paused:
            classes.add("-last-seconds")
        return classes

    def _show(self) -> None:
        """Bring the screen up to the engine's state, touching only what changed."""
        engine = self.engine
        if engine.segment is None:
            return
        with self.app.batch_update():
            classes = self._classes_now()
            if classes != self._shown_classes:
                self._stage.set_classes(classes)
                self._shown_classes = classes
            texts = self._texts()
            for selector, text in texts.items():
                if selector in self.OWN_LINES:
                    continue
                if self._shown_text.get(selector) != text:
                    self._shown_text[selector] = text
                    self._statics[selector].update(text, layout=selector not in self.FIXED_SIZE)
                    if selector == "#sound-notice":
                        self._statics[selector].display = bool(text)
            remaining, length = engine.remaining(), engine.length
            self._clock.value = self._clock_text()
            self._bar.set_fraction(1 - remaining / length if remaining is not None and length else 0)
            # The whole routine's bar moves with the elapsed seconds, not within them: across a
            # routine of minutes nobody sees a sub-second step, and each repaint costs CPU.
            elapsed = engine.active_elapsed()
            total = elapsed + engine.remaining_total()
            left = time_left(engine.remaining_total(), engine.untimed_left())
            self._overall.show(time_elapsed(elapsed), left, math.floor(elapsed) / total if total else 1.0)
            self._topline.set_ends(self.routine.name, texts["#sound-state"])
            if engine.index != self._shown_index:
                self._shown_index = engine.index
                self._queue.show(engine.index, engine.outcomes)
            self._queue.set_length(engine.index, engine.length)  # +/- shows on the queue's row
            self._refresh_keys()

    def _refresh_keys(self) -> None:
        """Repaint the key bar only when the keys that apply have changed."""
        usable = tuple(self.check_action(action, ()) for action in KEYS_THAT_CHANGE)
        if usable != self._usable_keys:
            self._usable_keys = usable
            self.refresh_bindings()

    # -- keys ------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("mute", "unmute"):
            return self.sound.muted == (action == "unmute")
        if action == "volume":
            return True if self.sound.has_volume else None  # the bell has no volume: dimmed
        command = ACTION_COMMANDS.get(action)
        if command is None:
            return True
        if self.engine.accepts(command):
            return True
        # Hide what cannot apply to this kind of segment (and the half of space that does not
        # apply now); dim what is only unavailable now.
        return False if command in (Command.DONE, Command.EXTEND, Command.PAUSE, Command.RESUME) else None

    def _command(self, command: Command, seconds: float = 0) -> None:
        self.catch_up_with_stop()
        self._apply(self.engine.command(command, seconds))

    def action_pause(self) -> None:
        self._command(Command.PAUSE)

    def action_resume(self) -> None:
        self._command(Command.RESUME)

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
        self._show()

    action_unmute = action_mute

    def action_volume(self, delta: int) -> None:
        self.sound.change_volume(delta)
        self._show()

    # -- editing and live reload ----------------------------------------------------------------
    @dataclass
    class RoutineRead(Message, bubble=False):
        """A reading of the routine file finished: the routine and its plan, or its problems."""

        number: int  # readings are numbered as they start; an older one never undoes a newer
        path: Path
        loaded: tuple[Routine, Plan] | None
        problems: list[str]

    def check_file(self) -> None:
        # Only a stat here, on the event loop; reading and parsing happen in a thread.
        if self._watch is not None and self._watch.changed():
            self.reload()

    def follow(self, path: Path) -> None:
        """Play and watch `path` from now on (the person's own copy of a bundled routine),
        taking up any change to it at once rather than at the next look at the file."""
        if path != self.path:
            self.path = path
            self._watch = library.FileWatch(path)
            self.reload()
        else:
            self.check_file()

    def reload(self) -> None:
        """Read the routine as it now stands on disk, in a thread: a large file takes a good part
        of a second to parse, and the countdown must not stand still meanwhile."""
        if self.path is None:
            return
        self._readings_started += 1
        self._read(self._readings_started, self.path)

    @work(thread=True, group="reading")
    def _read(self, number: int, path: Path) -> None:
        try:
            loaded, problems = library.load(path), []
        except RoutineError as error:
            loaded, problems = None, [str(problem) for problem in error.problems]
        except OSError as error:  # the reader reports these as problems; this is the last guard
            loaded, problems = None, [f"{path}: {error.strerror or error}"]
        self.post_message(self.RoutineRead(number, path, loaded, problems))

    @on(RoutineRead)
    def _take_up(self, read: RoutineRead) -> None:
        """Take up what was read, keeping the place; on problems keep playing the last good version."""
        if read.number <= self._readings_taken or read.path != self.path:
            return  # a reading overtaken by a newer one, or of a file no longer followed
        self._readings_taken = read.number
        problems_panel = self.query_one("#problems", Literal)
        if read.loaded is None:
            shown = "\n".join(printable(problem) for problem in read.problems[:6])
            more = f"\n… and {len(read.problems) - 6} more" if len(read.problems) > 6 else ""
            problems_panel.update(f"The routine file has problems; still playing the last good version.\n{shown}{more}")
            problems_panel.display = True
            return
        problems_panel.display = False
        routine, plan = read.loaded
        self.routine, self.plan = routine, plan
        self.engine.replace_plan(plan)
        self._next_work = _next_work(plan)
        self.sound.use_routine(routine.sounds, plan)
        self._queue.set_plan(plan)
        self._shown_index = -1
        self._topline.set_ends(routine.name, self.sound.describe())
        self._apply([])
        self.notify(f"Reloaded {read.path.name}", timeout=2)

    def _pause_for_editing(self) -> None:
        if self.engine.accepts(Command.PAUSE):
            self._command(Command.PAUSE)

    def action_edit_outside(self) -> None:
        if self.path is None:
            return
        self._pause_for_editing()
        target = self.app.edit_in_editor(self.path)
        if target is not None:
            self.follow(target)

    def action_edit_inside(self) -> None:
        if self.path is None:
            return
        from .edit import CannotEdit, EditScreen

        try:
            editor = EditScreen.open(self.path)
        except CannotEdit as error:
            self.notify(str(error), severity="error")
            return
        self._pause_for_editing()
        self.app.push_screen(editor, lambda saved: self.follow(editor.path) if saved else None)

    # -- stopped and started again (Ctrl+Z, then fg) ------------------------------------------
    def catch_up_with_stop(self) -> None:
        """If the process was stopped since the last look, pause as the session stood at that
        moment: the time it was stopped for is neither counted down nor lost."""
        moment = self.app.take_stop()
        if moment is not None and self.engine.accepts(Command.PAUSE):
            # The engine reads its clock once a command: for this one the clock says the moment
            # of the stop, so cues due before it still sound and nothing after it counts.
            engine, clock = self.engine, self.engine.clock
            engine.clock = lambda: moment
            try:
                events = engine.command(Command.PAUSE)
            finally:
                engine.clock = clock
            self._apply(events)

    # -- dialogs ---------------------------------------------------------------------------------
    def _ask(self, dialog: Screen, answered: Callable[[Any], None] | None = None) -> None:
        """Show `dialog` over the session with the session paused: no time passes unseen under
        it. Once it is answered the session carries on if it was running before, and stays
        paused if it was paused."""
        was_running = self.engine.accepts(Command.PAUSE)
        if was_running:
            self._command(Command.PAUSE)

        def closed(result: Any) -> None:
            if answered is not None:
                answered(result)  # first: an answer that ends the session must not resume it
            if was_running and self.engine.accepts(Command.RESUME):
                self._command(Command.RESUME)

        self.app.push_screen(dialog, closed)

    def action_help(self) -> None:
        from .help import HelpScreen

        self._ask(HelpScreen(self.BINDINGS, note="The session waits meanwhile."))

    def action_quit_session(self) -> None:
        from .confirm import QuitConfirm

        def answered(quit_now: bool | None) -> None:
            if quit_now:
                self._stop_timer()
                self.engine.quit()
                self.app.exit(0)

        self._ask(QuitConfirm(), answered)
