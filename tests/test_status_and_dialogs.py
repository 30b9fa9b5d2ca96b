"""The player's bars and dialogs through Pilot: the words follow the state, time stands still
under a dialog, the queue shows the time a step has now. Time comes from the fake clock."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from limber.audio.player import CuePlayer
from limber.audio.setup import default_tones
from limber.engine import State
from limber.ui.app import LimberApp
from limber.ui.screens.confirm import QuitConfirm
from limber.ui.screens.help import HelpScreen
from limber.ui.widgets.key_bar import KeyBar
from limber.ui.widgets.queue import QueueView

from tests.conftest import FakeClock
from tests.player_helpers import advance, make_app, player, routine_file


@pytest.fixture
def path(tmp_path):
    return routine_file(tmp_path)


def bar_text(app) -> str:
    return player(app).query_one(KeyBar).render().plain


def queue_lines(app) -> list[str]:
    queue = player(app).query_one(QueueView)
    return ["".join(segment.text for segment in queue.render_line(y)) for y in range(len(queue.rows))]


def queue_row(app, label: str) -> str:
    """The first queue line whose label (after the mark and indent) is `label`."""
    for line in queue_lines(app):
        if line[1:].strip().startswith(label + " "):
            return line.rstrip()
    raise AssertionError(f"no queue row {label!r} in {queue_lines(app)}")


def overall_words(app) -> str:
    return player(app).query_one("#overall").render().plain


# -- time stands still under a dialog -------------------------------------------------------------
@pytest.mark.parametrize("key, dialog, close", [
    ("question_mark", HelpScreen, "escape"),
    ("q", QuitConfirm, "n"),
])
async def test_a_dialog_pauses_the_session_and_closing_it_resumes(path, key, dialog, close):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, app, 2)
        screen = player(app)
        before = screen.engine.remaining()
        await pilot.press(key)
        assert isinstance(app.screen, dialog)
        assert screen.engine.state is State.PAUSED
        assert screen.query_one("#stage").has_class("-paused"), "the screen behind says so"
        await advance(pilot, app, 3)  # three seconds with the dialog open
        assert screen.engine.remaining() == before
        await pilot.press(close)
        await pilot.pause()
        assert app.screen is screen
        assert screen.engine.state is State.RUNNING
        assert screen.engine.remaining() == before, "no time was lost under the dialog"
        await advance(pilot, app, 1)
        assert screen.engine.remaining() == before - 1, "and the countdown carries on"


@pytest.mark.parametrize("key, close", [("question_mark", "escape"), ("q", "n")])
async def test_a_session_paused_before_a_dialog_stays_paused_after_it(path, key, close):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, app, 2)
        screen = player(app)
        await pilot.press("space")
        before = screen.engine.remaining()
        await pilot.press(key)
        await advance(pilot, app, 3)
        await pilot.press(close)
        await pilot.pause()
        assert app.screen is screen
        assert screen.engine.state is State.PAUSED
        await advance(pilot, app, 3)
        assert screen.engine.remaining() == before
        assert "space Resume" in bar_text(app)


async def test_quitting_from_the_question_does_not_resume_first(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await advance(pilot, app, 2)
        screen = player(app)
        await pilot.press("q")
        await advance(pilot, app, 3)
        await pilot.press("y")
        await pilot.pause()
    summary = screen.engine.summary
    assert summary is not None and not summary.completed
    assert summary.active_seconds == 2, "the seconds under the question were not counted as spent"
    assert "Resumed" not in [type(event).__name__ for event in sound.events]


async def test_help_fits_a_small_terminal_and_scrolls_inside_its_box(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        box = app.screen.query_one("#help-box")
        assert box.region.height <= 12 and box.region.width <= 40
        assert app.screen.region.contains_region(box.region), "the whole box is on screen"
        assert box.max_scroll_y > 0, "the keys that do not fit are a scroll away"
        await pilot.press("end")
        await pilot.pause()
        last = app.screen.query(".key-table--words").last()
        assert box.region.contains_region(last.region), "scrolled to the end, the last key is in the box"
        # The explanations keep to their own column, wrapped lines included.
        columns = {cell.region.x for cell in app.screen.query(".key-table--words")}
        assert len(columns) == 1


async def test_dialogs_sit_in_the_middle(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        for key, close in (("question_mark", "escape"), ("q", "n")):
            await pilot.press(key)
            await pilot.pause()
            box = app.screen.query_one(".dialog-box").region
            left, right = box.x, 120 - box.right
            top, bottom = box.y, 36 - box.bottom
            assert abs(left - right) <= 1 and abs(top - bottom) <= 1, (key, box)
            await pilot.press(close)
            await pilot.pause()


# -- the key bar's words ---------------------------------------------------------------------------
async def test_the_key_bar_says_what_each_key_does_now(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(120, 30)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        assert "space Pause" in text and "Resume" not in text
        assert "m Mute" in text and "Unmute" not in text
        await pilot.press("space")
        text = bar_text(app)
        assert "space Resume" in text and "Pause" not in text
        await pilot.press("m")
        text = bar_text(app)
        assert sound.muted and "m Unmute" in text and "m Mute" not in text
        await pilot.press("space")  # space resumes, as the bar said
        assert player(app).engine.state is State.RUNNING
        await pilot.press("m")  # and m unmutes
        assert not sound.muted
        text = bar_text(app)
        assert "space Pause" in text and "m Mute" in text


async def test_the_key_bar_shows_every_key_when_there_is_room(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(200, 60)) as pilot:
        await pilot.pause()
        text = bar_text(app)
        for words in ("space Pause", "n/→ Skip", "p/← Back", "r Restart", "+/- 10s", "m Mute", "[/] Volume",
                      "e Edit", "? Help", "q Quit", "^p palette"):
            assert words in text, words
        assert text.index("p/← Back") < text.index("r Restart") < text.index("+/- 10s") < text.index("? Help")


@pytest.mark.parametrize("width, expected", [
    (40, ["space", "n/→", "?", "q"]),
    (60, ["space", "n/→", "p/←", "+/-", "?", "q"]),
])
async def test_a_narrow_key_bar_keeps_the_most_important_keys(path, width, expected):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.pause()
        bar = player(app).query_one(KeyBar)
        shown = [hint.shown for _start, _end, hint in bar._spans]
        assert shown == expected
        assert cell_len(bar.render().plain) <= width
        for _ in range(5):
            await pilot.press("n")  # the untimed step: Done matters more than skipping
        await pilot.pause()
        shown = [hint.shown for _start, _end, hint in bar._spans]
        assert shown[:2] == ["space", "⏎"] and shown[-2:] == ["?", "q"]


async def test_a_click_on_each_half_of_plus_minus_presses_that_key(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        screen = player(app)
        text = bar_text(app)
        plus = text.index("+/- 10s")
        await pilot.click(KeyBar, offset=(plus, 0))
        await pilot.pause()
        assert screen.engine.remaining() == 15
        await pilot.click(KeyBar, offset=(plus + 2, 0))  # the "-"
        await pilot.pause()
        assert screen.engine.remaining() == 5


# -- the top bar and the overall line ---------------------------------------------------------------
async def test_the_top_bar_says_bell_only_beside_no_sound_device(path):
    sound = CuePlayer(default_tones(), lambda: (None, "no sound device: cues ring the terminal bell"), volume=80)
    app = LimberApp(path, clock=FakeClock(), sound=sound)
    async with app.run_test(size=(200, 30)) as pilot:
        await pilot.pause()
        screen = player(app)
        assert sound.wait_idle()  # the search for a device is over
        await advance(pilot, app, 1)
        top = screen.query_one("#topline").render().plain
        assert top.rstrip().endswith("bell only") and "%" not in top
        notice = str(screen.query_one("#sound-notice").render())
        assert "no sound device" in notice
        # The bell has no volume: its keys are dimmed, and pressing one changes nothing.
        assert screen.check_action("volume", ()) is None
        bar = screen.query_one(KeyBar)
        volume = [hint for _start, _end, hint in bar._spans if hint.description == "Volume"]
        assert volume and not volume[0].enabled
        await pilot.press("right_square_bracket")
        assert sound.volume == 80


async def test_time_left_says_what_the_untimed_steps_add_and_stops_once_they_are_done(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert overall_words(app).rstrip().endswith("1:50 left + 1 step at your pace")
        for _ in range(5):
            await pilot.press("n")
        await advance(pilot, app, 4)
        assert overall_words(app).rstrip().endswith("0:30 left + 1 step at your pace"), "the step under way"
        await pilot.press("enter")
        await pilot.pause()
        words = overall_words(app).rstrip()
        assert words.endswith("0:30 left") and "+" not in words and "pace" not in words


async def test_a_narrow_overall_line_says_it_shorter(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        words = overall_words(app)
        assert words.startswith("0:00  ") and "elapsed" not in words
        assert words.rstrip().endswith("1:50 + 1 step left")
        assert words.count("━") >= 8 and cell_len(words) <= 40
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        words = overall_words(app)
        assert words.startswith("0:00 elapsed") and words.rstrip().endswith("1:50 left + 1 step at your pace")


# -- the queue ---------------------------------------------------------------------------------------
async def test_plus_and_minus_show_on_the_queue_row_and_its_steps_total(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n")  # Hip stretch, right side: 30 s of a 65 s step
        await pilot.press("plus", "plus")
        assert queue_row(app, "right").endswith("0:50")
        assert queue_row(app, "Hip stretch").endswith("1:25")
        await pilot.press("minus")
        assert queue_row(app, "right").endswith("0:40")
        assert queue_row(app, "Hip stretch").endswith("1:15")
        assert "1:55 left" in overall_words(app)  # 40 + 5 + 30 + 10 + 10 + 20, and the untimed step
        await pilot.press("n")  # on to the switch: the right side keeps the time it was given
        assert queue_row(app, "right").endswith("0:40")
        await pilot.press("p")  # back to the right side, started afresh
        await pilot.pause()
        assert player(app).engine.segment.side == "right"
        assert queue_row(app, "right").endswith("0:30")
        assert queue_row(app, "Hip stretch").endswith("1:05")


async def test_the_queue_marks_the_current_line_once_and_never_says_enter(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("n", "n")  # the switch inside Hip stretch
        lines = queue_lines(app)
        assert sum(line.count("▶") for line in lines) == 1
        assert queue_row(app, "switch → left").startswith("▶")
        assert not queue_row(app, "Hip stretch").startswith("▶")
        assert not [line for line in lines if "Enter" in line]
        assert queue_row(app, "Push-ups (10 reps)").endswith("—")


async def test_time_added_to_a_timed_rep_step_slows_its_reps(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(5):
            await pilot.press("n")
        await pilot.press("enter")
        await pilot.press("n")  # Shrugs: 4 reps of 5 s
        await pilot.press("plus", "plus")  # 40 s: 10 s a rep
        screen = player(app)
        assert queue_row(app, "Shrugs (4 reps)").endswith("0:40")
        await advance(pilot, app, 11)
        assert str(screen.query_one("#caption").render()).startswith("rep 2 of 4")  # at 5 s a rep it would be 3
        await advance(pilot, app, 20)
        assert str(screen.query_one("#caption").render()).startswith("rep 4 of 4")
