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
    """A modal screen drawn as a box (`.dialog-box`) in the middle of the terminal, with its look
    here for every dialog; `-short` and `-narrow` say the terminal is small."""

    DEFAULT_CSS = """
    /* Every dialog: a box in the middle, the screen it belongs to dimmed behind it. The border is
       drawn in half blocks that fill the outer half of their cells: a line down the middle of its
       cells (round, solid) leaves a strip of the box's background outside the line, and a thin
       line at the inner edge (wide, tall) a strip of the undimmed screen background. */
    Dialog {
        align: center middle;
        background: $background 60%;
    }
    .dialog-box {
        width: 72;
        max-width: 95%;
        height: auto;
        max-height: 100%;
        padding: 1 2;
        border-top: hkey $accent;
        border-bottom: hkey $accent;
        border-left: vkey $accent;
        border-right: vkey $accent;
        background: $surface;
    }
    #confirm-box, #new-name-box { width: 48; }
    .dialog-title { text-style: bold; margin-bottom: 1; }
    .dialog-note { color: $text-muted; margin-bottom: 1; }
    .dialog-foot { color: $text-muted; margin-top: 1; }
    #help-box {
        scrollbar-size-vertical: 1;
        scrollbar-background: $panel;
        scrollbar-color: $accent 70%;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
    }
    #new-name { margin-bottom: 1; }

    .key-table {
        grid-size: 2;
        grid-columns: auto 1fr;
        grid-rows: auto;
        grid-gutter: 0 2;
        height: auto;
    }
    .key-table--keys { text-style: bold; color: $accent; text-wrap: nowrap; }

    /* Small terminals: the words keep the room, the padding goes. */
    Dialog.-short .dialog-box { padding: 0 1; }
    Dialog.-short .dialog-title, Dialog.-short .dialog-note { margin-bottom: 0; }
    Dialog.-short .dialog-foot { margin-top: 0; }
    Dialog.-short #new-name { margin-bottom: 0; }
    Dialog.-narrow .dialog-box { padding: 0 1; max-width: 100%; }
    """

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
