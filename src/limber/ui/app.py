"""The Textual app: which screen shows, and how a session starts, ends and starts again."""

from __future__ import annotations

import argparse
import gc
import time
from pathlib import Path

from textual.app import App

from .. import library
from ..audio import Silence, Sound
from ..engine import Clock, Summary
from ..history.recorder import Recorder
from ..routine import Plan, Routine
from .screens.player import PlayerScreen


class LimberApp(App[int]):
    CSS_PATH = "limber.tcss"
    TITLE = "limber"

    def __init__(self, routine_path: Path | None = None, *, clock: Clock = time.monotonic, sound: Sound | None = None,
                 loaded: tuple[Routine, Plan] | None = None, history: Recorder | None = None):
        super().__init__()
        # Every session is recorded on the history's own thread; a problem with it is said once.
        self.history = history if history is not None else Recorder(report=self._history_problem)
        self.routine_path = routine_path
        # The routine as the command line just read and checked it, so the first screen need
        # not read it again (a 5,000-step file takes a third of a second).
        self._loaded = loaded
        self.clock = clock
        self.sound: Sound = sound if sound is not None else Silence()
        self.routine: Routine | None = None
        self.plan: Plan | None = None

    def get_default_screen(self):
        # The first screen is the player itself (or the home screen): no empty screen beneath
        # it to build and draw, which keeps start-up close to a bare Textual app's.
        if self.routine_path is not None:
            loaded, self._loaded = self._loaded, None
            return self._player_for(self.routine_path, loaded)
        from .screens.home import HomeScreen  # only a bare `limber` needs the list (and DataTable)

        return HomeScreen()

    def on_mount(self) -> None:
        self.sound.attach_bell(lambda: self.call_from_thread(self.bell))

    def on_ready(self) -> None:
        # The first frame is up: only now does the sound go looking for a device.
        self.sound.start()

    def _player_for(self, path: Path, loaded: tuple[Routine, Plan] | None = None) -> PlayerScreen:
        """Make a player for the routine at `path` as it stands now (it may have been edited), unless given."""
        routine, plan = loaded if loaded is not None else library.load_kept(path)
        self.routine_path, self.routine, self.plan = path, routine, plan
        self.sound.use_routine(routine.sounds, plan)
        return PlayerScreen(routine, plan, self.history.engine(plan, self.clock, routine.name, path), self.sound)

    def play(self, path: Path) -> None:
        self.push_screen(self._player_for(path))

    def edit_in_editor(self, path: Path) -> Path | None:
        """Leave the screen for the person's editor (the check-and-ask loop runs in the terminal),
        then come back. Returns the file edited: their own copy when `path` is bundled."""
        from textual.app import SuspendNotSupported

        from ..editor import NoEditor, edit

        target = library.own_copy(path)
        try:
            with self.suspend():
                edit(target)
        except SuspendNotSupported:
            self.notify("This terminal cannot hand over to an editor: press E to edit inside limber.",
                        severity="error")
            return None
        except NoEditor as error:
            self.notify(f"{error}; or press E to edit inside limber", severity="error")
            return None
        return target

    @property
    def player(self) -> PlayerScreen | None:
        """The player, whether on top or under a dialog, the help or the finish screen."""
        for candidate in reversed(self.screen_stack):
            if isinstance(candidate, PlayerScreen):
                return candidate
        return None

    def finish_session(self, player: PlayerScreen, summary: Summary) -> None:
        if summary.completed:
            from .screens.finish import FinishScreen

            self.push_screen(FinishScreen(player.plan, summary))
        else:
            self.exit(0)

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
    return _run(LimberApp(path, sound=_sound_for(args), loaded=loaded))


def run_home(args: argparse.Namespace) -> int:
    return _run(LimberApp(None, sound=_sound_for(args)))


def _run(app: LimberApp) -> int:
    # What has been loaded so far (Textual, limber, the routine) lives as long as the app does.
    # Freezing it keeps the collector from walking all of it again on its full passes: one
    # such pass used to land in the middle of drawing the first frame (benchmarks/startup.py).
    gc.freeze()
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
