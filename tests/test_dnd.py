"""Do not disturb: read from a notification service on a private D-Bus, and a due break held for
it (and for an empty desk) on a fake clock."""

from __future__ import annotations

import pytest

from limber.remind import dnd
from limber.remind.dnd import DoNotDisturb, DunstPaused, GnomeBanners, InhibitedProperty, dnd_on, find_dnd_sources
from limber.remind.gate import HELD_AWAY, HELD_BACK, Gate
from limber.remind.idle import LOOK_WHILE_AWAY, MutterIdle
from tests.dbus_helpers import until

pytest.importorskip("desktop_notifier")

from tests.fake_notification_server import (  # noqa: E402
    MUTTER,
    MUTTER_PATH,
    NOTIFICATIONS,
    DunstControl,
    NOTIFICATIONS_PATH,
    MutterIdleMonitor,
    NotificationServer,
    serve,
)

BREAK = 300.0
HOUR = 3600.0


@pytest.fixture
async def desktop(private_bus):
    """A notification service and a Mutter idle monitor on the private bus."""
    server, monitor = NotificationServer(), MutterIdleMonitor()
    served = [await serve(private_bus, NOTIFICATIONS, NOTIFICATIONS_PATH, server),
              await serve(private_bus, MUTTER, MUTTER_PATH, monitor)]
    yield server, monitor
    for services in served:
        await services.close()


class Fixed:
    def __init__(self, answer):
        self.answer = answer

    async def on(self):
        return self.answer


# -- the policy ---------------------------------------------------------------------------------
def test_held_while_on_offered_when_it_ends(clock):
    gate, due = Gate(BREAK), clock()
    gate.see(clock(), 0.0, True)
    verdict = gate.verdict(clock(), due)
    assert not verdict.offer and verdict.held == "held: do not disturb"
    assert verdict.look_again == dnd.LOOK_WHILE_HELD
    clock.advance(1200)
    assert gate.verdict(clock(), due).held == dnd.HELD
    gate.see(clock(), 0.0, False)
    verdict = gate.verdict(clock(), due)
    assert verdict.offer and verdict.held is None


def test_held_no_longer_than_the_cap(clock):
    gate, due = Gate(BREAK, hold_at_most=2 * HOUR), clock()
    gate.see(clock(), 0.0, True)
    clock.advance(2 * HOUR - 10)
    verdict = gate.verdict(clock(), due)
    assert not verdict.offer and verdict.look_again == 10
    clock.advance(10)
    assert gate.verdict(clock(), due).offer


def test_unknown_is_off(clock):
    gate = Gate(BREAK)
    gate.see(clock(), 0.0, None)
    assert gate.verdict(clock(), clock()).offer


def test_the_policy_alone_says_when_it_changed():
    policy = DoNotDisturb(60)
    assert policy.see(True) and not policy.see(True) and policy.see(False) and not policy.see(None)
    assert policy.held_until(100) == 160


def test_an_empty_desk_holds_past_the_cap_and_a_return_waits_a_minute(clock):
    gate, due = Gate(BREAK, hold_at_most=60), clock()
    gate.see(clock(), 200.0, True)
    clock.advance(3 * HOUR)
    gate.see(clock(), 200.0 + 3 * HOUR, True)
    verdict = gate.verdict(clock(), due)
    assert (verdict.offer, verdict.held, verdict.look_again) == (False, HELD_AWAY, LOOK_WHILE_AWAY)
    back = gate.see(clock(), 0.0, True)
    assert back is not None and back.counts_as_break  # the schedule counts afresh from here
    verdict = gate.verdict(clock(), due)
    assert (verdict.offer, verdict.held, verdict.look_again) == (False, HELD_BACK, 60)
    clock.advance(60)
    gate.see(clock(), 5.0, True)
    assert gate.verdict(clock(), due).offer  # the cap passed long ago: offered though still on


def test_back_from_a_short_absence_in_do_not_disturb_is_held_for_it(clock):
    gate, due = Gate(BREAK), clock()
    gate.see(clock(), 130.0, True)
    clock.advance(60)
    gate.see(clock(), 0.0, True)
    clock.advance(60)
    gate.see(clock(), 1.0, True)
    assert gate.verdict(clock(), due).held == dnd.HELD
    gate.see(clock(), 1.0, False)
    assert gate.verdict(clock(), due).offer


# -- the sources, on the bus -----------------------------------------------------------------------
async def test_inhibited_property_is_read_and_its_change_heard(desktop):
    server, _ = desktop
    source = InhibitedProperty()
    assert await source.on() is False
    heard = []
    assert await source.watch(heard.append)
    server.set_inhibited(True)
    await until(lambda: heard == [True], "PropertiesChanged to arrive")
    assert await source.on() is True
    server.set_inhibited(False)
    await until(lambda: heard == [True, False], "the second PropertiesChanged")


async def test_dunst_pause_is_do_not_disturb(private_bus):
    server, control = NotificationServer(), DunstControl()
    services = await serve(private_bus, NOTIFICATIONS, NOTIFICATIONS_PATH, server, control)
    try:
        assert await DunstPaused().on() is False
        control.paused = True
        assert await DunstPaused().on() is True
        assert await dnd_on(await find_dnd_sources()) is True
    finally:
        await services.close()


async def test_no_service_no_reading(private_bus):
    source = InhibitedProperty()
    assert await source.on() is None
    assert await DunstPaused().on() is None
    assert await source.watch(lambda value: None) is True  # the bus is there; nothing will be said


async def test_any_source_on_is_on_and_none_answering_is_unknown():
    assert await dnd_on([Fixed(None), Fixed(True)]) is True
    assert await dnd_on([Fixed(False), Fixed(None)]) is False
    assert await dnd_on([Fixed(None)]) is None
    assert await dnd_on([]) is None
    answering = Fixed(False)
    assert await find_dnd_sources([Fixed(None), answering]) == [answering]


async def test_gnome_banners_off_is_do_not_disturb(monkeypatch, tmp_path):
    fake = tmp_path / "gsettings"
    fake.write_text("#!/bin/sh\n[ \"$2 $3\" = 'org.gnome.desktop.notifications show-banners' ] && echo \"$ANSWER\"\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}")
    monkeypatch.setenv("ANSWER", "false")
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "KDE")
    assert await GnomeBanners().on() is None  # the setting is there, but nothing heeds it
    monkeypatch.setenv("XDG_CURRENT_DESKTOP", "ubuntu:GNOME")
    assert await GnomeBanners().on() is True
    monkeypatch.setenv("ANSWER", "true")
    assert await GnomeBanners().on() is False
    monkeypatch.setenv("ANSWER", "No such schema")
    assert await GnomeBanners().on() is None
    monkeypatch.setenv("PATH", str(tmp_path / "nothing"))
    assert await GnomeBanners().on() is None


async def test_the_gate_reads_idle_and_do_not_disturb_from_the_bus(desktop, clock):
    server, monitor = desktop
    gate = Gate(BREAK, idle_source=MutterIdle(), dnd_sources=[InhibitedProperty()], clock=clock)
    due = clock()
    server.set_inhibited(True)
    assert await gate.look() is None
    assert gate.verdict(clock(), due).held == dnd.HELD
    server.set_inhibited(False)
    monitor.idle_ms = 150_000
    await gate.look()
    assert gate.verdict(clock(), due).held == HELD_AWAY
    clock.advance(400)
    monitor.idle_ms = 1000
    back = await gate.look()
    assert back is not None and back.counts_as_break and back.at == clock() - 1


async def test_gate_find_says_what_is_missing(private_bus, monkeypatch, clock):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(dnd, "dnd_sources", lambda: [InhibitedProperty()])
    gate = await Gate.find(BREAK, clock=clock)
    assert gate.idle_source is None and gate.dnd_sources == []
    assert len(gate.notices) == 2
    assert gate.verdict(clock(), clock()).offer  # with nothing to read, the clock alone decides


async def test_gate_find_takes_what_is_there(desktop, monkeypatch, clock):
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.setattr(dnd, "dnd_sources", lambda: [InhibitedProperty()])
    gate = await Gate.find(BREAK, clock=clock)
    assert isinstance(gate.idle_source, MutterIdle) and len(gate.dnd_sources) == 1 and gate.notices == []
