"""Snapshots of the remind screen at fixed sizes, with time from fake clocks."""

from __future__ import annotations

from datetime import datetime

import pytest

from limber.remind.settings import RemindSettings
from limber.ui.remind_app import RemindApp
from tests.conftest import FakeClock
from tests.player_helpers import RecordingSound

MIN = 60.0


def app_for(**settings) -> RemindApp:
    wall = FakeClock(datetime(2026, 5, 4, 10, 0).timestamp())
    return RemindApp(RemindSettings(**{"every": 50 * MIN, **settings}), wall=wall, clock=FakeClock(5000.0),
                     sound=RecordingSound())


async def passes(pilot, seconds: float) -> None:
    await pilot.pause()
    pilot.app.wall.advance(seconds)
    pilot.app.clock.advance(seconds)
    pilot.app.tick()
    await pilot.pause()


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_waiting(snap_compare, size):
    async def before(pilot):
        await passes(pilot, 27 * MIN)

    assert snap_compare(app_for(), terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
def test_due_after_a_skip_and_a_snooze(snap_compare, size):
    async def before(pilot):
        await passes(pilot, 50 * MIN)
        await pilot.press("x")
        await passes(pilot, 50 * MIN)
        await pilot.press("z")
        await passes(pilot, 5 * MIN)

    assert snap_compare(app_for(routines=("desk-back-stretches", "upper-back-quick")), terminal_size=size,
                        run_before=before)


def test_paused(snap_compare):
    async def before(pilot):
        await pilot.press("p", "h")
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=before)
