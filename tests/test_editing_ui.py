"""Editing inside the app and live reload, through Pilot (the file watch is polled by hand, not waited on)."""

from __future__ import annotations

import errno
import textwrap
import threading

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
        screen.routine_file.look()
        await settle(pilot)
        assert screen.engine.segment.name == "First hold"
        assert screen.engine.remaining() == pytest.approx(18)
        queue = screen.query_one(QueueView)
        assert [row.label for row in queue.rows][-1] == "Neck rolls"
        assert screen.query_one("#step-name").text == "First hold"


async def test_a_broken_edit_shows_the_problems_and_keeps_playing_then_clears(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(110, 32)) as pilot:
        await advance(pilot, app, 6)
        screen = player(app)
        clock_region = screen.query_one("#clock").region
        touch(path, ROUTINE.replace("duration: 30}", "duraton: 30}", 1))
        screen.routine_file.look()
        await settle(pilot)
        problems = screen.query_one("#problems")
        assert problems.display
        # A short banner: how many, where, what to do, and the first problem with its line.
        head, first = str(problems.render()).splitlines()
        assert head == f"1 problem  ·  press E to fix  ·  …/{path.name}"
        assert first.startswith("line 4: unknown key `duraton`")
        assert first.endswith("(still playing the last good version)")
        assert problems.region.height == 2 and problems.region.bottom == screen.query_one("#stage").region.bottom
        assert screen.query_one("#clock").region == clock_region, "the banner never pushes the clock"
        assert screen.engine.segment.name == "First hold" and screen.engine.state is State.RUNNING
        touch(path, ROUTINE)
        screen.routine_file.look()
        await settle(pilot)
        assert not problems.display


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (120, 36)])
async def test_the_banner_says_press_e_and_the_key_bar_shows_e_at_every_size(path, size):
    from limber.ui.widgets.key_bar import KeyBar

    app, clock, sound = make_app(path)
    async with app.run_test(size=size) as pilot:
        await advance(pilot, app, 6)
        screen = player(app)
        keys = screen.query_one(KeyBar)
        assert "E Fix" not in str(keys.render()), "no Fix key while the file reads"
        touch(path, ROUTINE.replace("duration: 30}", "duraton: 30}", 1))
        screen.routine_file.look()
        await settle(pilot)
        assert "press E to fix" in str(screen.query_one("#problems").render())
        assert "E Fix" in str(keys.render())
        await pilot.press("E")
        await settle(pilot)
        assert isinstance(app.screen, EditScreen), "the key the banner names opens the edit screen"
        app.screen.dismiss(False)
        await settle(pilot)
        touch(path, ROUTINE)
        screen.routine_file.look()
        await settle(pilot)
        assert "E Fix" not in str(keys.render()), "fixed: the key goes again"


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


async def test_a_save_that_fails_keeps_the_text_and_says_why_in_one_line(tmp_path):
    folder = tmp_path / "routines"
    folder.mkdir()
    path = routine_file(folder, ROUTINE, name="reload.yaml")
    app, clock, sound = make_app(path)
    async with app.run_test(size=(140, 32), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, EditScreen)
        area = screen.query_one("#yaml", TextArea)
        area.cursor_location = (0, 6)
        area.insert("My ")
        # The folder is gone and a plain file stands in its place: the write fails for real
        # (running as root, a read-only folder would not stop it).
        for child in folder.iterdir():
            child.unlink()
        folder.rmdir()
        folder.write_text("not a folder")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen, "the editor stays open"
        assert screen.text.startswith("name: My Reload test"), "the text is still there"
        assert screen.dirty
        status = str(screen.query_one("#edit-status").render())
        assert f"Could not save {path}: Not a directory" in status
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "\n" not in errors[0] and "Traceback" not in errors[0]
        assert "Your text is still here" in errors[0]
        # Once the folder is back, the same save goes through.
        folder.unlink()
        folder.mkdir()
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert path.read_text().startswith("name: My Reload test")
        assert not screen.dirty and "Could not save" not in str(screen.query_one("#edit-status").render())


async def test_a_full_disk_on_save_keeps_the_text(path, monkeypatch):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(140, 32), notifications=True) as pilot:
        await pilot.pause()
        await pilot.press("E")
        await settle(pilot)
        screen = app.screen
        screen.query_one("#yaml", TextArea).insert("# more\n")

        def full(*args, **kwargs):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))

        monkeypatch.setattr("limber.ui.screens.edit.write_atomically", full)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen and screen.dirty
        assert path.read_text() == ROUTINE
        assert f"Could not save {path}: No space left on device" in str(screen.query_one("#edit-status").render())


@pytest.fixture
def unwritable_config(monkeypatch, tmp_path):
    """A config folder that cannot be made: a plain file stands where it would be."""
    blocked = tmp_path / "config-is-a-file"
    blocked.write_text("")
    monkeypatch.setenv("LIMBER_CONFIG_DIR", str(blocked / "config"))
    return blocked


async def test_new_with_an_unwritable_folder_says_so(unwritable_config):
    app, clock, sound = make_app(None)
    async with app.run_test(size=(140, 32), notifications=True) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Evening", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen), "no editor for a file that could not be made"
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors and errors[-1].startswith("Could not write the new routine in ")
        assert "Not a directory" in errors[-1]


async def test_editing_a_bundled_routine_with_an_unwritable_folder_says_so(unwritable_config):
    app, clock, sound = make_app(None)
    async with app.run_test(size=(140, 32), notifications=True) as pilot:
        await settle(pilot)
        home = app.screen
        assert isinstance(home, HomeScreen)
        await pilot.press("E")  # the first row: a bundled routine, copied to the person's folder to edit
        await pilot.pause()
        assert app.screen is home
        errors = [n.message for n in app._notifications if n.severity == "error"]
        assert errors and errors[-1].startswith("Could not make your own copy of ")
        assert "Not a directory" in errors[-1]


async def test_a_slow_reading_never_overwrites_a_newer_one_nor_stops_the_clock(path, monkeypatch):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(110, 32)) as pilot:
        await pilot.pause()
        screen = player(app)
        release = threading.Event()
        real_load = library.load
        calls, finished = [], []

        def load(target):
            calls.append(target)
            if len(calls) == 1:  # the first reading is slow, and reads the older text
                release.wait(5)
                target = routine_file(path.parent, ROUTINE.replace("Reload test", "Older"), name="old.yaml")
            loaded = real_load(target)
            finished.append(target)
            return loaded

        monkeypatch.setattr(library, "load", load)
        touch(path, ROUTINE.replace("Reload test", "Newer"))
        screen.routine_file.reload()
        assert not finished, "reload() returned while the file is still being read"
        await advance(pilot, app, 2)
        assert screen.engine.remaining() == pytest.approx(3), "the countdown ran on meanwhile"
        screen.routine_file.reload()
        while len(calls) < 2:
            await pilot.pause(0.01)
        readings = [w for w in app.workers if w.group == "reading"]
        await app.workers.wait_for_complete([readings[-1]])
        await pilot.pause()
        assert screen.routine.name == "Newer"
        release.set()
        await settle(pilot)
        assert screen.routine.name == "Newer", "the slower, older reading came back last and was dropped"
