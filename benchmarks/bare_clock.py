"""The baseline for CPU and start-up: a bare Textual app with a Digits clock updated once a second."""

from __future__ import annotations

from time import monotonic

from textual.app import App, ComposeResult
from textual.widgets import Digits


class BareClock(App):
    def compose(self) -> ComposeResult:
        yield Digits("00:00")

    def on_mount(self) -> None:
        self.started = monotonic()
        self.set_interval(1.0, self.tick)

    def tick(self) -> None:
        elapsed = int(monotonic() - self.started)
        self.query_one(Digits).update(f"{elapsed // 60:02d}:{elapsed % 60:02d}")


if __name__ == "__main__":
    BareClock().run()
