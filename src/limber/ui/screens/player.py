"""The player: keys drive the engine, the engine's state becomes a `StageView`, widgets show it."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.events import Resize, ScreenResume
from textual.screen import Screen
from textual.timer import Timer

from ...engine import Command, Engine, Event, Finished, Rep, SegmentStarted, State
from ...routine import Plan, Routine
from ..messages import Edited, EditInEditor, SessionFinished
from ..stage_view import StageView, following_work, problems_banner, stage_view
from ..widgets.key_bar import KeyBar
from ..widgets.literal import Literal
from ..widgets.queue import QueueView
from ..widgets.routine_file import RoutineFile
from ..widgets.stage import Stage
from ..widgets.status_line import EndsLine, ProgressSummary, time_elapsed, time_left

if TYPE_CHECKING:
    from ...audio import Sound

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
KEYS_THAT_CHANGE = (*ACTION_COMMANDS, "mute", "unmute", "volume", "fix")


class PlayerScreen(Screen):
    DEFAULT_CSS = """
    #topline {
        padding: 0 1;
        background: $panel;
    }

    #body { height: 1fr; }
    #stage {
        width: 2fr;
        padding: 0 2;
    }
    #queue {
        width: 1fr;
        max-width: 48;
        border-left: vkey $panel;
    }

    /* The stage: the phase's colour on its band and its number, large enough to read across the room. */
    #stage { layers: base banner; overflow: hidden; }
    #phase { color: $background; background: $phase-work; }
    #step-name { text-style: bold; margin-top: 1; }
    #step-detail { color: $text-muted; }
    #notice {
        max-height: 4;
        margin-top: 1;
        padding: 0 1;
        color: $text;
        background: $phase-get-ready 15%;
        border-left: thick $phase-get-ready;
    }
    /* The number keeps two fifths of the stage whatever the instructions' length (they scroll off at their foot). */
    #clock { min-height: 40%; height: 1fr; }
    #caption { text-align: center; color: $text; text-style: bold; }
    #prompt { text-align: center; text-style: bold; color: $background; background: $phase-work; }
    #segment-progress { margin: 0 0 1 0; }
    #then { color: $text-muted; }
    #notes-label { text-style: bold; margin-top: 1; }
    #notes {
        max-height: 9;
        color: $text;
    }
    #problems {
        layer: banner;
        dock: bottom;
        height: auto;
        max-height: 2;
        padding: 0 1;
        text-wrap: nowrap;
        text-overflow: ellipsis;
        color: $text;
        background: $error 30%;
        border-left: thick $error;
    }

    #overall {
        padding: 0 1;
        background: $panel;
    }
    #sound-notice {
        height: 1;
        padding: 0 1;
        color: $text-muted;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }

    /* Each phase its own colour, on the band, the number and the bar ($phase-* follow the theme). */
    #stage.-work #clock, #stage.-work #segment-progress { color: $phase-work; }
    #stage.-rest #phase { background: $phase-rest; }
    #stage.-rest #clock, #stage.-rest #segment-progress { color: $phase-rest; }
    #stage.-switch #phase { background: $phase-switch; }
    #stage.-switch #clock, #stage.-switch #segment-progress { color: $phase-switch; }
    #stage.-get-ready #phase { background: $phase-get-ready; }
    #stage.-get-ready #clock, #stage.-get-ready #segment-progress { color: $phase-get-ready; }
    #stage.-paused #phase { background: $phase-paused; }
    #stage.-paused #clock, #stage.-paused #segment-progress { color: $phase-paused; }

    /* An untimed step has no bar to fill: its prompt says what to do. */
    #stage.-untimed #segment-progress { display: none; }

    /* The last seconds keep the phase's colour; the number turns to a block of it. */
    #stage.-last-seconds #clock { text-style: reverse; }
    #stage.-last-seconds #phase { text-style: bold reverse; }

    /* Small terminals keep the countdown, the step and the notice. */
    PlayerScreen.-narrow #queue { display: none; }
    PlayerScreen.-narrow #stage { padding: 0 1; }
    PlayerScreen.-short #notes, PlayerScreen.-short #notes-label { display: none; }
    PlayerScreen.-short #step-name { margin-top: 0; }
    PlayerScreen.-short #notice { margin-top: 0; max-height: 2; }
    PlayerScreen.-short #segment-progress { margin: 0; }
    PlayerScreen.-short #problems { max-height: 1; }
    """

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
        # The same key, shown (and kept at every width) while the file has problems: the banner
        # over the stage says "press E to fix".
        Binding("E", "fix", "Fix", id="fix", tooltip="Fix the routine's problems inside limber (the session pauses)"),
        Binding("question_mark", "help", "Help", id="help", key_display="?"),
        Binding("q", "quit_session", "Quit", id="quit"),
    ]
    # What the key bar keeps when it is short of room, most important first.
    KEY_BAR_IMPORTANCE = ("pause", "resume", "done", "fix", "help", "quit", "skip", "back", "more-time",
                          "mute", "unmute", "restart", "volume-down", "edit")

    def __init__(self, routine: Routine, plan: Plan, engine: Engine, sound: Sound,
                 take_stop: Callable[[], float | None] = lambda: None):
        super().__init__()
        # When the process was last stopped (Ctrl+Z) and that is not yet dealt with: the app's to know.
        self._take_stop = take_stop
        # Live reload: an edit saved from anywhere reaches the screen within a second or two.
        self.routine_file = RoutineFile(routine.source, engine.clock)
        self.routine = routine
        self.plan = plan
        self.engine = engine
        self.sound = sound
        self._wake_timer: Timer | None = None
        self._rep: int | None = None  # the rep under way on a timed rep step, as the engine last said
        self._shown_index = -1
        self._usable_keys: tuple = ()
        self._following = following_work(plan)
        self._shown_before = False
        self._broken = False  # the file on disk has problems (the last good version plays on)

    # -- layout ------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        # Every widget starts with its first text, so mounting needs no second round of updates:
        # the session starts here, and the stage is built from its first moment.
        self._first_events = self.engine.start() if self.engine.state is State.READY else []
        self._shown_index = self.engine.index
        yield EndsLine(self.routine.name, self.sound.describe(), id="topline")
        with Horizontal(id="body"):
            yield Stage(self._view(), id="stage")
            yield QueueView(self.plan, id="queue")
        yield ProgressSummary(id="overall")
        notice = self.sound.notice or ""
        sound_notice = Literal(notice, id="sound-notice")
        sound_notice.display = bool(notice)
        yield sound_notice
        yield KeyBar()
        yield self.routine_file

    @property
    def path(self) -> Path | None:
        """The routine file played and followed."""
        return self.routine_file.path

    def on_mount(self) -> None:
        # Looked up once: the wake path runs every second and a DOM query each time adds up.
        self._stage = self.query_one(Stage)
        self._overall = self.query_one("#overall", ProgressSummary)
        self._topline = self.query_one("#topline", EndsLine)
        self._queue = self.query_one(QueueView)
        self._sound_notice = self.query_one("#sound-notice", Literal)
        self._sound_notice_text = self.sound.notice or ""
        self._queue.show(self.engine.index, self.engine.outcomes)
        self._apply(self._first_events)

    def on_unmount(self) -> None:
        self._stop_timer()

    def begin(self, engine: Engine) -> None:
        """A fresh session of the same plan on this screen (play again)."""
        self._stop_timer()
        self.engine = engine
        self._rep = None
        self._shown_index = -1
        self._apply(engine.start())

    @on(ScreenResume)
    def _first_showing(self, event: ScreenResume) -> None:
        # Each widget was styled as it was mounted, a moment ago. Textual styles the whole screen
        # again whenever it comes to the front; the first time, that repeats the same work for
        # every widget: a fifth of the time to the first frame (benchmarks/startup.py).
        if not self._shown_before:
            self._shown_before = True
            event.refresh_styles = False

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
        """Sleep until the next thing that changes: a cue or a new digit. Nothing while paused.

        The bar moves with the digits, once a second: every wake-up and repaint costs CPU
        (benchmarks/cpu.py), and a bar that steps each second still reads as moving."""
        self._stop_timer()
        engine = self.engine
        # While the screen wakes each second, those wake-ups look at the file too.
        self.routine_file.own_timer(engine.state not in (State.WAITING, State.RUNNING))
        if engine.state is State.WAITING:
            self._wake_timer = self.set_timer(1.0, self.wake)  # the count-up of an untimed step
            return
        if engine.state is not State.RUNNING:
            return
        delay = 1.0
        due = engine.next_due()
        if due is not None:
            delay = min(delay, due - engine.clock())
        remaining = engine.remaining()
        if remaining is not None:
            # The number shows whole seconds rounded up: it changes as remaining crosses an integer.
            fraction = remaining - math.floor(remaining)
            delay = min(delay, fraction if fraction > 1e-6 else 1.0)
        # A hair late rather than early, so the tick lands after the boundary it waits for.
        self._wake_timer = self.set_timer(max(0.005, delay) + 0.002, self.wake)

    def wake(self) -> None:
        """Catch up with the clock: emit what came due, repaint what changed, sleep again."""
        self.catch_up_with_stop()  # a timer can fire on waking from a stop, before the resume is heard
        self.routine_file.look_when_due()
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
            self.post_message(SessionFinished(self.plan, finished.summary))
            return
        self._show()
        self._schedule()

    # -- what is shown ----------------------------------------------------------------------
    def _view(self) -> StageView:
        return stage_view(self.engine, self._rep, self._following)

    def _show(self) -> None:
        """Bring the screen up to the engine's state; each widget repaints only what changed."""
        engine = self.engine
        if engine.segment is None:
            return
        with self.app.batch_update():
            self._stage.show(self._view())
            # The whole routine's bar moves with the elapsed seconds, not within them: across a
            # routine of minutes nobody sees a sub-second step, and each repaint costs CPU.
            elapsed = engine.active_elapsed()
            total = elapsed + engine.remaining_total()
            left = time_left(engine.remaining_total(), engine.untimed_left())
            self._overall.show(time_elapsed(elapsed), left, math.floor(elapsed) / total if total else 1.0)
            self._topline.set_ends(self.routine.name, self.sound.describe())
            notice = self.sound.notice or ""
            if notice != self._sound_notice_text:
                self._sound_notice_text = notice
                self._sound_notice.update(notice)
                self._sound_notice.display = bool(notice)
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
        if action in ("fix", "edit_inside"):
            return self._broken == (action == "fix")  # one key, E: "Fix" shown while the file has problems
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
    @on(RoutineFile.Read)
    def _take_up(self, read: RoutineFile.Read) -> None:
        """Take up what was read, keeping the place; on problems keep playing the last good version."""
        if read.loaded is None:
            self._stage.show_problems(*problems_banner(read.problems, read.path))
            self._broken = True
            self._refresh_keys()
            return
        self._stage.show_problems("", "")
        self._broken = False
        routine, plan = read.loaded
        self.routine, self.plan = routine, plan
        self.engine.replace_plan(plan)
        self._following = following_work(plan)
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
        self.post_message(EditInEditor(self.path))

    @on(Edited)
    def _edited(self, edited: Edited) -> None:
        if edited.path == self.path:
            self.routine_file.follow(edited.target)

    def action_fix(self) -> None:
        self.action_edit_inside()

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
        self.app.push_screen(editor, lambda saved: self.routine_file.follow(editor.path) if saved else None)

    # -- stopped and started again (Ctrl+Z, then fg) ------------------------------------------
    def end_session(self) -> None:
        """The process is ending under the session (the terminal was closed): it ends here as
        quitting ends it, so the history keeps the time spent rather than a killed session."""
        self._stop_timer()
        if self.engine.state not in (State.READY, State.FINISHED):
            self.catch_up_with_stop()
            self.engine.command(Command.QUIT)

    def catch_up_with_stop(self) -> None:
        """If the process was stopped since the last look, pause as the session stood at that
        moment: the time it was stopped for is neither counted down nor lost."""
        moment = self._take_stop()
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
                ended = [event for event in self.engine.quit() if isinstance(event, Finished)]
                if ended:  # the app decides where a session ends: the list it came from, or out
                    self.post_message(SessionFinished(self.plan, ended[-1].summary))
                else:
                    self.app.exit(0)

        self._ask(QuitConfirm(), answered)
