"""Text from a routine, a file name or an error never acts on the terminal and is never read as markup.

The routines here are built directly, past the validator: the screen must be safe by itself,
whatever reaches it (from the read cache, a reload, a file name).
"""

from __future__ import annotations

import pytest
from textual.widgets import DataTable

from limber import library
from limber.printable import unsafe_character
from limber.routine import Defaults, Exercise, Problem, RestStep, Routine, RoutineError, compile_plan
from limber.ui.app import LimberApp
from limber.ui.screens.edit import EditScreen, plan_preview
from limber.ui.screens.finish import FinishScreen
from limber.ui.screens.help import HelpScreen
from limber.ui.screens.home import HomeScreen

from tests.player_helpers import RecordingSound, make_app, routine_file, settle
from tests.conftest import FakeClock

# Leave the alternate screen, set the window title, write the clipboard (OSC 52), and a
# one-byte C1 CSI that wipes the screen on terminals that take 8-bit controls.
ESCAPES = "\x1b[?1049l\x1b]0;pwned\x07\x1b]52;c;cHduZWQ=\x07\x9b2J"
# Markup that would restyle, fail to parse, or become a clickable action.
MARKUP = "[b]x[/][@click=app.quit]"


def hostile(word: str) -> str:
    return f"{word}{MARKUP}{ESCAPES}"


def drawn(app: LimberApp) -> str:
    """The screen as it would go to the terminal, line by line, less the cursor moves between lines.
    Every line is checked: no control character may be in the text of any of them."""
    update = app.screen._compositor.render_full_update()
    lines = ["".join(segment.text for strip in line for segment in strip if not segment.control)
             for line in update.strips]
    for number, line in enumerate(lines):
        assert unsafe_character(line, newlines=False) is None, f"line {number} holds a control character: {line!r}"
    return "\n".join(lines)


@pytest.fixture
def routine(tmp_path) -> Routine:
    return Routine(
        name=hostile("Routine"),
        description=hostile("Description"),
        notice=hostile("Notice"),
        steps=(
            Exercise(name=hostile("Reach"), duration=30, sides=(hostile("left"), hostile("right")),
                     instructions=hostile("Slowly") + "\nthen breathe", targets=(hostile("back"),)),
            RestStep(seconds=10, name=hostile("Breather")),
            Exercise(name=hostile("Last"), reps=5),
        ),
        defaults=Defaults(get_ready=5, rest=0, switch_time=5),
        source=tmp_path / "hostile.yaml",
    )


def app_for(routine: Routine) -> LimberApp:
    return LimberApp(routine.source, clock=FakeClock(), sound=RecordingSound(),
                     loaded=(routine, compile_plan(routine)))


async def test_every_segment_of_a_hostile_routine_is_shown_literally(routine):
    app = app_for(routine)
    async with app.run_test(size=(160, 40)) as pilot:
        await pilot.pause()
        seen = []
        # Get ready, both sides with the switch between, the rest, the untimed last step.
        for _ in range(5):
            seen.append(drawn(app))
            await pilot.press("n")
        seen.append(drawn(app))
        screen = "\n".join(seen)
        for word in ("Routine", "Reach", "left", "right", "Breather", "Last", "Notice", "Slowly"):
            assert f"{word}{MARKUP}\\x1b[?1049l" in screen, f"{word} is not shown as written"
        assert "\\x9b2J" in screen and "\\x07" in screen
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert "[ / ]" in drawn(app), "the volume keys are shown, not read as markup"
        await pilot.press("escape")
        await pilot.press("enter")  # the untimed last step done: the end
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        assert f"Last{MARKUP}\\x1b" in drawn(app)
        assert app.return_code is None, "nothing in the text ended the app"


async def test_the_problems_panel_and_notices_show_hostile_text_literally(routine, monkeypatch):
    app = app_for(routine)
    async with app.run_test(size=(160, 40), notifications=True) as pilot:
        await pilot.pause()
        player = app.player

        def broken(path):
            raise RoutineError([Problem(hostile(path.name), 3, 5, hostile("unknown-key"))])

        monkeypatch.setattr(library, "load", broken)
        player.routine_file.reload()
        await settle(pilot)
        assert player.query_one("#problems").display
        app.notify(hostile("Heads-up"))
        player.notify(hostile("Another"), title=hostile("Title"))
        await pilot.pause()
        screen = drawn(app)
        assert f"unknown-key{MARKUP}\\x1b[?1049l" in screen
        assert f"Heads-up{MARKUP}\\x1b" in screen and f"Another{MARKUP}\\x1b" in screen
        assert f"Title{MARKUP}\\x1b" in screen
        assert app.return_code is None


async def test_the_home_screen_shows_hostile_file_names_literally():
    folder = library.user_routines_dir()
    folder.mkdir(parents=True)
    stem = "own[b]x[@click=app.quit]\x1b]0;pwned\x07\x9b2J"
    (folder / f"{stem}.yaml").write_text("name: Fine\nsteps:\n  - {name: A, duration: 5}\n")
    (folder / f"broken{stem}.yaml").write_text("name: Broken\nsteps: 5\n")
    app, clock, sound = make_app(None)
    async with app.run_test(size=(220, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        assert app.screen.query_one(DataTable).row_count >= 2
        screen = drawn(app)
        assert "brokenown[b]x[@click=app.quit]\\x1b]0;pwned\\x07\\x9b2J (invalid" in screen
        await pilot.press("down", "down", "down")  # the good one: its file shows in the details
        await pilot.pause()
        assert "own[b]x[@click=app.quit]\\x1b]0;pwned\\x07\\x9b2J.yaml" in drawn(app)

        def refused(path):
            raise RoutineError([Problem(hostile("where"), 1, 1, hostile("refused"))])

        app.play = refused  # the file changed between the listing and Enter
        await pilot.press("enter")
        await pilot.pause()
        assert f"refused{MARKUP}\\x1b[?1049l" in drawn(app)
        assert app.return_code is None


async def test_the_edit_screen_draws_no_control_character_and_no_markup(tmp_path, monkeypatch):
    path = tmp_path / "hostile[b]x[@click=app.quit]\x1b]0;pwned\x07.yaml"
    text = f'name: "{ESCAPES}"  # raw: {ESCAPES} {MARKUP}\nsteps:\n  - {{name: A, duration: 5}}\n'
    path.write_text(text)
    answers = iter([
        ([Problem(str(path), 1, 7, hostile("control-character"))], ""),
        ([], hostile("Preview")),
    ])
    monkeypatch.setattr("limber.ui.screens.edit.plan_preview", lambda *args: next(answers))
    app, clock, sound = make_app(routine_file(tmp_path))
    async with app.run_test(size=(240, 40)) as pilot:
        await pilot.pause()
        app.push_screen(EditScreen(path, text))
        await settle(pilot)
        screen = drawn(app)
        assert "Editing " in screen and "hostile[b]x[@click=app.quit]\\x1b]0;pwned\\x07.yaml" in screen
        assert f"control-character{MARKUP}\\x1b[?1049l" in screen
        assert "raw: [?1049l]0;pwned]52;c;cHduZWQ=2J" in screen, "the code editor leaves control characters out"
        app.screen.check_now()
        await settle(pilot)
        assert f"Preview{MARKUP}\\x1b[?1049l" in drawn(app)


def test_the_edit_preview_escapes_names(monkeypatch, routine):
    monkeypatch.setattr("limber.ui.screens.edit.parse_routine", lambda *args, **kwargs: routine)
    problems, preview = plan_preview("ignored", "hostile.yaml", routine.source.parent)
    assert problems == []
    assert unsafe_character(preview) is None
    assert f"Reach{MARKUP}\\x1b[?1049l" in preview
