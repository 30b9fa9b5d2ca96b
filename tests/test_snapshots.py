"""Snapshots of the player at a fixed size, with time from the fake clock so every frame is the same."""

from __future__ import annotations

import pytest

from tests.player_helpers import advance, make_app, routine_file


@pytest.fixture
def path(tmp_path):
    return routine_file(tmp_path)


def app_for(path):
    app, clock, sound = make_app(path)
    return app


def test_get_ready(snap_compare, path):
    async def before(pilot):
        await advance(pilot, pilot.app, 1.4)

    assert snap_compare(app_for(path), terminal_size=(110, 32), run_before=before)


def test_work_with_sides(snap_compare, path):
    async def before(pilot):
        await advance(pilot, pilot.app, 5 + 12.3)

    assert snap_compare(app_for(path), terminal_size=(110, 32), run_before=before)


def test_last_seconds(snap_compare, path):
    async def before(pilot):
        await advance(pilot, pilot.app, 5 + 28.2)

    assert snap_compare(app_for(path), terminal_size=(110, 32), run_before=before)


def test_untimed_rep_step(snap_compare, path):
    async def before(pilot):
        for _ in range(5):
            await pilot.press("n")
        await advance(pilot, pilot.app, 7)

    assert snap_compare(app_for(path), terminal_size=(110, 32), run_before=before)


def test_paused(snap_compare, path):
    async def before(pilot):
        await advance(pilot, pilot.app, 5 + 9.5)
        await pilot.press("space")
        await advance(pilot, pilot.app, 30)

    assert snap_compare(app_for(path), terminal_size=(110, 32), run_before=before)


def test_rest_shows_next(snap_compare, path):
    async def before(pilot):
        for _ in range(4):
            await pilot.press("n")
        await advance(pilot, pilot.app, 2.5)

    assert snap_compare(app_for(path), terminal_size=(110, 32), run_before=before)


def test_help_screen(snap_compare, path):
    assert snap_compare(app_for(path), terminal_size=(110, 32), press=["question_mark"])


def test_finish_summary(snap_compare, path):
    async def before(pilot):
        await advance(pilot, pilot.app, 5 + 30 + 5)
        await pilot.press("n", "n", "enter")
        await advance(pilot, pilot.app, 30)
        await pilot.app.workers.wait_for_complete()  # the history's numbers are read
        await pilot.pause()

    assert snap_compare(app_for(path), terminal_size=(110, 32), run_before=before)


def test_small_terminal(snap_compare, path):
    async def before(pilot):
        await advance(pilot, pilot.app, 5 + 4.2)

    assert snap_compare(app_for(path), terminal_size=(40, 12), run_before=before)


def test_quit_confirm(snap_compare, path):
    assert snap_compare(app_for(path), terminal_size=(80, 24), press=["q"])
