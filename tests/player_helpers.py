"""Building the player app for tests: a fake clock, a sound that records, small routines."""

from __future__ import annotations

import textwrap
from pathlib import Path

from limber.audio import Silence
from limber.engine import Engine, Event
from limber.ui.app import LimberApp
from limber.ui.screens.player import PlayerScreen

from tests.conftest import FakeClock

SIDES_AND_REPS = """
name: Player test
notice: Stop if anything hurts.
defaults: {get_ready: 5, rest: 10, switch_time: 5}
steps:
  - name: Hip stretch
    duration: 30
    sides: [right, left]
    instructions: Hinge forward from the hips.
  - name: Push-ups
    reps: 10
    instructions: Chest to the floor.
  - name: Shrugs
    reps: 4
    rep_time: 5
"""


class RecordingSound(Silence):
    """Stands in for the speaker: keeps every event it was handed."""

    def __init__(self):
        super().__init__()
        self.events: list[Event] = []
        self.volume = 80

    def handle(self, events: list[Event], engine: Engine) -> None:
        self.events.extend(events)

    def change_volume(self, delta: int) -> int:
        self.volume = max(0, min(100, self.volume + delta))
        return self.volume

    def describe(self) -> str:
        return "muted" if self.muted else f"sound {self.volume}%"

    @property
    def has_volume(self) -> bool:
        return True


def routine_file(tmp_path: Path, text: str = SIDES_AND_REPS, name: str = "player-test.yaml") -> Path:
    path = tmp_path / name
    path.write_text(textwrap.dedent(text).lstrip())
    return path


def make_app(path: Path | None, clock: FakeClock | None = None) -> tuple[LimberApp, FakeClock, RecordingSound]:
    clock = clock or FakeClock()
    sound = RecordingSound()
    return LimberApp(path, clock=clock, sound=sound), clock, sound


async def advance(pilot, app: LimberApp, seconds: float) -> None:
    """Move the fake clock and let the player catch up, as its timer would."""
    await pilot.pause()  # the screen is mounted and started before time moves
    app.clock.advance(seconds)
    player = app.player
    if player is not None and player.is_attached:
        player.wake()
    await pilot.pause()


async def settle(pilot) -> None:
    """Let every file reading and check started so far finish (they run in threads) and be taken up."""
    await pilot.pause()
    app = pilot.app
    readings = [worker for worker in app.workers if worker.group == "reading"]
    await app.workers.wait_for_complete(readings)
    await pilot.pause()


def player(app: LimberApp) -> PlayerScreen:
    screen = app.player
    assert screen is not None
    return screen
