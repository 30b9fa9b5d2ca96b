"""Sound for the player: cues for engine events, played without ever blocking the screen."""

from __future__ import annotations

from typing import Protocol

from pathlib import Path
from collections.abc import Callable

from ..engine import Engine, Event
from ..routine import Plan


class Sound(Protocol):
    """What the player asks of its sound, whatever plays it (or nothing does)."""

    muted: bool
    notice: str | None  # one quiet line for the screen when sound is degraded, else None

    def handle(self, events: list[Event], engine: Engine) -> None: ...
    def toggle_mute(self) -> bool: ...
    def change_volume(self, delta: int) -> int: ...
    def describe(self) -> str: ...
    @property
    def has_volume(self) -> bool: ...  # whether change_volume changes what is heard
    def use_routine(self, tones: dict[str, Path], plan: Plan) -> None: ...
    def attach_bell(self, ring: Callable[[], None]) -> None: ...
    def start(self) -> None: ...
    def close(self) -> None: ...


class Silence:
    """No sound at all: for tests, and where nothing can play."""

    def __init__(self, notice: str | None = None):
        self.muted = False
        self.notice = notice
        self.volume = 0

    def handle(self, events: list[Event], engine: Engine) -> None:
        pass

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        return self.muted

    def change_volume(self, delta: int) -> int:
        return self.volume

    def describe(self) -> str:
        return "muted" if self.muted else "no sound"

    @property
    def has_volume(self) -> bool:
        return False

    def use_routine(self, tones: dict[str, Path], plan: Plan) -> None:
        pass

    def attach_bell(self, ring: Callable[[], None]) -> None:
        pass

    def start(self) -> None:
        pass

    def close(self) -> None:
        pass
