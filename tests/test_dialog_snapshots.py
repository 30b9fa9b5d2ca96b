"""Snapshots of every dialog, and of the bars in the states whose words change, at the sizes
people use: 40x12, 80x24, 120x36 (and the bars at 200x60). Time comes from the fake clock;
cursors do not blink, so every frame is the same."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from limber.ui.screens.confirm import DiscardChanges

from tests.player_helpers import advance, make_app, routine_file, settle

SIZES = [(40, 12), (80, 24), (120, 36)]


@pytest.fixture
def path(tmp_path):
    return routine_file(tmp_path)


def still_cursors(app) -> None:
    for screen in app.screen_stack:
        for widget in screen.query(Input):
            widget.cursor_blink = False
        for widget in screen.query(TextArea):
            widget.cursor_blink = False


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_help(snap_compare, path, size):
    async def before(pilot):
        await advance(pilot, pilot.app, 2.5)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(make_app(path)[0], terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_quit_question(snap_compare, path, size):
    async def before(pilot):
        await advance(pilot, pilot.app, 5 + 12.3)
        await pilot.press("q")
        await pilot.pause()

    assert snap_compare(make_app(path)[0], terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_new_routine_name(snap_compare, size):
    async def before(pilot):
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        still_cursors(pilot.app)
        await pilot.press(*"Lunch")
        await pilot.pause()

    assert snap_compare(make_app(None)[0], terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=lambda size: f"{size[0]}x{size[1]}")
def test_discard_changes(snap_compare, path, size, monkeypatch):
    # Played from its own folder, the file is named the same in every run.
    monkeypatch.chdir(path.parent)
    path = Path(path.name)

    async def before(pilot):
        await pilot.pause()
        await pilot.press("E")
        await settle(pilot)
        still_cursors(pilot.app)
        pilot.app.push_screen(DiscardChanges())
        await pilot.pause()

    assert snap_compare(make_app(path)[0], terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", [*SIZES, (200, 60)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_bars_paused_and_muted(snap_compare, path, size):
    """The key bar says Resume and Unmute, the top bar says muted, the queue row shows +10 s."""

    async def before(pilot):
        await advance(pilot, pilot.app, 5 + 4.2)
        await pilot.press("plus", "space", "m")
        await advance(pilot, pilot.app, 30)

    assert snap_compare(make_app(path)[0], terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", [*SIZES, (200, 60)], ids=lambda size: f"{size[0]}x{size[1]}")
def test_bars_on_an_untimed_step(snap_compare, path, size):
    """Done in the key bar, a dash for the step's time in the queue, what the step adds to the time left."""

    async def before(pilot):
        for _ in range(5):
            await pilot.press("n")
        await advance(pilot, pilot.app, 7)

    assert snap_compare(make_app(path)[0], terminal_size=size, run_before=before)
