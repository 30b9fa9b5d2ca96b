"""Apps for the home, edit, finish and history screens' tests: a fixed wall clock, a real history file."""

from __future__ import annotations

import textwrap
from datetime import datetime, timedelta, timezone
from pathlib import Path

from limber import library
from limber.history.recorder import Recorder
from limber.history.store import Store
from limber.ui.app import LimberApp

from tests.conftest import FakeClock
from tests.player_helpers import RecordingSound

# A Wednesday morning: the week so far is Monday, Tuesday and this morning.
NOW = datetime(2026, 3, 18, 9, 0, tzinfo=timezone(timedelta(hours=1)))

SHORT = """
name: Three short ones
description: Three steps of twenty seconds, for the finish screen.
notice: Stop if anything hurts.
defaults: {get_ready: 2, rest: 0}
steps:
  - {name: Reach up, duration: 20, targets: [shoulders]}
  - {name: Fold forward, duration: 20, targets: [hamstrings, lower back]}
  - {name: Twist, duration: 20, sides: [left, right], targets: [spine]}
"""

BROKEN = """\
name: Broken one
description: Two mistakes in it.
steps:
  - name: Neck rolls
    duraton: 30
  - name: Shrugs
    reps: ten
  - name: Side bend
    duration: 20
"""


def wall_for(clock: FakeClock):
    """The wall clock that moves with the fake monotonic clock, starting at NOW."""
    start = clock.now
    return lambda: NOW + timedelta(seconds=clock.now - start)


def make_app(path: Path | None, clock: FakeClock | None = None, **recorder) -> tuple[LimberApp, FakeClock]:
    clock = clock or FakeClock()
    app = LimberApp(path, clock=clock, sound=RecordingSound(), history=Recorder(wall=wall_for(clock), **recorder))
    return app, clock


def seed_history(days_ago_minutes: dict[int, float], routine: str = "Three short ones",
                 path: str | None = None, outcome: str = "finished") -> None:
    """Sessions at 08:00 on days before NOW (0: this morning), with these active minutes."""
    store = Store.open()
    try:
        for days, minutes in days_ago_minutes.items():
            started = (NOW - timedelta(days=days)).replace(hour=8)
            session = store.start_session(routine, path, None, started)
            store.end_session(session, started + timedelta(minutes=minutes + 1), outcome, minutes * 60, 30)
    finally:
        store.close()


def own_routine(text: str, name: str) -> Path:
    folder = library.user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip())
    return path


def write_config(text: str) -> None:
    folder = library.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "config.yaml").write_text(text)
