"""A due break carried to the person: against a notification service, do-not-disturb and a Mutter
idle monitor on a private D-Bus, with the reminder's actions recorded and time on a fake clock."""

from __future__ import annotations

import pytest

from limber.remind import dnd
from limber.remind.dnd import InhibitedProperty
from limber.remind.gate import HELD_AWAY, HELD_BACK, Gate
from limber.remind.idle import MutterIdle
from limber.remind.notify import NO_SERVICE, Notifier
from limber.remind.reach import Due, Reach
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

BREAK = 300.0
DUE = Due("desk-back-stretches")


@pytest.fixture
async def desktop(private_bus):
    server, monitor = NotificationServer(), MutterIdleMonitor()
    served = [await serve(private_bus, NOTIFICATIONS, NOTIFICATIONS_PATH, server),
              await serve(private_bus, MUTTER, MUTTER_PATH, monitor)]
    yield server, monitor
    for services in served:
        await services.close()


@pytest.fixture
def answers():
    return []


@pytest.fixture
def reach(clock, answers):
    gate = Gate(BREAK, 2 * 3600, idle_source=MutterIdle(), dnd_sources=[InhibitedProperty()], clock=clock)
    made = Reach(gate, Notifier(), on_start=lambda: answers.append("start"),
                 on_snooze=lambda: answers.append("snooze"), on_skip=lambda: answers.append("skip"), clock=clock)
    yield made


@pytest.mark.parametrize("button", ["Start", "Snooze", "Skip"])
async def test_a_due_break_rings_and_is_offered_and_each_button_answers(desktop, reach, answers, button):
    server, _ = desktop
    step = await reach.check(DUE)
    assert step.ring and step.held is None
    assert server.button_titles() == ["Start", "Snooze", "Skip"]
    again = await reach.check(DUE)
    assert not again.ring and len(server.sent) == 1  # offered once while it stays due
    server.press(button)
    await until(lambda: answers, f"{button} to reach the reminder")
    assert answers == [button.lower()]
    await reach.check(None)  # the schedule took the answer: nothing is due
    assert server.closed == []  # the notification went with the press; nothing left to close


async def test_answered_in_the_terminal_the_notification_is_taken_back(desktop, reach):
    server, _ = desktop
    await reach.check(DUE)
    await reach.check(None)
    assert server.closed == [server.sent[-1].id]


async def test_strict_offers_start_alone(desktop, reach):
    server, _ = desktop
    await reach.check(Due("neck", can_snooze=False, can_skip=False))
    assert server.button_titles() == ["Start"]


async def test_do_not_disturb_holds_the_break_and_its_end_offers_it(desktop, reach, clock):
    server, _ = desktop
    server.set_inhibited(True)
    step = await reach.check(DUE)
    assert (step.ring, step.held, step.look_again) == (False, "held: do not disturb", dnd.LOOK_WHILE_HELD)
    assert server.sent == []
    clock.advance(30)
    assert (await reach.check(DUE)).held == dnd.HELD
    server.set_inhibited(False)
    clock.advance(30)
    step = await reach.check(DUE)
    assert step.ring and len(server.sent) == 1


async def test_do_not_disturb_holds_no_longer_than_the_cap(desktop, clock, answers):
    server, _ = desktop
    gate = Gate(BREAK, 600, idle_source=MutterIdle(), dnd_sources=[InhibitedProperty()], clock=clock)
    reach = Reach(gate, Notifier(), on_start=answers.append, on_snooze=answers.append, on_skip=answers.append,
                  clock=clock)
    server.set_inhibited(True)
    assert not (await reach.check(DUE)).ring
    clock.advance(599)
    assert (await reach.check(DUE)).look_again == 1
    clock.advance(1)
    assert (await reach.check(DUE)).ring


async def test_an_empty_desk_holds_the_break_until_a_minute_after_the_return(desktop, reach, clock):
    server, monitor = desktop
    monitor.idle_ms = 150_000
    step = await reach.check(DUE)
    assert (step.ring, step.held) == (False, HELD_AWAY)
    clock.advance(60)
    monitor.idle_ms = 210_000
    assert (await reach.check(DUE)).held == HELD_AWAY
    monitor.idle_ms = 0
    step = await reach.check(DUE)
    assert step.back is not None and not step.back.counts_as_break  # 3.5 minutes: the break is still owed
    assert (step.held, step.look_again) == (HELD_BACK, 60)
    clock.advance(60)
    step = await reach.check(DUE)
    assert step.ring and len(server.sent) == 1


async def test_away_for_a_break_the_return_is_reported_for_the_schedule(desktop, reach, clock):
    _, monitor = desktop
    await reach.check(None)
    monitor.idle_ms = 200_000
    await reach.check(None)
    clock.advance(200)
    monitor.idle_ms = 2_000
    step = await reach.check(None)
    assert step.back is not None and step.back.counts_as_break and step.back.at == clock() - 2


async def test_no_notification_service_still_rings_and_says_so_once(private_bus, clock, monkeypatch):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(dnd, "dnd_sources", lambda: [InhibitedProperty()])
    reach = await Reach.find(BREAK, 7200, on_start=list, on_snooze=list, on_skip=list, clock=clock)
    step = await reach.check(DUE)
    assert step.ring  # the bell, then
    notices = reach.take_notices()
    assert NO_SERVICE in notices and len(notices) == 3  # no service, no idle time, no do-not-disturb
    await reach.check(None)
    await reach.check(DUE)
    assert reach.take_notices() == []
    await reach.close()
