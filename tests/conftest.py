"""Shared fixtures: the person's own folders kept out of every test, a fake clock, routine writing."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
ROUTINES = REPO / "routines"


class FakeClock:
    """A monotonic clock that moves only when a test moves it."""

    def __init__(self, now: float = 1000.0):
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(autouse=True)
def own_folders(tmp_path_factory, monkeypatch) -> Path:
    """A fresh config, cache and data folder for each test, so a developer's own routines never leak in."""
    base = tmp_path_factory.mktemp("limber-home")
    monkeypatch.setenv("LIMBER_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("LIMBER_CACHE_DIR", str(base / "cache"))
    monkeypatch.setenv("LIMBER_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("LIMBER_RUNTIME_DIR", str(base / "runtime"))
    return base


@pytest.fixture
def write(tmp_path):
    """Write a routine file from dedented YAML text and return its path."""

    def _write(text: str | bytes, name: str = "routine.yaml") -> Path:
        path = tmp_path / name
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
        return path

    return _write


@pytest.fixture
def private_bus(tmp_path, monkeypatch):
    """A dbus-daemon for this test alone, standing in for both the session and the system bus."""
    if shutil.which("dbus-daemon") is None:
        pytest.skip("dbus-daemon is not installed (Debian: apt-get install dbus)")
    pytest.importorskip("dbus_fast")
    from tests.fake_notification_server import PrivateBus

    bus = PrivateBus(tmp_path)
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", bus.address)
    monkeypatch.setenv("DBUS_SYSTEM_BUS_ADDRESS", bus.address)
    yield bus.address
    bus.close()
