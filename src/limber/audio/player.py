"""The player's sound: turns engine events into cues and plays them on a worker thread."""

from __future__ import annotations

import queue
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from ..engine import Engine, Event
from ..routine import Plan
from .cues import Cue, phrases_for, schedule
from .outputs import BellOutput, Output, OutputFailed, Playing
from .samples import Sample, load_wav

if TYPE_CHECKING:
    from .voice import Phrasebook

_STOP = object()
_TONES = "tones"  # queue item: (_TONES, {cue name: WAV path}) to load on the worker
VOLUME_STEP = 10


class CuePlayer:
    """Plays cues without ever blocking the event loop: `handle` only queues; a worker plays.

    An announcement (a step's name, "Switch sides", the end) is never cut off: a countdown
    number or a halfway chime that comes while one is playing is dropped, and the next
    announcement waits for it to finish.
    """

    def __init__(
        self,
        tones: dict[str, Path],
        outputs: list[Output] | Callable[[], tuple[Output | None, str | None]],
        *,
        volume: int = 80,
        muted: bool = False,
        phrasebook: Phrasebook | None = None,
        rep_ticks: bool = False,
        notice: str | None = None,
    ):
        self.tone_files = dict(tones)
        # Outputs may be given, or found by the worker: probing a sound device can take a while
        # and must not hold up the first frame.
        self._find_outputs = outputs if callable(outputs) else None
        self._go = threading.Event()  # set by start(): the screen is up, the search may begin
        self.outputs: list[Output] = [] if callable(outputs) else list(outputs)
        self.volume = max(0, min(100, volume))
        self.muted = muted
        self.phrasebook = phrasebook
        self.rep_ticks = rep_ticks
        self.notice = notice
        self.played: list[str] = []  # what reached an output, in order: for the screen's tests and logs
        self._tones: dict[str, Sample] = {}
        self._scaled: dict[tuple[int, int], Sample] = {}
        self._queue: queue.Queue = queue.Queue()
        self._current: tuple[Playing | None, bool] = (None, False)
        # Tones load on the worker, ahead of any cue (the queue keeps order), off the path
        # to the first frame.
        self._queue.put((_TONES, dict(self.tone_files)))
        self._worker = threading.Thread(target=self._run, name="limber-sound", daemon=True)
        self._worker.start()

    # -- what the screen calls (on the event loop) ----------------------------------------
    def handle(self, events: list[Event], engine: Engine) -> None:
        if self.muted:
            return
        # Staleness is judged on the engine's own clock, the one the events were stamped with.
        for cue in schedule(events, engine.plan, engine.clock(), rep_ticks=self.rep_ticks):
            self._queue.put(cue)

    def play_cue(self, cue: Cue) -> None:
        """One cue outside any routine (the reminder's ring when a break comes due)."""
        if not self.muted:
            self._queue.put(cue)

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        if self.muted:
            self._queue.put("stop")
        return self.muted

    def change_volume(self, delta: int) -> int:
        self.volume = max(0, min(100, self.volume + delta))
        return self.volume

    def describe(self) -> str:
        if self.muted:
            return "muted (m)"
        voice = "voice · " if self.phrasebook else ""
        return f"{voice}sound {self.volume}%"

    def use_routine(self, tones: dict[str, Path], plan: Plan) -> None:
        """A routine's own cue files, and its phrases synthesised ahead in the background."""
        self.tone_files.update(tones)
        self._queue.put((_TONES, dict(self.tone_files)))
        if self.phrasebook is not None:
            self.phrasebook.prepare(phrases_for(plan))

    def attach_bell(self, ring: Callable[[], None]) -> None:
        """The last resort before silence: needs the running app, so it is added once the app exists."""
        if not any(isinstance(o, BellOutput) for o in self.outputs):
            self.outputs.append(BellOutput(ring))

    def start(self) -> None:
        """The first frame is on screen: look for a sound output now, without competing with it."""
        self._go.set()

    def close(self) -> None:
        self._go.set()
        self._queue.put(_STOP)
        self._worker.join(timeout=2)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """For tests and a clean exit: wait until every queued cue has been started and finished."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            playing, _ = self._current
            if self._queue.unfinished_tasks == 0 and (playing is None or not playing.is_playing()):
                return True
            time.sleep(0.01)
        return False

    # -- the worker --------------------------------------------------------------------------
    def _load_tones(self, files: dict[str, Path]) -> None:
        for name, path in files.items():
            try:
                self._tones[name] = load_wav(path)
            except Exception:  # a file that vanished since validation: that cue stays silent
                self._tones.pop(name, None)
        self._scaled.clear()

    def _sample_for(self, cue: Cue) -> tuple[Sample | None, str]:
        if self.phrasebook is not None and cue.phrase:
            spoken = self.phrasebook.sample(cue.phrase)
            if spoken is not None:
                return self._at_volume(spoken), f"say:{cue.phrase}"
        tone = self._tones.get(cue.tone)
        return (self._at_volume(tone) if tone else None), cue.tone

    def _at_volume(self, sample: Sample) -> Sample:
        key = (id(sample), self.volume)
        scaled = self._scaled.get(key)
        if scaled is None:
            scaled = self._scaled[key] = sample.at_volume(self.volume)
        return scaled

    def _run(self) -> None:
        if self._find_outputs is not None:
            # Wait for start(), but never for long: cues queued meanwhile must not be stranded.
            self._go.wait(timeout=2.0)
            found, why = self._find_outputs()
            if found is not None:
                self.outputs.insert(0, found)  # ahead of the bell, which the app may have added meanwhile
            if why:
                self.notice = "; ".join(filter(None, [self.notice, why]))
        while True:
            item = self._queue.get()
            try:
                if item is _STOP:
                    self._stop_current()
                    return
                if item == "stop":
                    self._stop_current()
                    continue
                if isinstance(item, tuple) and item[0] == _TONES:
                    self._load_tones(item[1])
                    continue
                if not self.muted:
                    self._play(item)
            finally:
                self._queue.task_done()

    def _stop_current(self) -> None:
        playing, _ = self._current
        if playing is not None:
            try:
                playing.stop()
            except Exception:
                pass
        self._current = (None, False)

    def _play(self, cue: Cue) -> None:
        playing, protected = self._current
        busy = playing is not None and playing.is_playing()
        if busy and protected:
            if not cue.announcement:
                return  # a number or a chime never talks over a name
            while playing.is_playing():
                time.sleep(0.01)
        elif busy:
            self._stop_current()
        sample, label = self._sample_for(cue)
        if sample is None:
            return
        while self.outputs:
            output = self.outputs[0]
            if isinstance(output, BellOutput) and cue.tone not in BellOutput.RINGS_FOR:
                return
            try:
                self._current = (output.play(sample), cue.announcement)
                self.played.append(label)
                return
            except OutputFailed as failure:
                # The device went away mid-session: say so once, and fall back to the next output.
                self.outputs.pop(0)
                following = self.outputs[0].name if self.outputs else "silence"
                self.notice = f"{failure}; now using {following}"


__all__ = ["CuePlayer"]
