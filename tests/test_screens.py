"""The home screen's details and banner, the edit screen's marks, the finish and history screens, by Pilot."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Static

from limber import library
from limber.engine import Command
from limber.history.store import Store
from limber.routine import Problem, RoutineError
from limber.ui.screens.edit import EditScreen, RoutineText
from limber.ui.screens.finish import FinishScreen, StepResults, join_fitting
from limber.ui.screens.history import HistoryScreen, MinutesChart, SessionList, bars, session_lines
from limber.ui.screens.home import HomeScreen, RoutineRow, banner_text, history_words, when_words

from tests.player_helpers import advance, player, routine_file, settle
from tests.screen_helpers import BROKEN, NOW, SHORT, make_app, own_routine, seed_history, write_config


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


# -- the finish screen --------------------------------------------------------------------------
async def play_to_the_end(pilot, app, skips: int = 0) -> FinishScreen:
    """Play the short routine through, skipping the first `skips` steps, and wait for the history's numbers."""
    await pilot.pause()
    await advance(pilot, app, 2)  # get ready
    for _ in range(skips):
        await pilot.press("n")
    await advance(pilot, app, player(app).plan.total_seconds)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert isinstance(app.screen, FinishScreen)
    return app.screen


async def test_a_finished_session_says_so_and_adds_to_today_the_streak_and_the_week(tmp_path):
    seed_history({2: 10, 1: 12})  # Monday and Tuesday
    app, clock = make_app(routine_file(tmp_path, SHORT))
    async with app.run_test(size=(80, 24)) as pilot:
        finish = await play_to_the_end(pilot, app)
        assert text_of(finish, "#finish-title") == "Finished"
        assert text_of(finish, "#finish-times") == "3 of 3 steps done · active 1:27"
        history = finish.query_one("#finish-history", Static)
        assert history.display
        shown = str(history.render())
        # This session: 80 s of work and the switch, on the third day running.
        assert "Today 1 min" in shown and "3-day streak" in shown
        assert "This week 23 of 60 min" in shown


async def test_skipped_steps_are_finished_with_skips_never_well_done(tmp_path):
    app, clock = make_app(routine_file(tmp_path, SHORT))
    async with app.run_test(size=(80, 24)) as pilot:
        finish = await play_to_the_end(pilot, app, skips=1)
        assert text_of(finish, "#finish-title") == "Finished with skips"
        assert "2 of 3 steps done · 1 skipped" in text_of(finish, "#finish-times")
        assert finish.query_one(StepResults).results[0] == ("Reach up", "skipped")


async def test_every_step_skipped_says_none_was_done(tmp_path):
    app, clock = make_app(routine_file(tmp_path, SHORT))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(8):
            await pilot.press("n")
        await app.workers.wait_for_complete()
        await pilot.pause()
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        assert text_of(finish, "#finish-title") == "Finished with skips"
        assert text_of(finish, "#finish-times").startswith("0 of 3 steps done · 3 skipped")
        assert "Well done" not in text_of(finish, "#finish-title")


async def test_a_session_stopped_early_says_so(tmp_path):
    app, clock = make_app(routine_file(tmp_path, SHORT))
    async with app.run_test(size=(80, 24)) as pilot:
        await advance(pilot, app, 2 + 20 + 4)  # the first step done, 4 s into the second
        screen = player(app)
        events = screen.engine.command(Command.QUIT)
        summary = events[-1].summary
        app.push_screen(FinishScreen(screen.plan, summary, app.history))  # as a quit would, were it to sum up
        await app.workers.wait_for_complete()
        await pilot.pause()
        finish = app.screen
        assert isinstance(finish, FinishScreen)
        assert text_of(finish, "#finish-title") == "Stopped early"
        assert finish.query_one("#finish-box").has_class("-stopped-early")
        assert [state for _, state in finish.query_one(StepResults).results] == ["done", "not reached", "not reached"]


async def test_the_finish_screen_works_without_a_history_when_it_is_off(tmp_path):
    write_config("history: false\n")
    app, clock = make_app(routine_file(tmp_path, SHORT))
    async with app.run_test(size=(80, 24)) as pilot:
        finish = await play_to_the_end(pilot, app)
        assert text_of(finish, "#finish-title") == "Finished"
        assert not finish.query_one("#finish-history").display
    assert Store.open(create=False) is None, "nothing was kept"


async def test_the_finish_screen_works_when_the_history_cannot_be_written(tmp_path, monkeypatch, own_folders):
    blocked = own_folders / "data-is-a-file"
    blocked.write_text("")
    monkeypatch.setenv("LIMBER_DATA_DIR", str(blocked / "data"))
    app, clock = make_app(routine_file(tmp_path, SHORT))
    async with app.run_test(size=(80, 24)) as pilot:
        finish = await play_to_the_end(pilot, app)
        assert text_of(finish, "#finish-title") == "Finished"
        assert not finish.query_one("#finish-history").display
        await pilot.press("r")
        assert player(app).engine.index == 0, "play again still works"


async def test_the_finish_screen_at_40x12_keeps_each_result_on_its_steps_line(tmp_path):
    long_names = SHORT.replace("Reach up", "Reach up high with both arms and hold it there")
    app, clock = make_app(routine_file(tmp_path, long_names))
    async with app.run_test(size=(40, 12)) as pilot:
        finish = await play_to_the_end(pilot, app)
        results = finish.query_one(StepResults)
        assert results.size.height == 3 and results.size.width <= 38
        first = results.render_line(0).text
        assert first.rstrip().endswith("done") and "…" in first
        box = finish.query_one("#finish-box").region
        assert box.x >= 0 and box.right <= 40


def test_join_fitting_starts_a_line_where_the_next_part_would_not_fit():
    assert join_fitting(["2 of 3 steps done", "1 skipped", "active 1:10"], 40) == \
        "2 of 3 steps done · 1 skipped\nactive 1:10"
    assert join_fitting(["a", "b"], 80) == "a · b"


# -- the history view ---------------------------------------------------------------------------
async def test_h_opens_the_history_view_with_the_calendar_chart_and_sessions(tmp_path):
    seed_history({9: 8, 2: 10, 1: 12})
    seed_history({0: 3}, routine="Desk back stretches", outcome="stopped early")
    app, clock = make_app(None)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        view = app.screen
        assert isinstance(view, HistoryScreen)
        numbers = text_of(view, "#history-numbers")
        assert "3-day streak (longest 3)" in numbers and "today 3 min" in numbers
        assert "this week 25 of 60 min" in numbers and "4 sessions" in numbers
        calendar = text_of(view, "#history-calendar").splitlines()
        assert calendar[0].strip().startswith("Dec") or "Jan" in calendar[0]
        wednesday = calendar[3]
        assert wednesday.startswith("Wed") and wednesday.rstrip()[-1] != "·", "today has minutes"
        chart = view.query_one(MinutesChart)
        days = dict(chart.days(10))
        assert days[NOW.date()] == 3 and days[NOW.date().replace(day=17)] == 12
        lines = session_lines(view.query_one(SessionList).sessions, 100)
        assert lines[0].startswith("2026-03-18 08:00 Desk back stretches") and lines[0].endswith("stopped early")
        assert len(lines) == 4
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_command_palette_opens_the_history(tmp_path):
    seed_history({1: 5})
    app, clock = make_app(None)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"History")
        await pilot.pause(0.3)  # the palette searches on a timer of its own
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert "1 session" in text_of(app.screen, "#history-numbers")


async def test_the_history_view_says_when_there_is_nothing_or_it_is_off():
    app, clock = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()
        assert text_of(app.screen, "#history-note").startswith("No sessions yet.")
        await pilot.press("escape")
        write_config("history: false\n")
        await pilot.press("h")
        await pilot.pause()
        assert "The history is off" in text_of(app.screen, "#history-note")


def test_bars_scale_to_the_tallest_and_show_a_sliver_for_little():
    assert bars([0, 4, 8], 2) == ["  █", " ██"]
    assert bars([0, 0.01, 8], 1) == [" ▁█"]
    assert bars([], 3) == ["", "", ""]


def test_session_lines_keep_the_time_and_outcome_at_narrow_widths():
    from datetime import datetime

    from limber.history.records import Session

    session = Session(1, "A very long routine name that goes on and on", None, None, datetime(2026, 3, 18, 8, 0),
                      None, "finished with skips", 605, 0)
    narrow = session_lines([session], 38)[0]
    assert len(narrow) <= 38 and narrow.startswith("03-18 08:00 A very") and narrow.endswith("10:05  skips")
    wide = session_lines([session], 100)[0]
    assert wide.endswith("10:05  finished with skips")


# -- the home screen ------------------------------------------------------------------------------
async def select_last(pilot) -> None:
    table = pilot.app.screen.query_one(DataTable)
    await pilot.press(*["down"] * (table.row_count - 1 - table.cursor_row))
    await pilot.pause()


def rows_of(table: DataTable) -> list[list[str]]:
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_the_detail_pane_describes_the_selected_routine_and_when_it_was_last_done(tmp_path):
    path = own_routine(SHORT, "short.yaml")
    seed_history({1: 2}, path=str(path))
    app, clock = make_app(None)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        home = app.screen
        table = home.query_one(DataTable)
        assert rows_of(table)[-1] == ["Three short ones", "3", "1:27", "yours"]
        await select_last(pilot)
        assert text_of(home, "#detail-name") == "Three short ones"
        meta = text_of(home, "#detail-meta")
        assert "3 steps · 1:27" in meta and "Last done yesterday 08:00" in meta
        assert "For shoulders, hamstrings, lower back, spine" in meta
        assert text_of(home, "#detail-description") == "Three steps of twenty seconds, for the finish screen."
        assert text_of(home, "#detail-notice") == "Stop if anything hurts."
        assert text_of(home, "#detail-plan").splitlines() == [
            " 0:20  Reach up", " 0:20  Fold forward", " 0:45  Twist · 2 sides"]
        # The same time as the player's queue gives the step (its sides and the switch between).
        from limber.library import load
        from limber.ui.widgets.queue import build_rows

        rows, _ = build_rows(load(path)[1])
        assert next(row.seconds for row in rows if row.label == "Twist") == 45
        await pilot.press("up", "up")
        await pilot.pause()
        assert text_of(home, "#detail-name") == "Desk back stretches"
        assert "Not done yet" in text_of(home, "#detail-meta")
        assert text_of(home, "#detail-path").startswith("Bundled with limber")
        detail, listing = home.query_one("#home-detail-box").region, table.region
        assert detail.x >= listing.right, "beside the list"


def test_a_start_that_was_not_finished_is_said_in_the_detail_pane():
    now = NOW
    row = RoutineRow(Path("a.yaml"), "A")
    assert history_words(row, now) == "Not done yet"
    stopped = now - timedelta(days=2)
    assert history_words(replace(row, last_played=stopped), now) == "Started 2 days ago, not finished"
    done = now - timedelta(days=5)
    assert history_words(replace(row, last_done=done, last_played=stopped), now) == (
        "Last done 5 days ago; started 2 days ago, not finished")
    assert history_words(replace(row, last_done=stopped, last_played=stopped), now) == "Last done 2 days ago"


async def test_the_detail_pane_says_a_routine_stopped_early_was_started(tmp_path):
    path = own_routine(SHORT, "short.yaml")
    seed_history({1: 2}, path=str(path), outcome="stopped early")
    app, clock = make_app(None)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await select_last(pilot)
        meta = text_of(app.screen, "#detail-meta")
        assert "Started yesterday 08:00, not finished" in meta and "Not done yet" not in meta


@pytest.mark.parametrize("size", [(80, 24), (40, 12)])
async def test_the_list_fits_without_a_sideways_scrollbar(size):
    app, clock = make_app(None)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        table = app.screen.query_one(DataTable)
        titles = [str(column.label) for column in table.columns.values()]
        assert titles[1:3] == ["Steps", "Time"]
        assert table.virtual_size.width <= table.size.width, "no horizontal scrollbar"
        assert ("Where" in titles) == (size[0] >= 80)
        if size == (40, 12):
            detail = app.screen.query_one("#home-detail-box").region
            assert detail.y >= table.region.bottom, "the details drop below the list"
        from limber.ui.widgets.key_bar import KeyBar

        keys = str(app.screen.query_one(KeyBar).render())
        assert "Play" in keys and "E Edit here" in keys and "q Quit" in keys, "the banner's E is always on the bar"


async def test_the_banner_names_the_first_problem_and_clears_on_a_valid_row():
    own_routine(BROKEN, "broken.yaml")
    app, clock = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        banner = home.query_one("#home-problem", Static)
        assert not banner.display
        await select_last(pilot)
        assert banner.display
        lines = str(banner.render()).splitlines()
        assert lines[0].startswith("2 problems in ") and lines[0].endswith("broken.yaml · press E to fix")
        assert lines[1] == "line 5: unknown key `duraton` in an exercise step; did you mean `duration`?"
        width = banner.content_size.width
        assert len(lines[0]) <= width, "the path gives way so the first line fits"
        assert all(len(word) <= width for line in lines for word in line.split()), "no word cut by wrapping"
        assert banner.content_size.height <= 3, "the whole banner is on screen"
        await pilot.press("up")
        await pilot.pause()
        assert not banner.display


async def test_play_is_dimmed_on_a_broken_routine_and_enter_there_says_what_to_do():
    from limber.ui.widgets.key_bar import KeyBar

    own_routine(BROKEN, "broken.yaml")
    app, clock = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        home = app.screen
        bar = home.query_one(KeyBar)

        def play_hint():
            return next(hint for _start, _end, hint in bar._spans if hint.description == "Play")

        bar.render()
        assert play_hint().enabled
        await select_last(pilot)
        await settle(pilot)
        bar.render()
        assert not play_hint().enabled, "Play is dimmed on a routine that cannot be played"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is home, "nothing is played"
        said = [n.message for n in app._notifications]
        assert any("broken.yaml cannot be played: 2 problems. Press E to fix" in m for m in said), said
        await pilot.press("up")
        await settle(pilot)
        bar.render()
        assert play_hint().enabled


async def test_a_routine_that_fails_on_enter_shows_the_banner(monkeypatch):
    app, clock = make_app(None)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        def refused(path):
            raise RoutineError([Problem(str(path), 3, 5, "changed since the list was read")])

        monkeypatch.setattr(library, "load_kept", refused)
        await pilot.press("enter")
        await pilot.pause()
        banner = app.screen.query_one("#home-problem", Static)
        assert isinstance(app.screen, HomeScreen) and banner.display
        assert "line 3: changed since the list was read" in str(banner.render())


def test_the_banner_cuts_a_long_path_at_its_start_to_keep_to_its_width(monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path))
    deep = tmp_path / ("a-long-folder-name/" * 6) / "broken.yaml"
    row = RoutineRow(deep, "broken", problems=(Problem(str(deep), 4, 3, "unknown key `x`"),))
    for width in (35, 73):
        lines = banner_text(row, width).splitlines()
        assert all(len(line) <= width for line in lines)
        assert lines[0].startswith("1 problem in ") and "broken.yaml" in lines[0]
    assert banner_text(row, 73).splitlines()[0].endswith("press E to fix")
    assert banner_text(row, 35).splitlines()[-1] == "press E to fix"
    assert banner_text(RoutineRow(tmp_path / "x.yaml", "x", problems=(Problem(str(tmp_path / "x.yaml"), 1, 1,
                                                                                "bad"),)), 73).startswith(
        "1 problem in ~/x.yaml")


def test_when_words():
    assert when_words(NOW.replace(hour=7, minute=5), NOW) == "today 07:05"
    assert when_words(NOW.replace(day=17, hour=8), NOW) == "yesterday 08:00"
    assert when_words(NOW.replace(day=13), NOW) == "5 days ago"
    assert when_words(NOW.replace(month=1, day=2), NOW) == "2026-01-02"


# -- the edit screen --------------------------------------------------------------------------------
async def open_broken_in_editor(pilot, app) -> EditScreen:
    await settle(pilot)
    await select_last(pilot)
    await pilot.press("E")
    await settle(pilot)
    editor = app.screen
    assert isinstance(editor, EditScreen)
    return editor


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (40, 12)])
async def test_a_problem_far_down_the_file_is_in_sight_when_the_editor_opens(size):
    steps = "".join(f"  - {{name: Hold {n}, duration: 10}}\n" for n in range(30))
    own_routine("name: Long one\nsteps:\n" + steps + "  - {name: Last, duraton: 10}\n", "long.yaml")
    app, clock = make_app(None)
    async with app.run_test(size=size) as pilot:
        editor = await open_broken_in_editor(pilot, app)
        area = editor.query_one(RoutineText)
        assert area.cursor_location[0] == 32
        marked = [area.render_line(y).text for y in range(area.size.height)]
        assert any(line.lstrip().startswith("33●") for line in marked), "the problem's line is on screen"


@pytest.mark.parametrize("size", [(120, 36), (80, 24), (40, 12)])
async def test_the_editor_marks_bad_lines_and_starts_on_the_first_problem(size):
    own_routine(BROKEN, "broken.yaml")
    app, clock = make_app(None)
    async with app.run_test(size=size) as pilot:
        editor = await open_broken_in_editor(pilot, app)
        area = editor.query_one(RoutineText)
        assert area.bad_lines == {4, 6}
        assert area.cursor_location == (4, 4)
        marked = [area.render_line(y).text for y in range(area.size.height)]
        assert any(line.lstrip().startswith("5●") for line in marked), "the first problem's line is marked"
        assert not any(line.lstrip().startswith("4●") for line in marked)
        # The text comes first: wide enough to read, and at least five lines of it.
        assert area.size.width >= size[0] - 4 and area.size.height >= 5 or size[0] >= 100
        assert area.size.width >= 60 or size[0] < 80
        assert editor.query_one(OptionList).option_count == 2
        if size[0] < 100:
            assert not editor.query_one("#preview-box").display or editor.problems
        # Fixing the line takes its mark away; the cursor stays where the typing is.
        area.cursor_location = (4, 9)  # "durat|on"
        area.insert("i")
        area.cursor_location = (4, 10)
        editor.check_now()
        await settle(pilot)
        assert area.bad_lines == {6}
        assert area.cursor_location == (4, 10)


def test_the_calendar_names_a_month_at_its_next_week_when_its_first_has_no_room():
    from limber.history.stats import draw_calendar

    months = draw_calendar({}, NOW.date(), 60)[0].split()
    assert months == ["Dec", "Jan", "Feb", "Mar"]  # Jan's first week sits right after Dec's name
