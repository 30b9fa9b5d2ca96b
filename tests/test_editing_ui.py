"""Editing inside the app and live reload, through Pilot (the file watch is polled by hand, not waited on)."""

from __future__ import annotations

import textwrap

import pytest
from textual.widgets import OptionList, Static, TextArea

from limber import library
from limber.engine import State
from limber.files import backup_path
from limber.ui.screens.confirm import DiscardChanges
from limber.ui.screens.edit import EditScreen
from limber.ui.screens.home import HomeScreen
from limber.ui.widgets.queue import QueueView

from tests.player_helpers import advance, make_app, player, routine_file, settle

ROUTINE = textwrap.dedent("""\
    name: Reload test
    defaults: {get_ready: 5, rest: 5}
    steps:
      - {name: First hold, duration: 30}
      - {name: Second hold, duration: 30}
""")


@pytest.fixture
def path(tmp_path):
    return routine_file(tmp_path, ROUTINE, name="reload.yaml")


def touch(path, text):
    """Save new contents the way an editor would, so the watch sees a change even within one second."""
    path.write_text(text)
    import os

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


async def test_an_edit_on_disk_reaches_the_player_and_keeps_the_place(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(110, 32)) as pilot:
        await advance(pilot, app, 5 + 12)  # 12 s into First hold: 18 s left
        screen = player(app)
        touch(path, ROUTINE.replace("name: Second hold, duration: 30", "name: Neck rolls, duration: 45")
                           .replace("{name: First hold, duration: 30}", "{name: First hold, duration: 40}"))
        screen.check_file()
        await settle(pilot)
        assert screen.engine.segment.name == "First hold"
        assert screen.engine.remaining() == pytest.approx(18)
        queue = screen.query_one(QueueView)
        assert [row.label for row in queue.rows][-1] == "Neck rolls"
        assert screen.query_one("#step-name", Static).render().plain == "First hold"


async def test_a_broken_edit_shows_the_problems_and_keeps_playing_then_clears(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(110, 32)) as pilot:
        await advance(pilot, app, 6)
        screen = player(app)
        touch(path, ROUTINE.replace("duration: 30}", "duraton: 30}", 1))
        screen.check_file()
        await settle(pilot)
        problems = screen.query_one("#problems", Static)
        assert problems.display
        assert "still playing the last good version" in problems.render().plain
        assert f"{path}:4:24: unknown key `duraton`" in problems.render().plain
        assert screen.engine.segment.name == "First hold" and screen.engine.state is State.RUNNING
        touch(path, ROUTINE)
        screen.check_file()
        await settle(pilot)
        assert not problems.display


async def test_the_edit_screen_checks_as_you_type_previews_and_saves_atomically(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditScreen)
        assert player(app).engine.state is State.PAUSED, "editing pauses the session"
        preview = screen.query_one("#preview", Static).render().plain
        assert preview.splitlines()[:2] == ["Reload test", "2 steps · 1:10"]
        area = screen.query_one("#yaml", TextArea)
        area.cursor_location = (3, 23)  # just before `duration` of First hold
        await pilot.press("x")
        assert screen._check_timer is not None, "a check is scheduled, not run on every key"
        screen.check_now()
        await settle(pilot)
        problems = screen.query_one("#problems", OptionList)
        assert problems.display and problems.option_count == 1
        assert "4:24  unknown key `xduration`" in str(problems.get_option_at_index(0).prompt)
        assert "1 problem · unsaved changes" in screen.query_one("#edit-status", Static).render().plain
        await pilot.press("backspace")
        screen.check_now()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert path.read_text() == ROUTINE
        assert backup_path(path).read_text() == ROUTINE
        area.cursor_location = (0, 6)
        await pilot.press("N", "e", "w", " ")
        await pilot.press("ctrl+s")
        assert path.read_text() == ROUTINE.replace("name: Reload", "name: New Reload")
        assert backup_path(path).read_text() == ROUTINE
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is player(app)
        assert player(app).routine.name == "New Reload test"


async def test_closing_with_unsaved_changes_asks_first(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await pilot.press("z")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DiscardChanges)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.screen is player(app)
        assert path.read_text() == ROUTINE, "discarded changes never reach the file"


async def test_editing_a_bundled_routine_in_the_app_saves_the_persons_copy():
    app, clock, sound = make_app(library.find("upper-back-quick"))
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await pilot.pause()
        screen = app.screen
        assert screen.path == library.user_routines_dir() / "upper-back-quick.yaml"
        await pilot.press("ctrl+s", "escape")
        await pilot.pause()
        assert player(app).path == screen.path


async def test_e_without_a_real_terminal_says_so_and_pauses(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(110, 32), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert player(app).engine.state is State.PAUSED
        assert any("press E to edit inside limber" in n.message for n in app._notifications)


async def test_the_home_screen_picks_up_new_routines_and_edits_them(tmp_path):
    app, clock, sound = make_app(None)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        home = app.screen
        assert isinstance(home, HomeScreen)
        library.new_routine("Lunch stretch")
        home._check_folder()
        await settle(pilot)
        from textual.widgets import DataTable

        table = home.query_one(DataTable)
        assert "Lunch stretch" in [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Evening", "enter")
        await pilot.pause()
        assert isinstance(app.screen, EditScreen)
        assert app.screen.path == library.user_routines_dir() / "evening.yaml"
