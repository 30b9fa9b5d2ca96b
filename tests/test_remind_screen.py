"""The remind screen with fake clocks: due, snooze, skip, pause, a break played and the way back."""

from __future__ import annotations

from datetime import datetime

import pytest

from limber.history.store import Store, history_path
from limber.remind.reach import Reach
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


def make(short, find_reach=None, **settings) -> RemindApp:
    wall = FakeClock(datetime(2026, 5, 4, 10, 0).timestamp())
    mono = FakeClock(5000.0)
    settings = RemindSettings(**{"every": 50 * MIN, "routines": (str(short),), **settings})
    return RemindApp(settings, wall=wall, clock=mono, sound=RecordingSound(), state_file=state_path(),
                     find_reach=find_reach)


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


# -- reaching past the terminal: notifications, do-not-disturb, idle -----------------------------
class FakeIdle:
    """An idle source on the app's monotonic clock: someone typing until `leave()`."""

    name = "idle for the test"

    def __init__(self, clock):
        self.clock = clock
        self.left_at: float | None = None

    def leave(self) -> None:
        self.left_at = self.clock()

    def back(self) -> None:
        self.left_at = None

    async def idle_seconds(self) -> float:
        return 0.0 if self.left_at is None else self.clock() - self.left_at


class FakeDnd:
    name = "do-not-disturb for the test"

    def __init__(self):
        self.inhibited = False

    async def on(self) -> bool:
        return self.inhibited


class FakeNotifier:
    """Records the notifications offered; `press` answers the latest as its button would."""

    def __init__(self):
        self.offers: list[tuple[str, dict]] = []
        self.withdrawn = 0

    async def offer_break(self, routine, on_start, on_snooze, on_skip) -> bool:
        self.offers.append((routine, {"Start": on_start, "Snooze": on_snooze, "Skip": on_skip}))
        return True

    async def withdraw(self) -> None:
        self.withdrawn += 1

    def take_notice(self) -> None:
        return None

    def buttons(self) -> list[str]:
        return [name for name, action in self.offers[-1][1].items() if action is not None]

    def press(self, button: str) -> None:
        self.offers[-1][1][button]()


class Desk:
    """What the reminder reaches: a notifier, an idle source and a do-not-disturb switch."""

    def __init__(self):
        self.notifier = FakeNotifier()
        self.dnd = FakeDnd()
        self.idle: FakeIdle | None = None

    async def find(self, app: RemindApp) -> Reach:
        from limber.remind.gate import Gate

        self.idle = FakeIdle(app.clock)
        gate = Gate(300, app.reminders.settings.hold_at_most, idle_source=self.idle, dnd_sources=[self.dnd],
                    clock=app.clock)
        return Reach(gate, self.notifier, on_start=app.start_break, on_snooze=app.snooze_break,
                     on_skip=app.skip_break, clock=app.clock)  # type: ignore[arg-type]


async def settle(pilot, app: RemindApp) -> None:
    """Let the looks through the reach finish, as they would between two ticks."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def reach_wait(pilot, app: RemindApp, seconds: float) -> None:
    await wait(pilot, app, seconds)
    await settle(pilot, app)


def status_text(app: RemindApp) -> str:
    return status(read_state(state_path(), app.wall()), app.wall())["text"]


async def test_a_due_break_is_offered_in_a_notification_and_start_plays_it(short):
    desk = Desk()
    app = make(short, find_reach=desk.find)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.reach is not None and desk.notifier.offers == []
        await reach_wait(pilot, app, 50 * MIN)
        assert desk.notifier.buttons() == ["Start", "Snooze", "Skip"] and desk.notifier.offers[0][0] == str(short)
        assert app.rings == 1
        await reach_wait(pilot, app, 30)
        assert len(desk.notifier.offers) == 1 and app.rings == 1  # offered once while it stays due
        desk.notifier.press("Start")
        await settle(pilot, app)
        assert isinstance(app.screen, PlayerScreen)
        assert [event.what for event in app.reminders.today] == ["taken"]


@pytest.mark.parametrize("button, headline, summary", [
    ("Snooze", "Snoozed: break in 5 min", "Today: 0 taken · 1 snoozed · 0 skipped"),
    ("Skip", "Next break in 50 min", "Today: 0 taken · 0 snoozed · 1 skipped"),
])
async def test_snooze_and_skip_from_the_notification_act_on_the_schedule(short, button, headline, summary):
    desk = Desk()
    app = make(short, find_reach=desk.find)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await reach_wait(pilot, app, 50 * MIN)
        desk.notifier.press(button)
        await settle(pilot, app)
        assert text(app, "#remind-headline") == headline and text(app, "#remind-summary") == summary
        assert desk.notifier.withdrawn >= 1  # the schedule answered: nothing due is left offered


async def test_strict_notifications_offer_start_alone(short):
    desk = Desk()
    app = make(short, find_reach=desk.find, strict=True)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await reach_wait(pilot, app, 50 * MIN)
        assert desk.notifier.buttons() == ["Start"]


async def test_do_not_disturb_holds_the_ring_and_the_status_says_held_then_offers_it(short):
    desk = Desk()
    app = make(short, find_reach=desk.find)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        desk.dnd.inhibited = True
        await reach_wait(pilot, app, 50 * MIN)
        assert app.rings == 0 and desk.notifier.offers == []
        assert text(app, "#remind-headline") == "Break due, held: do not disturb"
        assert status_text(app) == "held: do not disturb"
        await reach_wait(pilot, app, 30)
        assert app.rings == 0
        desk.dnd.inhibited = False
        await reach_wait(pilot, app, 30)
        assert app.rings == 1 and len(desk.notifier.offers) == 1
        assert text(app, "#remind-headline") == "Break due: time to stretch" and status_text(app) == "stretch due"


async def test_do_not_disturb_holds_a_break_no_longer_than_hold_at_most(short):
    desk = Desk()
    app = make(short, find_reach=desk.find, hold_at_most=10 * MIN)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        desk.dnd.inhibited = True
        await reach_wait(pilot, app, 50 * MIN)
        await reach_wait(pilot, app, 9 * MIN)
        assert app.rings == 0
        await reach_wait(pilot, app, MIN)
        assert app.rings == 1 and len(desk.notifier.offers) == 1


async def test_away_a_break_long_counts_as_the_break_and_the_next_counts_from_the_return(short):
    desk = Desk()
    app = make(short, find_reach=desk.find)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await reach_wait(pilot, app, 20 * MIN)
        assert desk.idle is not None
        desk.idle.leave()
        await reach_wait(pilot, app, 3 * MIN)
        await reach_wait(pilot, app, 4 * MIN)
        assert text(app, "#remind-headline") == "Next break in 23 min"  # the clock alone still counts down
        desk.idle.back()
        await reach_wait(pilot, app, 5)  # the desk is looked at every few seconds while empty
        assert text(app, "#remind-headline") == "Next break in 50 min"
        assert app.rings == 0 and desk.notifier.offers == []


async def test_a_break_that_comes_due_at_an_empty_desk_waits_for_the_return(short):
    desk = Desk()
    app = make(short, find_reach=desk.find)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        await reach_wait(pilot, app, 48 * MIN)
        assert desk.idle is not None
        desk.idle.leave()
        await reach_wait(pilot, app, 3 * MIN)  # due now, but nobody is there
        assert app.rings == 0 and status_text(app) == "held: away from the desk"
        desk.idle.back()  # back after three minutes: not a break's worth
        await reach_wait(pilot, app, 5)
        assert app.rings == 0 and status_text(app) == "held: just back"
        await reach_wait(pilot, app, MIN)
        assert app.rings == 1 and len(desk.notifier.offers) == 1


async def test_a_slow_desktop_never_holds_up_the_screen_and_the_bell_rings_meanwhile(short):
    import asyncio

    never = asyncio.Event()

    async def find(app):
        await never.wait()

    app = make(short, find_reach=find)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert text(app, "#remind-headline") == "Next break in 50 min" and app.reach is None
        await wait(pilot, app, 50 * MIN)
        assert app.rings == 1 and text(app, "#remind-headline") == "Break due: time to stretch"


async def test_no_desktop_at_all_is_said_and_the_bell_carries_on(short):
    async def find(app):
        raise OSError("no session bus")

    app = make(short, find_reach=find)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot, app)
        assert app.reach is None
        await wait(pilot, app, 50 * MIN)
        assert app.rings == 1


async def test_on_a_real_bus_the_notification_server_gets_the_break_and_its_start_plays_it(short, private_bus):
    pytest.importorskip("desktop_notifier")
    from limber.remind.dnd import InhibitedProperty
    from limber.remind.gate import Gate
    from limber.remind.idle import MutterIdle
    from limber.remind.notify import Notifier
    from tests.dbus_helpers import until
    from tests.fake_notification_server import (MUTTER, MUTTER_PATH, NOTIFICATIONS, NOTIFICATIONS_PATH,
                                                MutterIdleMonitor, NotificationServer, serve)

    server, monitor = NotificationServer(), MutterIdleMonitor()
    served = [await serve(private_bus, NOTIFICATIONS, NOTIFICATIONS_PATH, server),
              await serve(private_bus, MUTTER, MUTTER_PATH, monitor)]

    async def find(app):
        gate = Gate(300, 7200, idle_source=MutterIdle(), dnd_sources=[InhibitedProperty()], clock=app.clock)
        return Reach(gate, Notifier(), on_start=app.start_break, on_snooze=app.snooze_break,
                     on_skip=app.skip_break, clock=app.clock)

    app = make(short, find_reach=find)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot, app)
            server.set_inhibited(True)
            await reach_wait(pilot, app, 50 * MIN)
            assert server.sent == [] and status_text(app) == "held: do not disturb"
            server.set_inhibited(False)
            await reach_wait(pilot, app, 30)
            assert server.button_titles() == ["Start", "Snooze", "Skip"] and app.rings == 1
            server.press("Start")
            await until(lambda: app.reminders.today, "Start to reach the reminder")
            await settle(pilot, app)
            assert isinstance(app.screen, PlayerScreen) and app.reminders.today[-1].what == "taken"
    finally:
        for services in served:
            await services.close()
