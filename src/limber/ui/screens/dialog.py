"""What every dialog shares: a box centred over the screen it belongs to, that screen dimmed behind it."""

from __future__ import annotations

from typing import TypeVar

from textual.containers import Grid
from textual.events import Resize
from textual.screen import ModalScreen
from textual.widgets import Static

ResultType = TypeVar("ResultType")

# Below these sizes a dialog gives up its padding and margins so its words keep the room.
SHORT_HEIGHT = 18
NARROW_WIDTH = 60


class Dialog(ModalScreen[ResultType]):
    """A modal screen drawn as a box (`.dialog-box`) in the middle of the terminal. Its look is
    in limber.tcss under `Dialog`; `-short` and `-narrow` say the terminal is small."""

    def on_resize(self, event: Resize) -> None:
        self.set_class(event.size.height < SHORT_HEIGHT, "-short")
        self.set_class(event.size.width < NARROW_WIDTH, "-narrow")


def key_table(rows: list[tuple[str, str]], *, id: str | None = None) -> Grid:
    """Keys on the left, what they do on the right: a long explanation wraps within its own
    column, under its own words, never back under the keys."""
    cells: list[Static] = []
    for keys, words in rows:
        # Not markup: keys such as `[` and `]` are shown as they are.
        cells.append(Static(keys, markup=False, classes="key-table--keys"))
        cells.append(Static(words, markup=False, classes="key-table--words"))
    return Grid(*cells, id=id, classes="key-table")
