"""limber remind --headless: a schedule driven through notifications alone, against a notification
service and a Mutter idle monitor on a private D-Bus, on a fake clock."""

from __future__ import annotations

import asyncio
import sys
from types import SimpleNamespace

import pytest

from limber.remind.dnd import InhibitedProperty
from limber.remind.gate import Gate
from limber.remind.headless import HeadlessReminder, run_headless, terminal_player, wait_for_wake
from limber.remind.idle import MutterIdle
from limber.remind.notify import Notifier
from limber.remind.reach import Reach
from tests.dbus_helpers import until

pytest.importorskip("desktop_notifier")

from tests.fake_notification_server import (  # noqa: E402
    MUTTER,
    MUTTER_PATH,
    NOTIFICATIONS,
    NOTIFICATIONS_PATH,
    MutterIdleMonitor,
    NotificationServer,
    serve,
)

EVERY, SNOOZE, BREAK = 3000.0, 300.0, 300.0


class Schedule:
    """The remind schedule's methods, kept as simple as a test can read: due every EVERY seconds."""

    def __init__(self, clock):
        self.clock = clock
        self.kind, self.due = "waiting", clock() + EVERY
        self.calls: list[str] = []

    def update(self):
        if self.kind in ("waiting", "snoozed") and self.clock() >= self.due:
            self.kind = "due"
            return ["due"]
        return []

    def state(self):
        return SimpleNamespace(kind=SimpleNamespace(value=self.kind), routine="neck", can_snooze=True, can_skip=True)

    def next_check(self):
        return max(0.0, self.due - self.clock()) if self.kind in ("waiting", "snoozed") else 60.0

    def start(self):
        self.calls.append("start")
        self.kind = "break"
        return "neck"

    def finished(self):
        self.calls.append("finished")
        self.kind, self.due = "waiting", self.clock() + EVERY

    def snooze(self):
        self.calls.append("snooze")
        self.kind, self.due = "snoozed", self.clock() + SNOOZE

    def skip(self):
        self.calls.append("skip")
        self.kind, self.due = "waiting", self.clock() + EVERY

    def rested(self, at):
        self.calls.append("rested")
        self.kind, self.due = "waiting", at + EVERY


@pytest.fixture
async def desktop(private_bus):
    server, monitor = NotificationServer(), MutterIdleMonitor()
    served = [await serve(private_bus, NOTIFICATIONS, NOTIFICATIONS_PATH, server),
              await serve(private_bus, MUTTER, MUTTER_PATH, monitor)]
    yield server, monitor
    for services in served:
        await services.close()


class Desk:
    """A headless reminder with what it did recorded: rings, players opened, what it published."""

    def __init__(self, clock):
        self.clock = clock
        self.schedule = Schedule(clock)
        self.rings, self.played, self.published, self.said = 0, [], [], []
        self.player_closes = asyncio.Event()
        self.reminder = HeadlessReminder(self.schedule, open_player=self.open_player, ring=self.ring,
                                         say=self.said.append, publish=self.publish, clock=clock)
        gate = Gate(BREAK, 7200, idle_source=MutterIdle(), dnd_sources=[InhibitedProperty()], clock=clock)
        self.reminder.reach = Reach(gate, Notifier(), on_start=self.reminder.start,
                                    on_snooze=self.reminder.snooze, on_skip=self.reminder.skip, clock=clock)

    def ring(self):
        self.rings += 1

    def publish(self, state, held):
        self.published.append((state.kind.value, held))

    async def open_player(self, routine):
        self.played.append(routine)
        await self.player_closes.wait()
        return True

    async def at(self, seconds):
        """Move the clock on and let the reminder look."""
        self.clock.advance(seconds)
        await self.reminder.step()


async def test_a_due_break_rings_once_and_start_plays_it_then_the_next_counts_from_its_end(desktop, clock):
    server, _ = desktop
    desk = Desk(clock)
    await desk.at(0)
    assert desk.published[-1] == ("waiting", None) and server.sent == []
    await desk.at(EVERY)
    assert desk.rings == 1 and server.button_titles() == ["Start", "Snooze", "Skip"]
    await desk.at(30)
    assert desk.rings == 1 and len(server.sent) == 1  # still due: not rung or sent again
    server.press("Start")
    await until(lambda: desk.played == ["neck"], "the player to open")
    await desk.at(0)
    assert desk.published[-1] == ("break", None)
    clock.advance(600)
    desk.player_closes.set()
    await until(lambda: "finished" in desk.schedule.calls, "the player to close")
    assert desk.schedule.due == clock() + EVERY
    await desk.at(0)
    assert desk.published[-1] == ("waiting", None)


async def test_snooze_from_the_notification_offers_it_again_after_the_snooze(desktop, clock):
    server, _ = desktop
    desk = Desk(clock)
    await desk.at(EVERY)
    server.press("Snooze")
    await until(lambda: desk.schedule.calls == ["snooze"], "Snooze to reach the schedule")
    await desk.at(0)
    assert desk.published[-1] == ("snoozed", None)
    await desk.at(SNOOZE)
    assert desk.rings == 2 and len(server.sent) == 2


async def test_skip_from_the_notification(desktop, clock):
    server, _ = desktop
    desk = Desk(clock)
    await desk.at(EVERY)
    server.press("Skip")
    await until(lambda: desk.schedule.calls == ["skip"], "Skip to reach the schedule")
    await desk.at(0)
    assert desk.published[-1] == ("waiting", None) and desk.played == []


async def test_do_not_disturb_is_published_while_it_holds_the_break(desktop, clock):
    server, _ = desktop
    desk = Desk(clock)
    server.set_inhibited(True)
    await desk.at(EVERY)
    assert desk.published[-1] == ("due", "held: do not disturb") and desk.rings == 0 and server.sent == []
    server.set_inhibited(False)
    await desk.at(30)
    assert desk.published[-1] == ("due", None) and desk.rings == 1 and len(server.sent) == 1


async def test_time_away_as_long_as_a_break_restarts_the_count_from_the_return(desktop, clock):
    _, monitor = desktop
    desk = Desk(clock)
    await desk.at(1000)
    monitor.idle_ms = 130_000
    await desk.at(0)
    assert desk.published[-1] == ("waiting", None)
    monitor.idle_ms = 0
    await desk.at(400)
    assert desk.schedule.calls == ["rested"] and desk.schedule.due == clock() + EVERY


async def test_time_away_across_the_due_time_offers_nothing_at_the_empty_desk(desktop, clock):
    server, monitor = desktop
    desk = Desk(clock)
    await desk.at(EVERY - 200)
    monitor.idle_ms = 130_000
    await desk.at(0)
    await desk.at(200)  # due now, but nobody is there
    assert desk.published[-1] == ("due", "held: away from the desk") and desk.rings == 0 and server.sent == []
    monitor.idle_ms = 0
    await desk.at(300)  # back after 630 s: that was the break
    assert desk.schedule.calls == ["rested"] and desk.published[-1] == ("waiting", None)
    assert server.sent == [] and desk.rings == 0


async def test_the_loop_sleeps_until_the_next_thing_and_stops_when_told(desktop, clock):
    desk = Desk(clock)
    slept = []

    async def wait(seconds, wake):
        slept.append(seconds)
        clock.advance(seconds)
        if len(slept) == 3:
            desk.reminder.stop()

    desk.reminder.wait = wait
    assert await desk.reminder.run(desk.reminder.reach) == 0
    assert slept == [60.0, 60.0, 60.0]  # no sooner than the idle monitor needs a look


async def test_wait_for_wake_returns_when_woken_not_at_the_time():
    wake = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.call_soon(wake.set)
    await asyncio.wait_for(wait_for_wake(3600, wake), 10)
    assert wake.is_set()


async def test_a_terminal_command_runs_the_player_and_says_whether_it_ran(tmp_path):
    record = tmp_path / "argv"
    fake = tmp_path / "term"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {record}\n')
    fake.chmod(0o755)
    opener = terminal_player(f"{fake} -e", ["/usr/bin/limber"], mute=True)
    assert await opener("neck") is True
    assert record.read_text().split("\n")[:-1] == ["-e", "/usr/bin/limber", "play", "neck", "--mute"]
    assert await terminal_player(str(tmp_path / "missing"), [sys.executable])("neck") is False


async def test_nowhere_to_show_the_player_is_said_and_the_break_still_ends(desktop, clock):
    server, _ = desktop
    desk = Desk(clock)

    async def nowhere(routine):
        return False

    desk.reminder.open_player = nowhere
    await desk.at(EVERY)
    server.press("Start")
    await until(lambda: "finished" in desk.schedule.calls, "the break to end")
    assert any("limber play neck" in said for said in desk.said)


async def test_run_headless_ends_on_sigterm_and_says_what_the_machine_lacks(private_bus, clock, monkeypatch):
    import os
    import signal

    from limber.remind import dnd

    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(dnd, "dnd_sources", lambda: [InhibitedProperty()])
    published, said = [], []

    def publish(state, held):
        published.append(state.kind.value)
        os.kill(os.getpid(), signal.SIGTERM)  # as the service manager stops it

    async def nowhere(routine):
        return False

    code = await asyncio.wait_for(run_headless(Schedule(clock), open_player=nowhere, break_length=BREAK,
                                               hold_at_most=7200, publish=publish, say=said.append, clock=clock), 10)
    assert code == 0 and published[0] == "waiting"
    assert len(said) == 2  # no idle time, no do-not-disturb (the notifier has not been needed yet)
