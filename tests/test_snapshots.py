"""Snapshots of the player at a fixed size, with time from the fake clock so every frame is the same."""

from __future__ import annotations

import pytest

from tests.player_helpers import advance, make_app, routine_file, settle


@pytest.fixture
def path(tmp_path):
    return routine_file(tmp_path)


def app_for(path):
    app, clock, sound = make_app(path)
    return app


async def _get_ready(pilot):
    await advance(pilot, pilot.app, 1.4)


async def _work(pilot):
    await advance(pilot, pilot.app, 5 + 12.3)


async def _work_reps(pilot):
    for _ in range(5):
        await pilot.press("n")
    await pilot.press("enter", "n")  # past the rest into Shrugs: 4 reps of 5 s
    await advance(pilot, pilot.app, 6)


async def _work_untimed(pilot):
    for _ in range(5):
        await pilot.press("n")
    await advance(pilot, pilot.app, 7)


async def _rest(pilot):
    for _ in range(4):
        await pilot.press("n")
    await advance(pilot, pilot.app, 2.5)


async def _switch(pilot):
    await pilot.press("n", "n")
    await advance(pilot, pilot.app, 1.2)


async def _paused(pilot):
    await advance(pilot, pilot.app, 5 + 9.5)
    await pilot.press("space")
    await advance(pilot, pilot.app, 30)


async def _last_seconds(pilot):
    await advance(pilot, pilot.app, 5 + 28.2)


async def _problems(pilot):
    await advance(pilot, pilot.app, 5 + 4.2)
    player = pilot.app.player
    player.path.write_text(player.path.read_text().replace("duration: 30", "duration: thirty"))
    player.routine_file.reload()
    await settle(pilot)


STAGES = {
    "get_ready": _get_ready,
    "work": _work,
    "work_reps": _work_reps,
    "work_untimed": _work_untimed,
    "rest": _rest,
    "switch": _switch,
    "paused": _paused,
    "last_seconds": _last_seconds,
    "problems": _problems,
}


@pytest.mark.parametrize("size", [(40, 12), (80, 24), (120, 36)], ids=lambda size: f"{size[0]}x{size[1]}")
@pytest.mark.parametrize("stage", list(STAGES))
def test_stage(snap_compare, path, stage, size, monkeypatch):
    monkeypatch.setenv("HOME", str(path.parent))  # the banner names the file from ~, the same in every run
    assert snap_compare(app_for(path), terminal_size=size, run_before=STAGES[stage])


def test_work_at_200x60(snap_compare, path):
    assert snap_compare(app_for(path), terminal_size=(200, 60), run_before=_work)


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


def test_quit_confirm(snap_compare, path):
    assert snap_compare(app_for(path), terminal_size=(80, 24), press=["q"])
