"""The Textual app: which screen shows, and how a session starts, ends and starts again."""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Iterable

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel

from .. import collector, library
from ..audio import Silence, Sound
from ..engine import Clock, Summary
from ..history.recorder import Recorder
from ..printable import printable
from ..routine import Plan, Routine, RoutineError
from . import signals
from .messages import Edited, EditInEditor, SessionFinished
from .phase_colours import phase_variables
from .screens.player import PlayerScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from .screens.finish import FinishScreen
    from .screens.home import HomeScreen


class LimberApp(App[int]):
    # Each screen keeps its own look (DEFAULT_CSS, read when it is first shown). Only this is
    # the app's: limber's own background under every screen, and dimmed behind every dialog,
    # even where Textual would leave a 16-colour terminal's own (the phase colours are chosen
    # to read against this background, not against whatever the terminal's is).
    CSS = """
    Screen { background: $background; }
    ModalScreen { background: $background 60%; }
    """
    TITLE = "limber"
    BINDINGS = [
        Binding("ctrl+z", "suspend_process", "Suspend", id="suspend", show=False,
                tooltip="Stop limber for now (the session pauses); `fg` in the shell brings it back"),
    ]

    def __init__(self, routine_path: Path | None = None, *, clock: Clock = time.monotonic, sound: Sound | None = None,
                 loaded: tuple[Routine, Plan] | None = None, handle_signals: bool = False,
                 history: Recorder | None = None):
        super().__init__()
        # Every session is recorded on the history's own thread; a problem with it is said once.
        self.history = history if history is not None else Recorder(report=self._history_problem, held=True)
        self.routine_path = routine_path
        # The routine as the command line just read and checked it, so the first screen need
        # not read it again (a 5,000-step file takes a third of a second).
        self._loaded = loaded
        self.clock = clock
        self.sound: Sound = sound if sound is not None else Silence()
        self.routine: Routine | None = None
        self.plan: Plan | None = None
        # Signals are the process's: only the app run from the command line takes them on.
        self._handle_signals = handle_signals
        self.ended_by: int | None = None  # the signal that ended the app, if one did
        self._stopped_at: float | None = None  # clock time of a stop (SIGTSTP) not yet caught up with

    def get_css_variables(self) -> dict[str, str]:
        # Each phase's colour, made to read against this theme's background ($phase-work, ...).
        variables = super().get_css_variables()
        variables.update(phase_variables(variables, self.current_theme.dark))
        self.theme_variables = variables
        return variables

    def get_default_screen(self):
        # The first screen is the player itself (or the home screen): no empty screen beneath
        # it to build and draw, which keeps start-up close to a bare Textual app's.
        if self.routine_path is not None:
            loaded, self._loaded = self._loaded, None
            return self._player_for(self.routine_path, loaded)
        from .screens.home import HomeScreen  # only a bare `limber` needs the list (and DataTable)

        return HomeScreen(now=self.history.wall)

    def on_load(self) -> None:
        # Before the terminal is touched: a signal from now on finds the way out that restores it.
        if self._handle_signals:
            signals.listen_for_endings(self.end_by_signal)

    def on_mount(self) -> None:
        self.sound.attach_bell(lambda: self.call_from_thread(self.bell))
        self.app_resume_signal.subscribe(self, self._came_back)
        if self._handle_signals:
            signals.note_stops(self.note_stop)

    def on_ready(self) -> None:
        # The first frame is up: only now does the sound go looking for a device, and the
        # history open its file.
        collector.release()
        self.sound.start()
        self.history.start()

    def _player_for(self, path: Path, loaded: tuple[Routine, Plan] | None = None) -> PlayerScreen:
        """Make a player for the routine at `path` as it stands now (it may have been edited), unless given."""
        routine, plan = loaded if loaded is not None else library.load_kept(path)
        self.routine_path, self.routine, self.plan = path, routine, plan
        self.sound.use_routine(routine.sounds, plan)
        return PlayerScreen(routine, plan, self.history.engine(plan, self.clock, routine.name, path), self.sound,
                            take_stop=self.take_stop)

    def play(self, path: Path) -> None:
        self.push_screen(self._player_for(path))

    # -- what the screens ask for (their messages; handled by name, so the screens' modules
    # are imported only when they are shown) ---------------------------------------------------
    def on_home_screen_play(self, request: HomeScreen.Play) -> None:
        try:
            self.play(request.path)
        except RoutineError as error:
            request.home.show_problems(request.path, error.problems)

    def on_home_screen_edit_outside(self, request: HomeScreen.EditOutside) -> None:
        if self.edit_in_editor(request.path) is not None:
            request.home.reload()

    def on_home_screen_show_history(self, _request: HomeScreen.ShowHistory) -> None:
        self.show_history()

    def on_finish_screen_play_again(self, _request: FinishScreen.PlayAgain) -> None:
        self.play_again()

    def on_finish_screen_done(self, _request: FinishScreen.Done) -> None:
        self.leave_session()

    def show_history(self) -> None:
        from .screens.history import HistoryScreen

        self.push_screen(HistoryScreen.open(self.history.wall().date(), self.history.path))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        from .screens.home import HomeScreen

        if isinstance(screen, HomeScreen):
            yield SystemCommand("History", "Every session kept: the calendar, minutes a day, the list",
                                self.show_history)

    # -- what the player asks ------------------------------------------------------------------
    @on(EditInEditor)
    def _edit_asked(self, asked: EditInEditor) -> None:
        target = self.edit_in_editor(asked.path)
        if target is not None:
            self.screen.post_message(Edited(asked.path, target))

    @on(SessionFinished)
    def _session_finished(self, finished: SessionFinished) -> None:
        self.finish_session(finished.plan, finished.summary)

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = True) -> None:
        """Every notice is shown as written, never as markup: notices quote file names, routine
        names and error messages, any of which may hold `[` or a control character."""
        super().notify(printable(message), title=printable(title), severity=severity, timeout=timeout, markup=False)

    def edit_in_editor(self, path: Path) -> Path | None:
        """Leave the screen for the person's editor (the check-and-ask loop runs in the terminal),
        then come back. Returns the file edited: their own copy when `path` is bundled."""
        from textual.app import SuspendNotSupported

        from ..editor import NoEditor, edit
        from .screens.edit import CannotEdit, own_copy
        from .shown import failure

        try:
            target = own_copy(path)
        except CannotEdit as error:
            self.notify(str(error), severity="error")
            return None
        problem = None
        try:
            with self.suspend():
                # Nothing may escape this block: the app comes back to the screen only when it ends.
                try:
                    edit(target)
                except NoEditor as error:
                    problem = f"{error}; or press E to edit inside limber"
                except OSError as error:
                    problem = failure("Could not edit", target, error)
        except SuspendNotSupported:
            problem = "This terminal cannot hand over to an editor: press E to edit inside limber."
        if problem is not None:
            self.notify(problem, severity="error")
            return None
        return target

    # -- ending and stopping by signal -------------------------------------------------------
    def end_by_signal(self, number: int) -> None:
        """SIGTERM, SIGHUP or SIGINT: end as `q` would, so the terminal is put back, and the
        session under way is kept as stopped early with its time (not as killed)."""
        self.ended_by = number
        player = self.player
        if player is not None:
            player.end_session()
        self.exit(128 + number)

    def note_stop(self) -> None:
        """The process is being stopped (Ctrl+Z, SIGTSTP): remember when. Runs in a signal handler."""
        if self._stopped_at is None:
            self._stopped_at = self.clock()

    def take_stop(self) -> float | None:
        """When the process was last stopped, if that has not been dealt with yet (then it is)."""
        moment, self._stopped_at = self._stopped_at, None
        return moment

    def _came_back(self, _app: App) -> None:
        # The terminal's alternate screen was left while stopped: draw all of it again, not
        # only what changed.
        self.refresh(layout=True)
        player = self.player
        if player is not None:
            player.catch_up_with_stop()
        else:
            self.take_stop()  # nothing was counting down

    @property
    def player(self) -> PlayerScreen | None:
        """The player, whether on top or under a dialog, the help or the finish screen."""
        for candidate in reversed(self.screen_stack):
            if isinstance(candidate, PlayerScreen):
                return candidate
        return None

    def finish_session(self, plan: Plan, summary: Summary) -> None:
        if summary.completed:
            from .screens.finish import FinishScreen

            self.push_screen(FinishScreen(plan, summary, self.history))
        else:
            self.leave_session()

    def leave_session(self) -> None:
        """Done with a session: back to the list of routines when it was started from there
        (the list comes up to date on its return), else out of limber."""
        from .screens.home import HomeScreen

        if not any(isinstance(screen, HomeScreen) for screen in self.screen_stack):
            self.exit(0)
            return
        while not isinstance(self.screen, HomeScreen):
            self.pop_screen()

    def play_again(self) -> None:
        self.pop_screen()
        player = self.player
        if player is not None:
            player.begin(self.history.engine(player.plan, self.clock, player.routine.name, player.path))

    def on_unmount(self) -> None:
        self.sound.close()
        self.history.close()

    def _history_problem(self, message: str) -> None:
        # Called on the history's thread; notify is thread-safe and, unlike call_from_thread,
        # never waits on the event loop (which may be waiting on that thread to finish).
        self.notify(message, severity="warning", timeout=8)


def _sound_for(args: argparse.Namespace) -> Sound:
    try:
        from ..audio.setup import sound_from_settings
    except ImportError:
        return Silence("sound is not available in this build")
    return sound_from_settings(mute=args.mute, volume=args.volume, voice=args.voice)


def run_player(path: Path, args: argparse.Namespace, loaded: tuple[Routine, Plan] | None = None) -> int:
    return _run(LimberApp(path, sound=_sound_for(args), loaded=loaded, handle_signals=True))


def run_home(args: argparse.Namespace) -> int:
    return _run(LimberApp(None, sound=_sound_for(args), handle_signals=True))


def _run(app: LimberApp) -> int:
    try:
        result = app.run()
    finally:
        collector.release()  # had the app ended before its first frame
    if app.ended_by is not None:
        return signals.die_of(app.ended_by)  # the terminal is back: end the way the signal meant
    return result if isinstance(result, int) else (app.return_code or 0)
