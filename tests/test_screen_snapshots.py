"""Snapshots of the home, edit, finish and history screens at 40x12, 80x24 and 120x36.

Time comes from the fake clock, the wall clock is fixed (tests/screen_helpers.py NOW), and the
home folder is the test's own, so paths read `~/config/...` on every machine."""

from __future__ import annotations

import pytest

from limber.engine import Command
from limber.ui.screens.edit import RoutineText

from tests.player_helpers import advance, player, routine_file, settle
from tests.screen_helpers import BROKEN, SHORT, make_app, own_routine, seed_history, write_config

SIZES = [(40, 12), (80, 24), (120, 36)]
ids = [f"{w}x{h}" for w, h in SIZES]


@pytest.fixture(autouse=True)
def home_is_the_tests_own(own_folders, monkeypatch):
    monkeypatch.setenv("HOME", str(own_folders))


async def wait_for_everything(pilot) -> None:
    await settle(pilot)
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_home_with_details(snap_compare, size):
    path = own_routine(SHORT, "short.yaml")
    seed_history({1: 2}, path=str(path))
    app, clock = make_app(None)

    async def before(pilot):
        await settle(pilot)
        await pilot.press("down", "down")
        await wait_for_everything(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_home_problem_banner(snap_compare, size):
    own_routine(BROKEN, "broken.yaml")
    app, clock = make_app(None)

    async def before(pilot):
        await settle(pilot)
        await pilot.press("down", "down")
        await wait_for_everything(pilot)

    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_edit_marks_problems(snap_compare, size):
    own_routine(BROKEN, "broken.yaml")
    app, clock = make_app(None)

    async def before(pilot):
        await settle(pilot)
        await pilot.press("down", "down", "E")
        await wait_for_everything(pilot)
        pilot.app.screen.query_one(RoutineText).cursor_blink = False
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)


def finish_app(tmp_path, skips: int = 0, stop: bool = False):
    seed_history({2: 10, 1: 12})
    app, clock = make_app(routine_file(tmp_path, SHORT))

    async def before(pilot):
        await pilot.pause()
        await advance(pilot, app, 2)
        for _ in range(skips):
            await pilot.press("n")
        if stop:
            await advance(pilot, app, 20 + 4)
            screen = player(app)
            app.finish_session(screen, screen.engine.command(Command.QUIT)[-1].summary)
        else:
            await advance(pilot, app, player(app).plan.total_seconds)
        await wait_for_everything(pilot)

    return app, before


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_finish_finished(snap_compare, tmp_path, size):
    app, before = finish_app(tmp_path)
    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_finish_with_skips_and_no_history(snap_compare, tmp_path, size):
    write_config("history: false\n")
    app, before = finish_app(tmp_path, skips=1)
    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_finish_stopped_early(snap_compare, tmp_path, size):
    app, before = finish_app(tmp_path, stop=True)
    assert snap_compare(app, terminal_size=size, run_before=before)


@pytest.mark.parametrize("size", SIZES, ids=ids)
def test_history_view(snap_compare, size):
    # Most days of the last ten weeks, more some days than others; two other outcomes.
    seed_history({days: 4 + (days * 7) % 19 for days in range(1, 70) if days % 4})
    seed_history({0: 6}, routine="Desk back stretches", outcome="finished with skips")
    seed_history({3: 2}, routine="Upper back, quick", outcome="stopped early")
    app, clock = make_app(None)

    async def before(pilot):
        await settle(pilot)
        await pilot.press("h")
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=before)
