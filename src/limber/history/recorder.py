"""Recording sessions as they are played: the engine's events become rows, written on a thread of their own.

The event loop only turns events into small write jobs and puts them on a queue; one writer
thread owns the SQLite connection and commits each job at once, so a `kill -9` loses at most
the segment in progress. Nothing here can stop a session: a problem with the file is
reported once through a callback and recording stops quietly.
"""

from __future__ import annotations

import queue
import threading
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from collections.abc import Callable

from ..engine import Clock, Engine, Event, Finished, Paused, Resumed, SegmentEnded, SegmentStarted, Summary
from .records import SegmentOutcome, SegmentRecord, SessionOutcome

if TYPE_CHECKING:
    from ..routine import Plan
    from .store import Store

WallClock = Callable[[], datetime]
Report = Callable[[str], None]
Job = Callable[["Store"], None]
_STOP = None  # the one way to stop the writer: this on the queue after the last job


def local_now() -> datetime:
    """The time now on the wall, in the local zone with its UTC offset."""
    return datetime.now().astimezone()


class Recorder:
    """Keeps every session played in this process. Make a recorded engine with `engine()`;
    `close()` waits for what is queued to be written."""

    def __init__(self, path: Path | None = None, *, enabled: bool | None = None, wall: WallClock = local_now,
                 report: Report | None = None, held: bool = False):
        self.path = path
        # Held: jobs wait on the queue until start(), so that opening SQLite and hashing the
        # routine never compete with drawing the first frame.
        self._held = held
        self.enabled = enabled  # None: as config.yaml says, read on the writer thread
        self.wall = wall
        self.report = report
        self._queue: queue.SimpleQueue[Job | _Written | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def engine(self, plan: Plan, clock: Clock, routine: str, path: Path | None) -> Engine:
        """An engine for a new session of `plan` whose events are recorded."""
        return RecordedEngine(plan, clock, SessionLog(self, routine, path))

    # -- the writer thread --------------------------------------------------------------
    def put(self, job: Job) -> None:
        if self.enabled is False:
            return
        self._queue.put(job)
        if not self._held:
            self._start_writer()

    def start(self) -> None:
        """Let held jobs be written, and every job from now on as it comes."""
        self._held = False
        if not self._queue.empty():
            self._start_writer()

    def _start_writer(self) -> None:
        with self._lock:
            if self._thread is None:
                self._thread = threading.Thread(target=self._write, name="limber-history", daemon=True)
                self._thread.start()

    def flush(self, timeout: float | None = 10.0) -> bool:
        """Wait until every job queued so far is written (or dropped); True when it was."""
        if self._thread is None:
            return True
        marker = _Written()
        self._queue.put(marker)
        return marker.event.wait(timeout)

    def close(self, timeout: float = 5.0) -> None:
        self.start()  # what is still held is written before the end
        with self._lock:
            thread, self._thread = self._thread, None
        if thread is not None:
            self._queue.put(_STOP)
            thread.join(timeout)

    def _write(self) -> None:
        store = self._open()
        while True:
            job = self._queue.get()
            if job is _STOP:
                break
            if isinstance(job, _Written):
                job.event.set()
                continue
            if store is None:
                continue
            try:
                job(store)
            except Exception as error:  # noqa: BLE001 - playing never fails for the history
                self._say(f"history not recorded: {error}")
                store.close()
                store = None
        if store is not None:
            store.close()

    def _open(self) -> Store | None:
        try:
            if self.enabled is None:
                self.enabled = _enabled_in_settings()
            if not self.enabled:
                return None
            from .store import Store

            return Store.open(self.path, report=self._say)
        except Exception as error:  # noqa: BLE001
            self._say(f"history not recorded: {error}")
            return None

    def _say(self, message: str) -> None:
        if self.report is None:
            return
        try:
            self.report(message)
        except Exception:  # noqa: BLE001 - the screen may be gone already
            pass


class _Written:
    """Put on the queue by flush: set once every job before it has been written."""

    def __init__(self):
        self.event = threading.Event()


def _enabled_in_settings() -> bool:
    from ..config import settings_or_defaults

    return settings_or_defaults().history


class _Open:
    """The segment in progress."""

    __slots__ = ("index", "record", "started", "paused")

    def __init__(self, index: int, record: SegmentRecord, started: float) -> None:
        self.index = index
        self.record = record  # with outcome and seconds still to be filled in
        self.started = started  # clock time
        self.paused = 0.0  # seconds of it spent paused


class SessionLog:
    """Turns one session's events into write jobs, with times from the engine's clock.

    Lives on the event loop; only the session's row id is the writer thread's (set by the
    first job, read by the later ones, all on that thread)."""

    def __init__(self, recorder: Recorder, routine: str, path: Path | None):
        self.recorder = recorder
        self.routine = routine
        self.path = path
        self.id: int | None = None  # the writer thread's
        self._anchor: tuple[float, datetime] | None = None  # (clock, wall) when the session began
        self._open: _Open | None = None
        self._paused_at: float | None = None
        self._paused_total = 0.0

    def wall(self, at: float) -> datetime:
        assert self._anchor is not None
        clock, wall = self._anchor
        return wall + timedelta(seconds=at - clock)

    def take(self, events: list[Event], now: float) -> None:
        for event in events:
            if isinstance(event, SegmentStarted):
                self._begin(now, event.at)
                if self._open is not None:
                    self._close(event.at, SegmentOutcome.RESTARTED if event.restarted else SegmentOutcome.BACK)
                segment = event.segment
                record = SegmentRecord(event.index, segment.name, segment.kind.value, segment.side, segment.set,
                                       segment.round, "", 0.0, self.wall(event.at))
                self._open = _Open(event.index, record, event.at)
            elif isinstance(event, SegmentEnded) and self._open is not None:
                self._close(event.at, event.outcome.value)
            elif isinstance(event, Paused):
                self._paused_at = event.at
            elif isinstance(event, Resumed) and self._paused_at is not None:
                spent = event.at - self._paused_at
                self._paused_total += spent
                if self._open is not None:
                    self._open.paused += spent
                self._paused_at = None
            elif isinstance(event, Finished) and self._anchor is not None:
                if self._open is not None:
                    self._close(event.at, SegmentOutcome.STOPPED)
                self._end(event)

    def _begin(self, now: float, at: float) -> None:
        if self._anchor is not None:
            return
        self._anchor = (at, self.recorder.wall() - timedelta(seconds=max(0.0, now - at)))
        routine, path, started = self.routine, self.path, self.wall(at)

        def start(store: Store) -> None:
            from .. import __version__

            self.id = store.start_session(routine, str(path) if path else None, _sha256(path), started,
                                          limber_version=__version__)

        self.recorder.put(start)

    def _close(self, at: float, outcome: str) -> None:
        current = self._open
        assert current is not None and self._anchor is not None
        if self._paused_at is not None:  # left while paused: the next segment starts paused
            current.paused += at - self._paused_at
            self._paused_total += at - self._paused_at
            self._paused_at = at
        seconds = max(0.0, at - current.started - current.paused)
        record = replace(current.record, outcome=outcome, seconds=seconds)
        active = max(0.0, at - self._anchor[0] - self._paused_total)
        paused = self._paused_total
        self._open = None
        self.recorder.put(lambda store: self._write_segment(store, record, active, paused))

    def _end(self, event: Finished) -> None:
        summary = event.summary
        outcome = session_outcome(summary)
        ended = self.wall(event.at)
        active, paused = summary.active_seconds, summary.paused_seconds
        self.recorder.put(lambda store: self._write_end(store, ended, outcome, active, paused))

    # On the writer thread: the session's row was written first (or failed, and then nothing is).
    def _write_segment(self, store: Store, record: SegmentRecord, active: float, paused: float) -> None:
        if self.id is not None:
            store.add_segment(self.id, record, active, paused)

    def _write_end(self, store: Store, ended: datetime, outcome: str, active: float,
                   paused: float) -> None:
        if self.id is not None:
            store.end_session(self.id, ended, outcome, active, paused)


def session_outcome(summary: Summary) -> str:
    """How a session went, as kept and as the finish screen says it."""
    if not summary.completed:
        return SessionOutcome.STOPPED_EARLY
    if summary.skipped:
        return SessionOutcome.FINISHED_WITH_SKIPS
    return SessionOutcome.FINISHED


def _sha256(path: Path | None) -> str | None:
    """The routine file's content hash, so a session can be matched to the exact version played."""
    if path is None:
        return None
    import hashlib

    from ..files import read_regular

    try:
        return hashlib.sha256(read_regular(path, 64 << 20)).hexdigest()
    except OSError:
        return None


class RecordedEngine(Engine):
    """The engine, with every event it emits also handed to the session's log."""

    def __init__(self, plan: Plan, clock: Clock, log: SessionLog):
        super().__init__(plan, clock)
        self.log = log

    def command(self, command, seconds: float = 0.0) -> list[Event]:
        events = super().command(command, seconds)
        if events:
            self.log.take(events, self.clock())
        return events

    def tick(self) -> list[Event]:
        events = super().tick()
        if events:
            self.log.take(events, self.clock())
        return events
