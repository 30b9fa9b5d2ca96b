"""The player's sound: turns engine events into cues and plays them on a worker thread."""

from __future__ import annotations

import queue
import threading
import time
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable

from ..record import record
from ..engine import Engine, Event
from ..printable import printable
from ..routine import Plan
from .cues import Cue, phrases_for, schedule
from .outputs import BellOutput, Output, OutputFailed, Playing
from .samples import Sample, load_wav

if TYPE_CHECKING:
    from .voice import Phrasebook

VOLUME_STEP = 10
# How often the worker looks again at a sound it is waiting on: the outputs cannot say when
# they finish, they can only be asked.
POLL_SECONDS = 0.01


class _Do(Enum):
    PLAY = "play"  # play the order's cue
    LOAD_TONES = "load tones"  # read the order's cue files
    HUSH = "hush"  # cut short whatever is playing (muting)
    CLOSE = "close"  # cut it short and end the worker


@record
class _Order:
    """One thing for the worker to do; the queue keeps them in the order they were asked for."""

    do: _Do
    cue: Cue | None = None
    tones: dict[str, Path] | None = None


class CuePlayer:
    """Plays cues without ever blocking the event loop: `handle` only queues; a worker plays.

    An announcement (a step's name, "Switch sides", the end) is never cut off: a countdown
    number or a halfway chime that comes while one is playing is dropped, and the next
    announcement waits for it to finish. Only muting or closing cuts one short.

    The worker alone plays, stops and loads; the list of outputs is shared with the event
    loop (which adds the bell) and is only touched under `_lock`. Should the worker fail,
    the failure becomes the notice on screen and the session goes on in silence.
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
        self._searched = threading.Event()  # set once the outputs are known
        if not callable(outputs):
            self._searched.set()
        self._lock = threading.Lock()  # guards outputs and notice, which both threads change
        self.outputs: list[Output] = [] if callable(outputs) else list(outputs)
        self.volume = max(0, min(100, volume))
        self.muted = muted
        self.phrasebook = phrasebook
        self.rep_ticks = rep_ticks
        self.notice = notice
        self.played: list[str] = []  # what reached an output, in order: for the screen's tests and logs
        self._tones: dict[str, Sample] = {}
        self._scaled: dict[tuple[int, int], Sample] = {}
        self._queue: queue.SimpleQueue[_Order] = queue.SimpleQueue()
        # Orders queued and not yet done, counted under the condition so a wait ends the
        # moment the last one is done; `_dead` once the worker has failed and orders go nowhere.
        self._settled = threading.Condition()
        self._pending = 0
        self._dead = False
        # Set by mute and close: an announcement being waited on is not waited on any longer.
        self._cut = threading.Event()
        self._closing = False
        self._current: tuple[Playing | None, bool] = (None, False)  # the worker's alone
        # Tones load on the worker, ahead of any cue (the queue keeps order), off the path
        # to the first frame.
        self._order(_Order(_Do.LOAD_TONES, tones=dict(self.tone_files)))
        self._worker = threading.Thread(target=self._run, name="limber-sound", daemon=True)
        self._worker.start()

    # -- what the screen calls (on the event loop) ----------------------------------------
    def handle(self, events: list[Event], engine: Engine) -> None:
        if self.muted:
            return
        # Staleness is judged on the engine's own clock, the one the events were stamped with.
        for cue in schedule(events, engine.plan, engine.clock(), rep_ticks=self.rep_ticks):
            self._order(_Order(_Do.PLAY, cue=cue))

    def play_cue(self, cue: Cue) -> None:
        """One cue outside any routine (the reminder's ring when a break comes due)."""
        if not self.muted:
            self._order(_Order(_Do.PLAY, cue=cue))

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        if self.muted:
            self._cut.set()
            self._order(_Order(_Do.HUSH))
        return self.muted

    def change_volume(self, delta: int) -> int:
        self.volume = max(0, min(100, self.volume + delta))
        return self.volume

    @property
    def has_volume(self) -> bool:
        """False once the only way out is the terminal bell (or nothing): it has no volume."""
        with self._lock:
            outputs = list(self.outputs)
        return not (self._searched.is_set() and all(isinstance(output, BellOutput) for output in outputs))

    def describe(self) -> str:
        """The sound's state in a few words, true beside the notice line: a volume only where
        one applies (the terminal bell has none)."""
        if self.muted:
            return "muted"
        if not self.has_volume:
            return "bell only" if self.outputs else "no sound"
        voice = "voice · " if self.phrasebook else ""
        return f"{voice}sound {self.volume}%"

    def use_routine(self, tones: dict[str, Path], plan: Plan) -> None:
        """A routine's own cue files, and its phrases synthesised ahead in the background."""
        self.tone_files.update(tones)
        self._order(_Order(_Do.LOAD_TONES, tones=dict(self.tone_files)))
        if self.phrasebook is not None and self.is_running:
            self.phrasebook.prepare(phrases_for(plan))

    def attach_bell(self, ring: Callable[[], None]) -> None:
        """The last resort before silence: needs the running app, so it is added once the app exists."""
        with self._lock:
            if not any(isinstance(o, BellOutput) for o in self.outputs):
                self.outputs.append(BellOutput(ring))

    def start(self) -> None:
        """The first frame is on screen: look for a sound output now, without competing with it."""
        self._go.set()

    def close(self) -> None:
        self._closing = True
        self._cut.set()
        self._go.set()
        self._order(_Order(_Do.CLOSE))
        self._worker.join(timeout=2)

    @property
    def is_running(self) -> bool:
        return self._worker.is_alive()

    def wait_handled(self, timeout: float = 5.0) -> bool:
        """For tests: wait until the worker has taken up every order queued so far."""
        with self._settled:
            return self._settled.wait_for(lambda: self._pending == 0, timeout)

    def wait_idle(self, timeout: float = 5.0) -> bool:
        """For tests and a clean exit: wait until every queued cue has been started and finished."""
        deadline = time.monotonic() + timeout
        if not self.wait_handled(timeout):
            return False
        while True:
            playing, _ = self._current
            if playing is None or not playing.is_playing():
                return True
            if time.monotonic() > deadline:
                return False
            time.sleep(POLL_SECONDS)

    def _order(self, order: _Order) -> None:
        with self._settled:
            if self._dead:
                return  # the worker has failed: nothing would ever take the order up
            self._pending += 1
        self._queue.put(order)

    # -- the worker --------------------------------------------------------------------------
    def _run(self) -> None:
        try:
            self._find()
            while self._take(self._queue.get()):
                pass
        except BaseException as failure:  # a fault in the sound must never end the session
            self._fail(failure)

    def _take(self, order: _Order) -> bool:
        """Carry out one order; False once the worker is to end."""
        try:
            if order.do is _Do.CLOSE:
                self._stop_current()
                return False
            if order.do is _Do.HUSH:
                self._cut.clear()
                self._stop_current()
            elif order.do is _Do.LOAD_TONES:
                self._load_tones(order.tones or {})
            elif order.cue is not None and not self.muted:
                self._play(order.cue)
            return True
        finally:
            with self._settled:
                self._pending -= 1
                self._settled.notify_all()

    def _fail(self, failure: BaseException) -> None:
        """Say on screen that the sound has stopped, and let every wait for the worker end."""
        with self._lock:
            said = printable(f"sound stopped: {type(failure).__name__}: {failure}")
            self.notice = "; ".join(filter(None, [self.notice, said]))
        with self._settled:
            self._dead = True
            self._pending = 0
            self._settled.notify_all()
        try:
            self._stop_current()
        except Exception:
            pass

    def _find(self) -> None:
        if self._find_outputs is None:
            return
        # Wait for start(), but never for long: cues queued meanwhile must not be stranded.
        self._go.wait(timeout=2.0)
        if self._closing:
            return  # closed before the screen was up: no device worth probing
        found, why = self._find_outputs()
        with self._lock:
            if found is not None:
                self.outputs.insert(0, found)  # ahead of the bell, which the app may have added meanwhile
            if why:
                self.notice = "; ".join(filter(None, [self.notice, why]))
        self._searched.set()

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

    def _stop_current(self) -> None:
        playing, _ = self._current
        self._current = (None, False)
        if playing is not None:
            try:
                playing.stop()
            except Exception:  # a player already gone: it is stopped either way
                pass

    def _play(self, cue: Cue) -> None:
        playing, protected = self._current
        busy = playing is not None and playing.is_playing()
        if busy and protected:
            if not cue.announcement:
                return  # a number or a chime never talks over a name
            while playing is not None and playing.is_playing():
                if self._cut.wait(POLL_SECONDS) or self._closing:
                    return  # muted or closing while it waited: this cue is no longer wanted
        elif busy:
            self._stop_current()
        sample, label = self._sample_for(cue)
        if sample is None:
            return
        with self._lock:
            output = self.outputs[0] if self.outputs else None
        while output is not None:
            if isinstance(output, BellOutput) and cue.tone not in BellOutput.RINGS_FOR:
                return
            try:
                self._current = (output.play(sample), cue.announcement)
                self.played.append(label)
                return
            except OutputFailed as failure:
                # The device went away mid-session: say so once, and fall back to the next output.
                # The next one is chosen under the lock with the notice, so the notice always
                # names the output this very cue goes to, even as the bell is being attached.
                with self._lock:
                    self.outputs.remove(output)
                    output = self.outputs[0] if self.outputs else None
                    following = output.name if output is not None else "silence"
                    self.notice = printable(f"{failure}; now using {following}")


__all__ = ["CuePlayer"]
