"""The spoken coach: phrases synthesised once by an offline speech engine, cached as WAV files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path
from collections.abc import Iterable

from ..record import record
from .samples import Sample, load_wav


@record
class SpeechEngine:
    """A speech program found on this machine (espeak-ng or say)."""

    name: str
    executable: str

    def command(self, out: Path) -> list[str]:
        """The command that speaks the text it reads on stdin into `out`.

        The text never goes on the command line: a step named "-w /etc/x" or "--help"
        would be read there as an option, not said.
        """
        if self.name == "say":
            return [self.executable, "-o", str(out), "--data-format=LEI16@22050", "-f", "-"]
        # espeak-ng / espeak: a steady, clear pace for a coach.
        return [self.executable, "-s", "160", "-w", str(out), "--stdin"]


def find_speech_engine() -> SpeechEngine | None:
    candidates = ["say"] if sys.platform == "darwin" else ["espeak-ng", "espeak"]
    for name in candidates:
        path = shutil.which(name)
        if path:
            return SpeechEngine(name, path)
    return None


class Phrasebook:
    """Spoken phrases as samples: made once per text into the cache folder, then kept in memory."""

    def __init__(self, engine: SpeechEngine, folder: Path):
        self.engine = engine
        self.folder = folder
        self._memory: dict[str, Sample | None] = {}
        self._lock = threading.Lock()
        # One lock per phrase: the background preparer and the player may want the same phrase at once.
        self._phrase_locks: dict[str, threading.Lock] = {}

    def path_for(self, text: str) -> Path:
        import hashlib  # only a session with a voice needs it; not imported at start-up

        digest = hashlib.sha1(f"{self.engine.name}\n{text}".encode()).hexdigest()[:20]
        return self.folder / f"{digest}.wav"

    def sample(self, text: str) -> Sample | None:
        """The phrase spoken, synthesising it now if it is not cached; None if the engine fails."""
        with self._lock:
            if text in self._memory:
                return self._memory[text]
            phrase_lock = self._phrase_locks.setdefault(text, threading.Lock())
        with phrase_lock:
            with self._lock:
                if text in self._memory:
                    return self._memory[text]
            return self._make(text)

    def _make(self, text: str) -> Sample | None:
        path = self.path_for(text)
        if not path.exists():
            self.folder.mkdir(parents=True, exist_ok=True)
            # A name of its own, so two limbers making the same phrase never write into one file.
            partial = path.with_name(f"{path.stem}.{os.getpid()}-{threading.get_ident()}.part.wav")
            try:
                subprocess.run(self.engine.command(partial), input=text.encode("utf-8"),
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20, check=True)
                partial.replace(path)  # whole or not at all: a half-written phrase is never cached
            except (OSError, subprocess.SubprocessError):
                partial.unlink(missing_ok=True)
                with self._lock:
                    self._memory[text] = None
                return None
        try:
            sample = load_wav(path)
        except (OSError, EOFError, Exception):
            path.unlink(missing_ok=True)
            sample = None
        with self._lock:
            self._memory[text] = sample
        return sample

    def prepare(self, phrases: Iterable[str]) -> threading.Thread:
        """Synthesise phrases ahead of need, in the background, so the first time each is said it is ready."""
        wanted = list(dict.fromkeys(phrases))
        thread = threading.Thread(target=lambda: [self.sample(p) for p in wanted], name="limber-voice", daemon=True)
        thread.start()
        return thread
