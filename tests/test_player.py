"""The player through Pilot: every key in every state, against the engine's fake clock."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from textual.widgets import Static

from limber.engine import Paused, Resumed, SegmentEnded, State
from limber.ui.screens.confirm import QuitConfirm
from limber.ui.screens.finish import FinishScreen, StepResults
from limber.ui.screens.help import KEY_NAMES, HelpScreen
from limber.ui.screens.home import HomeScreen
from limber.ui.widgets.big_clock import BigClock
from limber.ui.widgets.progress_line import ProgressLine
from limber.ui.widgets.queue import QueueView

from tests.player_helpers import advance, make_app, player, routine_file, settle


def help_rows(screen) -> list[tuple[str, str]]:
    """The help's table as drawn: (keys, what they do) a row."""
    keys = [str(cell.render()) for cell in screen.query(".key-table--keys")]
    words = [str(cell.render()) for cell in screen.query(".key-table--words")]
    return list(zip(keys, words))


def text(screen, selector: str) -> str:
    """What a widget of the stage says now (an empty line is hidden)."""
    widget = screen.query_one(selector)
    return str(widget.render()).strip() if widget.display else ""


@pytest.fixture
def path(tmp_path):
    return routine_file(tmp_path)


async def test_play_starts_at_once_with_get_ready_and_the_notice(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = player(app)
        assert screen.engine.state is State.RUNNING
        assert screen.query_one("#stage").has_class("-get-ready")
        assert text(screen, "#phase") == "GET READY"
        assert text(screen, "#notice") == "Stop if anything hurts."
        assert text(screen, "#step-name") == "Next: Hip stretch"
        assert text(screen, "#step-detail") == "right side"
        assert text(screen, "#notes-label") == "Next"
        assert text(screen, "#notes") == "Hinge forward from the hips."
        assert screen.query_one("#clock", BigClock).value == "5"


async def test_the_countdown_moves_with_the_clock_and_turns_red_in_the_last_seconds(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = player(app)
        await advance(pilot, app, 1.5)
        assert screen.query_one("#clock", BigClock).value == "4"
        assert not screen.query_one("#stage").has_class("-last-seconds")
        await advance(pilot, app, 1.0)
        assert screen.query_one("#stage").has_class("-last-seconds")
        bar = screen.query_one("#segment-progress", ProgressLine)
        assert bar.fraction == pytest.approx(0.5)
        await advance(pilot, app, 2.6)
        assert screen.query_one("#stage").has_class("-work") and not screen.query_one("#stage").has_class("-get-ready")
        assert text(screen, "#step-name") == "Hip stretch"
        assert text(screen, "#step-detail") == "right side"
        assert text(screen, "#notes") == "Hinge forward from the hips."
        assert text(screen, "#notes-label") == "", "a step's own instructions need no label"
        assert text(screen, "#then") == "then: switch to left side"
        assert text(screen, "#notice") == "", "the notice belongs to getting ready"


async def test_space_pauses_and_the_countdown_freezes_then_resumes(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = player(app)
        await advance(pilot, app, 1)
        await pilot.press("space")
        assert screen.engine.state is State.PAUSED
        assert screen.query_one("#stage").has_class("-paused")
        assert "PAUSED" in text(screen, "#phase")
        await advance(pilot, app, 60)
        assert screen.query_one("#clock", BigClock).value == "4"
        await pilot.press("space")
        assert screen.engine.state is State.RUNNING
        assert not screen.query_one("#stage").has_class("-paused")
        assert [type(e) for e in sound.events if isinstance(e, (Paused, Resumed))] == [Paused, Resumed]


@pytest.mark.parametrize("key", ["n", "right"])
async def test_skip_keys(path, key):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press(key)
        screen = player(app)
        assert screen.engine.index == 1
        assert text(screen, "#step-name") == "Hip stretch"
        queue = screen.query_one(QueueView)
        assert queue.current == 1
        ended = [e for e in sound.events if isinstance(e, SegmentEnded)]
        assert ended[0].outcome.value == "skipped"


@pytest.mark.parametrize("key", ["p", "left"])
async def test_back_keys_go_back_early_and_restart_later(path, key):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await advance(pilot, app, 1)
        await pilot.press(key)
        screen = player(app)
        assert screen.engine.index == 0
        await advance(pilot, app, 3)
        await pilot.press(key)
        assert screen.engine.index == 0 and screen.engine.remaining() == 5


async def test_r_restarts_the_segment(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await advance(pilot, app, 3)
        await pilot.press("r")
        assert player(app).engine.remaining() == 5
        assert player(app).query_one("#clock", BigClock).value == "5"


async def test_plus_and_minus_change_the_time(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("plus")
        assert player(app).engine.remaining() == 15
        assert player(app).query_one("#clock", BigClock).value == "15"
        await pilot.press("minus")
        assert player(app).engine.remaining() == 5


async def test_enter_finishes_an_untimed_step_and_is_hidden_on_timed_ones(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = player(app)
        assert screen.check_action("done", ()) is False
        await pilot.press("enter")
        assert screen.engine.index == 0
        for _ in range(5):
            await pilot.press("n")
        assert screen.engine.state is State.WAITING
        assert screen.query_one("#stage").has_class("-untimed")
        # The rep count is the big number; the time so far and Enter are said under it.
        assert screen.query_one("#clock", BigClock).value == "10"
        assert text(screen, "#prompt") == "Press Enter when done"
        assert not screen.query_one("#segment-progress").display
        assert screen.check_action("done", ()) is True
        assert screen.check_action("more_time", ()) is False
        await advance(pilot, app, 20)
        assert text(screen, "#caption") == "reps  ·  0:20 so far"
        await pilot.press("enter")
        assert screen.engine.index == 6


async def test_timed_rep_steps_count_their_reps(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = player(app)
        for _ in range(5):
            await pilot.press("n")
        await pilot.press("enter")
        await pilot.press("n")  # past the rest into Shrugs (4 reps of 5 s)
        assert text(screen, "#step-name") == "Shrugs"
        await advance(pilot, app, 11)
        assert screen.query_one("#clock", BigClock).value == "3"
        assert text(screen, "#caption") == "rep 3 of 4  ·  0:09 left"


async def test_rest_shows_what_comes_next(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        for _ in range(4):
            await pilot.press("n")
        screen = player(app)
        assert screen.query_one("#stage").has_class("-rest")
        assert text(screen, "#phase") == "REST"
        assert text(screen, "#step-name") == "Next: Push-ups x 10"
        assert text(screen, "#notes-label") == "Next"
        assert text(screen, "#notes") == "Chest to the floor."
        assert text(screen, "#then") == "", "between steps the Next line says it"


async def test_m_mutes_and_shows_it(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("m")
        assert sound.muted
        assert str(player(app).query_one("#topline").render()).rstrip().endswith("muted")
        await pilot.press("m")
        assert not sound.muted


async def test_question_mark_opens_help_and_escape_closes_it(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = help_rows(app.screen)
        words = dict((said, keys) for keys, said in rows)
        assert words["pause / resume"] == "space", "pause and resume share space, and one row"
        assert words["mute / unmute sound"] == "m"
        assert words["skip to the next segment"] == "n / →" and words["quit (asks first)"] == "q"
        assert [said for said in words if "in $EDITOR" in said] and [said for said in words if "inside limber" in said]
        # Every key is explained in words, never by the name of the code behind it.
        assert not [said for said in words if "_" in said]
        # Every key the player answers to is on exactly one row.
        shown = [key for keys, _ in rows for key in keys.split(" / ")]
        expected = {KEY_NAMES.get(key, key) for b in player(app).BINDINGS for key in b.key.split(",")}
        assert sorted(shown) == sorted(expected)
        await pilot.press("escape")
        assert app.screen is player(app)


@pytest.mark.parametrize("answer, quits", [("y", True), ("q", True), ("n", False), ("escape", False)])
async def test_q_asks_first(path, answer, quits):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("q")
        assert isinstance(app.screen, QuitConfirm)
        await pilot.press(answer)
        await pilot.pause()
        if quits:
            assert app.return_code == 0
            assert player(app).engine.state is State.FINISHED
        else:
            assert app.screen is player(app)
            assert player(app).engine.state is State.RUNNING
    if quits:
        assert app.return_value == 0


async def test_keys_while_paused_move_but_stay_paused(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        screen = player(app)
        await pilot.press("space", "n")
        assert screen.engine.state is State.PAUSED and screen.engine.index == 1
        await pilot.press("p")
        assert screen.engine.state is State.PAUSED and screen.engine.index == 0
        await pilot.press("plus")
        assert screen.engine.remaining() == 15
        await pilot.press("r")
        assert screen.engine.remaining() == 5 and screen.engine.state is State.PAUSED
        assert screen.query_one("#stage").has_class("-paused")


async def test_the_finish_screen_sums_up_and_plays_again_or_quits(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await advance(pilot, app, 5 + 30 + 5)  # get ready, right side, switch: done in time
        await pilot.press("n")  # skip the left side
        await pilot.press("n", "enter")  # rest skipped; push-ups done by hand
        await advance(pilot, app, 10 + 20)  # the rest, then shrugs to the end
        assert isinstance(app.screen, FinishScreen)
        finish = app.screen
        assert finish.query_one(StepResults).results == [
            ("Hip stretch", "partly done"), ("Push-ups", "done"), ("Shrugs", "done")]
        times = str(finish.query_one("#finish-times", Static).render())
        assert "2 of 3 steps done" in times and "active 1:10" in times
        await pilot.press("r")
        assert player(app).engine.index == 0 and player(app).engine.state is State.RUNNING
        for _ in range(7):
            await pilot.press("n")
        await pilot.press("enter")
        assert isinstance(app.screen, FinishScreen) or player(app).engine.state is not State.FINISHED
        await pilot.press("n", "n")
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0


async def test_small_terminal_keeps_the_countdown_and_hides_the_queue(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        screen = player(app)
        assert screen.has_class("-narrow") and screen.has_class("-short")
        assert not screen.query_one(QueueView).display
        clock_widget = screen.query_one("#clock", BigClock)
        assert clock_widget.display and clock_widget.size.height >= 3
        assert screen.query_one("#step-name").region.height == 1
        await pilot.resize_terminal(120, 36)
        await pilot.pause()
        assert not screen.has_class("-narrow")
        assert screen.query_one(QueueView).display


async def test_home_screen_lists_routines_and_enter_plays(tmp_path):
    app, clock, sound = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
        from textual.widgets import DataTable

        table = app.screen.query_one(DataTable)
        rows = [table.get_row_at(i) for i in range(table.row_count)]
        assert ["Desk back stretches", "8", "8:03", "bundled"] in [[str(c) for c in row] for row in rows]
        await pilot.press("enter")
        assert player(app).routine.name == "Desk back stretches"


async def test_a_5000_step_routine_opens_and_its_queue_follows(tmp_path):
    # 5,000 steps of 16 s each (two sides of 4 s, a 5 s switch, 3 s rest): 22 hours, under the day a routine may take.
    steps = "\n".join(f"  - {{name: Step {i}, duration: 4, sides: [left, right]}}" for i in range(5000))
    path = routine_file(tmp_path, f"name: Huge\ndefaults: {{rest: 3}}\nsteps:\n{steps}\n", name="huge.yaml")
    app, clock, sound = make_app(path)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        queue = player(app).queue if hasattr(player(app), "queue") else player(app).query_one(QueueView)
        assert len(queue.rows) == 1 + 5000 * 4 + 4999
        for _ in range(40):
            await pilot.press("n")
        await pilot.pause()
        assert queue.current == 40
        row = queue.row_of[40]
        assert queue.scroll_offset.y <= row < queue.scroll_offset.y + queue.size.height


async def test_elapsed_shows_whole_seconds_gone_and_left_rounds_up_so_they_add_up(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        overall = player(app).query_one("#overall")
        await advance(pilot, app, 0.4)
        assert overall.shown[:2] == ("0:00 elapsed", "1:50 left + 1 step at your pace")
        await advance(pilot, app, 0.6)
        assert overall.shown[:2] == ("0:01 elapsed", "1:49 left + 1 step at your pace")


# Each of these characters takes two cells: counted as one, a line would run off its end.
WIDE = "肩と首のストレッチ体操をゆっくり丁寧に行いましょう😀" * 3


@pytest.fixture
def wide_path(tmp_path):
    return routine_file(tmp_path, f"""
        name: {WIDE}
        steps:
          - {{name: {WIDE}, duration: 30, sides: [左, 右]}}
          - {{name: Short, duration: 20}}
    """, name="wide.yaml")


async def test_a_wide_routine_name_is_cut_in_cells_and_the_sound_state_keeps_its_place(wide_path):
    app, clock, sound = make_app(wide_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        topline = player(app).query_one("#topline")
        drawn = topline.render()
        assert drawn.cell_len == topline.content_size.width, "the line fills its width exactly"
        assert drawn.plain.endswith(" sound 80%")
        assert "…" in drawn.plain


async def test_queue_lines_with_wide_names_fit_and_their_times_line_up(wide_path):
    app, clock, sound = make_app(wide_path)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        queue = player(app).query_one(QueueView)
        queue_width = queue.scrollable_content_region.width
        times = []
        for y in range(len(queue.rows)):
            line = "".join(segment.text for segment in queue.render_line(y))
            assert cell_len(line) == queue_width, f"queue line {y} is {cell_len(line)} cells: {line!r}"
            times.append(line.rstrip().rsplit(" ", 1)[-1])
        assert "0:30" in times and "0:20" in times, "every time stays at the right end"
        ends = {cell_len(line.rstrip()) for line in
                ("".join(s.text for s in queue.render_line(y)) for y in range(len(queue.rows)))}
        assert ends == {queue_width - 1}, "the times line up in one column"


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (120, 36), (200, 60)])
async def test_the_big_number_fills_its_share_and_leaves_the_step_on_screen(path, size):
    app, clock, sound = make_app(path)
    async with app.run_test(size=size) as pilot:
        await advance(pilot, app, 5 + 12.3)  # the right side of Hip stretch: "18"
        screen = player(app)
        big = screen.query_one("#clock", BigClock)
        assert big.value == "18"
        rows = big.digit_rows()
        width, height = size
        if height >= 24:
            assert rows >= 0.3 * height, f"{rows} rows of {height}"
        else:
            assert rows >= 3, "block digits still, on the smallest screen"
        if size == (200, 60):
            assert rows >= 0.5 * height, "a large terminal gives the number most of the stage"
        visible = screen.query_one("#stage").region
        for selector in ("#phase", "#step-name", "#step-detail", "#then"):
            widget = screen.query_one(selector)
            assert widget.display and visible.contains_region(widget.region), f"{selector} is on screen at {size}"
        if height >= 18:
            notes = screen.query_one("#notes")
            assert notes.display and visible.contains_region(notes.region), f"the instructions are on screen at {size}"


async def test_the_notice_stays_on_the_get_ready_screen_at_every_size(path):
    app, clock, sound = make_app(path)
    async with app.run_test(size=(40, 12)) as pilot:
        await advance(pilot, app, 1)
        screen = player(app)
        for size in ((40, 12), (80, 24), (120, 36), (200, 60)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            notice = screen.query_one("#notice")
            assert notice.display and screen.query_one("#stage").region.contains_region(notice.region), size
            assert text(screen, "#notice") == "Stop if anything hurts."
            assert screen.query_one("#clock", BigClock).digit_rows() >= 3, size


async def test_a_notice_too_long_for_its_room_ends_in_an_ellipsis(tmp_path):
    from limber.library import find
    from limber.routine import load_routine

    notice = load_routine(find("desk-back-stretches")).notice  # a long one, as safety notices are
    path = routine_file(tmp_path, f"name: Long notice\nnotice: {notice!r}\nsteps:\n  - {{name: Hold, duration: 30}}\n")
    app, clock, sound = make_app(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, app, 1)
        screen = player(app)
        for size, cut in (((40, 12), True), ((80, 24), True), ((200, 60), False)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            box = screen.query_one("#notice")
            shown = str(box.render()).splitlines()
            assert len(shown) <= box.content_size.height, size
            if cut:
                assert shown[-1].endswith("…"), f"a cut notice says so at {size}"
            else:
                assert " ".join(shown).split() == notice.split(), "whole where there is room"


LONG_WORDS = """
name: Long words
notice: Stop if anything hurts. Keep your back straight and breathe evenly; if you feel dizzy, sit down and rest.
defaults: {get_ready: 5}
steps:
  - name: Neck rolls
    duration: 30
    instructions: |
""" + "".join(f"      Line {n} of the instructions, long enough to wrap at eighty columns or so, surely.\n"
              for n in range(12))


@pytest.mark.parametrize("seconds", [1, 8])  # getting ready (with the notice), then the work
async def test_long_instructions_leave_the_number_its_share(tmp_path, seconds):
    app, clock, sound = make_app(routine_file(tmp_path, LONG_WORDS))
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, app, seconds)
        screen = player(app)
        assert screen.query_one("#clock", BigClock).digit_rows() >= 0.3 * 24
        notes = screen.query_one("#notes")
        assert notes.region.y < screen.query_one("#stage").region.bottom, "the instructions start on screen"


async def test_the_player_and_the_finish_screen_ask_the_app_by_message(path):
    from limber.ui.messages import SessionFinished

    app, clock, sound = make_app(path)
    seen = []
    async with app.run_test(size=(100, 30), message_hook=seen.append) as pilot:
        await pilot.pause()
        for _ in range(5):
            await pilot.press("n")
        await pilot.press("enter", "n", "n")  # to the end, skipping
        await pilot.pause()
        # The hook sees a message at each node it reaches (the screen, then the app): one message.
        finished = list({id(message): message for message in seen if isinstance(message, SessionFinished)}.values())
        assert len(finished) == 1 and finished[0].summary.completed and finished[0].plan is player(app).plan
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("r")
        await pilot.pause()
        assert any(isinstance(message, FinishScreen.PlayAgain) for message in seen)
        assert app.screen is player(app) and player(app).engine.index == 0


async def test_a_session_started_from_the_list_ends_back_at_the_list():
    """Quitting, or leaving the finish screen, returns to the routines when they were the start."""
    app, clock, sound = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("enter")  # the first routine
        await pilot.pause()
        assert app.player is not None
        await pilot.press("q")
        await pilot.pause()
        await pilot.press("y")
        for _ in range(3):  # the answer, the session's end, the way back
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.return_code is None  # still running, on the list
        await pilot.press("enter")
        await pilot.pause()
        screen = player(app)
        for _ in range(len(screen.plan.segments)):
            await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen) and app.return_code is None
