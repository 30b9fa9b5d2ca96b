"""Ways to get a sound out of the machine, tried in order: simpleaudio, a system player, the terminal bell."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Protocol
from collections.abc import Callable

from ..files import write_atomically
from .samples import Sample


class Playing(Protocol):
    def is_playing(self) -> bool: ...
    def stop(self) -> None: ...


class Output(Protocol):
    name: str

    def play(self, sample: Sample) -> Playing | None:
        """Start playing and return at once; raise OutputFailed when the device is gone."""


class OutputFailed(Exception):
    pass


class SimpleaudioOutput:
    name = "simpleaudio"

    def __init__(self, module):
        self._sa = module

    def play(self, sample: Sample) -> Playing | None:
        try:
            return self._sa.play_buffer(sample.frames, sample.channels, sample.sample_width, sample.rate)
        except Exception as error:  # simpleaudio raises its own SimpleaudioError, and ValueError on bad buffers
            raise OutputFailed(f"simpleaudio could not play: {error}") from error


class _Process:
    def __init__(self, process: subprocess.Popen):
        self._process = process

    def is_playing(self) -> bool:
        return self._process.poll() is None

    def stop(self) -> None:
        if self._process.poll() is None:
            self._process.terminate()


class CommandOutput:
    """A system player (`paplay`, `pw-play`, `aplay`, `afplay`) run on a WAV file written once per sound."""

    def __init__(self, command: list[str], folder: Path):
        self.command = command
        self.name = Path(command[0]).name
        self._folder = folder

    def _file_for(self, sample: Sample) -> Path:
        # Named by content, not by object: a sample freed when a routine reloads may hand its
        # id to a different sound, and must not hand over its file too.
        import hashlib  # only when a system player is in use; not imported at start-up

        digest = hashlib.sha1(sample.frames).hexdigest()[:16]
        path = self._folder / f"cue-{digest}-{sample.rate}-{sample.channels}-{sample.sample_width}.wav"
        if not path.exists():
            # Whole or not at all, into a folder only this person can write in (scratch_folder):
            # the player never gets half a file, and nothing is written through a planted link.
            write_atomically(path, sample.wav_bytes(), sync=False)
        return path

    def play(self, sample: Sample) -> Playing | None:
        try:
            process = subprocess.Popen([*self.command, str(self._file_for(sample))], stdin=subprocess.DEVNULL,
                                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        except OSError as error:
            raise OutputFailed(f"{self.name} could not run: {error}") from error
        return _Process(process)

    def works(self) -> bool:
        """Play a few milliseconds of silence and see whether the player is happy."""
        quiet = Sample(b"\x00\x00" * 441, 1, 2, 44100)
        try:
            result = subprocess.run([*self.command, str(self._file_for(quiet))], stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=5)
        except (OSError, subprocess.TimeoutExpired):
            return False
        return result.returncode == 0


class BellOutput:
    """The terminal bell, rung through Textual: for the cues that mark a new segment and the end."""

    name = "bell"
    RINGS_FOR = {"go", "rest", "switch", "finish"}

    def __init__(self, ring: Callable[[], None]):
        self._ring = ring

    def play(self, sample: Sample) -> Playing | None:
        self._ring()
        return None


def system_players() -> list[list[str]]:
    if sys.platform == "darwin":
        return [["afplay"]] if shutil.which("afplay") else []
    found = []
    for command in (["paplay"], ["pw-play"], ["aplay", "-q"]):
        path = shutil.which(command[0])
        if path:
            found.append([path, *command[1:]])
    return found


def choose_output(folder: Path, *, try_simpleaudio: bool = True) -> tuple[Output | None, str | None]:
    """The first output that works, and a quiet line for the screen when it is not the first choice."""
    from . import alsa  # ctypes and the ALSA library load on the sound's thread, after the first frame

    if os.environ.get("LIMBER_CUES") == "bell":  # set by `limber serve`: the page beeps on the bell
        return None, "cues: a beep in the browser (tap the page once to allow it)"
    alsa.silence_errors()
    reasons = []
    if try_simpleaudio:
        try:
            import simpleaudio
        except ImportError:
            from ..installed import add_extra_command
            from ..printable import printable

            reasons.append(f"simpleaudio is not installed (to add it: {printable(add_extra_command('audio'))})")
        else:
            opens = alsa.default_device_opens()
            if opens is False:
                reasons.append("no sound device")
            else:
                return SimpleaudioOutput(simpleaudio), None
    for command in system_players():
        output = CommandOutput(command, folder)
        if output.works():
            return output, f"sound through {output.name} ({'; '.join(reasons)})"
    return None, f"{'; '.join(reasons) or 'no sound player'}: cues ring the terminal bell"


def scratch_folder() -> Path:
    """Where a system player's WAV files are written: private to this person (see locations.scratch_dir)."""
    from ..locations import scratch_dir

    return scratch_dir()
