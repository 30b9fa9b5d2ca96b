"""The remind screen with fake clocks: due, snooze, skip, pause, a break played and the way back."""

from __future__ import annotations

from datetime import datetime

import pytest

from limber.history.store import Store, history_path
from limber.remind.settings import RemindSettings
from limber.remind.state import read_state, state_path, status
from limber.ui.remind_app import RemindApp
from limber.ui.screens.finish import FinishScreen
from limber.ui.screens.player import PlayerScreen
from limber.ui.screens.remind import RemindScreen
from tests.conftest import FakeClock
from tests.player_helpers import RecordingSound

SHORT = """
name: Short break
defaults: {get_ready: 2}
steps:
  - name: Neck rolls
    duration: 5
"""
MIN = 60.0


@pytest.fixture
def short(tmp_path):
    path = tmp_path / "short.yaml"
    path.write_text(SHORT.lstrip())
    return path


def make(short, **settings) -> RemindApp:
    wall = FakeClock(datetime(2026, 5, 4, 10, 0).timestamp())
    mono = FakeClock(5000.0)
    settings = RemindSettings(**{"every": 50 * MIN, "routines": (str(short),), **settings})
    return RemindApp(settings, wall=wall, clock=mono, sound=RecordingSound(), state_file=state_path())


async def wait(pilot, app: RemindApp, seconds: float) -> None:
    """Time passes on both clocks, and the app looks, as its timer would."""
    await pilot.pause()
    app.wall.advance(seconds)
    app.clock.advance(seconds)
    app.tick()
    player = app.player
    if player is not None and player.is_attached:
        player.wake()
    await pilot.pause()


def text(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_counts_down_rings_when_due_and_snoozes(short):
    app = make(short, snooze=4 * MIN)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text(app, "#remind-headline") == "Next break in 50 min"
        assert "short.yaml" in text(app, "#remind-routine")
        await wait(pilot, app, 49 * MIN)
        assert text(app, "#remind-headline") == "Next break in 1:00"
        assert app.rings == 0
        await wait(pilot, app, MIN)
        assert text(app, "#remind-headline") == "Break due: time to stretch"
        assert app.screen.has_class("-due") and app.rings == 1
        await pilot.press("z")
        await pilot.pause()
        assert text(app, "#remind-headline") == "Snoozed: break in 4 min"
        assert text(app, "#remind-summary") == "Today: 0 taken · 1 snoozed · 0 skipped"
        assert "snoozed" in text(app, "#remind-today")
        await wait(pilot, app, 4 * MIN)
        assert app.rings == 2


async def test_skip_counts_the_next_break_from_now(short):
    app = make(short)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot, app, 50 * MIN)
        await pilot.press("x")
        await pilot.pause()
        assert text(app, "#remind-headline") == "Next break in 50 min"
        assert text(app, "#remind-summary") == "Today: 0 taken · 0 snoozed · 1 skipped"


async def test_strict_offers_no_snooze_or_skip(short):
    app = make(short, strict=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot, app, 50 * MIN)
        await pilot.press("z", "x")
        await pilot.pause()
        assert text(app, "#remind-headline") == "Break due: time to stretch"
        assert app.screen.check_action("snooze", ()) is None and app.screen.check_action("skip", ()) is None


async def test_start_plays_the_routine_and_its_end_brings_the_reminder_back(short):
    app = make(short)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot, app, 50 * MIN)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        await wait(pilot, app, 3)
        await wait(pilot, app, 6)  # the routine ends
        assert isinstance(app.screen, FinishScreen)
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, RemindScreen) and app.is_running
        assert text(app, "#remind-headline") == "Next break in 50 min"
        assert text(app, "#remind-summary") == "Today: 1 taken · 0 snoozed · 0 skipped"


async def test_quitting_the_routine_early_also_comes_back(short):
    app = make(short)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot, app, 10 * MIN)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen)
        assert status(read_state(state_path(), app.wall()), app.wall())["text"] == "stretching"
        await pilot.press("q", "y")
        await pilot.pause()
        assert isinstance(app.screen, RemindScreen) and app.is_running
        assert text(app, "#remind-headline") == "Next break in 50 min"


async def test_pause_for_an_hour_and_resume(short):
    app = make(short)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p", "h")
        await pilot.pause()
        assert text(app, "#remind-headline") == "Reminders paused until 11:00"
        assert status(read_state(state_path(), app.wall()), app.wall())["text"] == "reminders paused until 11:00"
        await pilot.press("p")
        await pilot.pause()
        assert text(app, "#remind-headline") == "Next break in 50 min"
        await pilot.press("p", "escape")
        await pilot.pause()
        assert text(app, "#remind-headline") == "Next break in 50 min"


async def test_the_state_file_follows_the_screen_and_goes_when_it_quits(short):
    app = make(short)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert status(read_state(state_path(), app.wall()), app.wall())["text"] == "stretch in 50m"
        await wait(pilot, app, 50 * MIN)
        assert status(read_state(state_path(), app.wall()), app.wall())["text"] == "stretch due"
        await pilot.press("q")
        await pilot.pause()
    assert not state_path().exists()
    assert app.return_code == 0


async def test_breaks_go_into_the_history(short):
    app = make(short)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot, app, 50 * MIN)
        await pilot.press("z")
        await wait(pilot, app, 5 * MIN)
        await pilot.press("x")
        await pilot.pause()
        assert app.history.flush()
    store = Store.open(history_path())
    assert store.reminder_counts() == {"offered": 1, "snoozed": 1, "skipped": 1}
    store.close()


async def test_a_routine_that_is_gone_is_reported_and_the_reminder_goes_on(short):
    app = make(short)
    short.unlink()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, RemindScreen)
        assert text(app, "#remind-headline") == "Next break in 50 min"


class CueSound(RecordingSound):
    """A sound that can play a cue on request, as the real cue player can."""

    def __init__(self):
        super().__init__()
        self.cues = []

    def play_cue(self, cue) -> None:
        self.cues.append(cue)


@pytest.mark.parametrize("sound, cues, bells", [(CueSound, 1, 0), (RecordingSound, 0, 1)])
async def test_a_due_break_rings_the_cue_where_there_is_sound_else_the_bell(short, sound, cues, bells):
    app = make(short)
    app.sound = sound()
    rang = []
    app.bell = lambda: rang.append(1)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot, app, 50 * MIN)
        assert [cue.tone for cue in getattr(app.sound, "cues", [])] == ["go"] * cues and len(rang) == bells
        app.sound.muted = True  # muted: no sound at all; the screen still says the break is due
        await pilot.press("z")
        await wait(pilot, app, 5 * MIN)
        assert len(getattr(app.sound, "cues", [])) == cues and len(rang) == bells
        assert app.rings == 2 and text(app, "#remind-headline") == "Break due: time to stretch"


@pytest.mark.parametrize("attached", [True, False])
async def test_inside_tmux_a_due_break_opens_in_a_popup_only_when_a_client_shows_it(short, monkeypatch, attached):
    from limber.remind import popup

    opened = []
    monkeypatch.setattr(popup, "client_attached", lambda env=None: attached)
    monkeypatch.setattr(popup, "open_popup", lambda argv, env=None: opened.append(argv) or True)
    app = make(short)
    app.use_popup = True
    async with app.run_test(size=(80, 24)) as pilot:
        await wait(pilot, app, 50 * MIN)
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, RemindScreen)
        if attached:
            assert len(opened) == 1 and opened[0][:2] == ["tmux", "display-popup"] and str(short) in opened[0][-1]
            assert text(app, "#remind-headline") == "Next break in 50 min"  # the popup closed: next one counted
            assert text(app, "#remind-summary") == "Today: 1 taken · 0 snoozed · 0 skipped"
        else:
            assert opened == [] and text(app, "#remind-headline") == "Break due: time to stretch"
        await pilot.press("s")  # the key plays here, where the person is looking
        await pilot.pause()
        assert isinstance(app.screen, PlayerScreen) and len(opened) == int(attached)
