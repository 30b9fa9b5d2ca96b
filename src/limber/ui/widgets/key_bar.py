"""The keys that apply now, on one line at the foot of every screen.

One widget draws the whole line. Textual's stock footer mounts a widget per key and builds
them only after the screen is up, so its first frame had an empty bottom line and every
change of keys meant mounting them all again; this bar is whole in the first frame and a
change of keys is one repaint.
"""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

GAP = 2  # spaces between one key and the next


class KeyHint(NamedTuple):
    """One key as the bar shows it."""

    key: str  # what pressing it sends, for a click
    shown: str  # how the key is written: "space", "n/→", "^p"
    description: str
    enabled: bool
    tooltip: str

    @property
    def width(self) -> int:
        """Cells on screen (not characters: a description may hold wide ones)."""
        return cell_len(self.shown) + 1 + cell_len(self.description)


def key_hints(screen: Screen) -> tuple[list[KeyHint], KeyHint | None]:
    """The screen's shown keys in binding order, one per action, and the command palette's key."""
    app = screen.app
    hints: dict[str, KeyHint] = {}
    palette = None
    for _node, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
            palette = _hint(screen, binding, enabled, tooltip)
        elif binding.show and binding.action not in hints:
            hints[binding.action] = _hint(screen, binding, enabled, tooltip)
    return list(hints.values()), palette


def _hint(screen: Screen, binding: Binding, enabled: bool, tooltip: str) -> KeyHint:
    return KeyHint(binding.key, screen.app.get_key_display(binding), binding.description, enabled,
                   tooltip or binding.tooltip or binding.description)


def fit(hints: list[KeyHint], palette: KeyHint | None, width: int) -> tuple[list[KeyHint], KeyHint | None]:
    """What fits in `width` cells. The palette goes first, then keys from the middle: the first
    keys (pause, skip) and the last two (help and quit) stay longest."""
    hints = list(hints)

    def needed() -> int:
        keys = sum(hint.width for hint in hints) + GAP * max(0, len(hints) - 1) + 2
        return keys + (palette.width + GAP if palette is not None else 0)

    if needed() > width:
        palette = None
    while needed() > width and len(hints) > 2:
        del hints[-3]
    return hints, palette


class KeyBar(Widget):
    """"space Pause  n/→ Skip  …  ? Help  q Quit" from the screen's bindings; a click presses the key."""

    ALLOW_SELECT = False
    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key { color: $footer-key-foreground; text-style: bold; }
    KeyBar > .key-bar--description { color: $footer-description-foreground; }
    KeyBar > .key-bar--hover { background: $block-hover-background; }
    """
    COMPONENT_CLASSES = {"key-bar--key", "key-bar--description", "key-bar--hover"}

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self._spans: list[tuple[int, int, KeyHint]] = []  # the cells each key was drawn in, for the mouse
        self._hover: KeyHint | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def render(self) -> RenderResult:
        width = self.content_size.width
        hints, palette = fit(*key_hints(self.screen), width)
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        hover_style = self.get_component_rich_style("key-bar--hover")
        text = Text(" ", end="", no_wrap=True, overflow="crop")
        spans = []

        def draw(hint: KeyHint) -> None:
            start, first_cell = len(text), text.cell_len
            text.append(hint.shown, key_style)
            text.append(" " + hint.description, description_style)
            if not hint.enabled:
                text.stylize("dim", start)
            if hint == self._hover:
                text.stylize(hover_style, start)
            spans.append((first_cell, text.cell_len, hint))

        for n, hint in enumerate(hints):
            if n:
                text.append(" " * GAP)
            draw(hint)
        if palette is not None:
            text.append(" " * max(GAP, width - text.cell_len - palette.width - 1))
            draw(palette)
        self._spans = spans
        return text

    def hint_at(self, x: int) -> KeyHint | None:
        for start, end, hint in self._spans:
            if start <= x < end:
                return hint
        return None

    def on_click(self, event: events.Click) -> None:
        hint = self.hint_at(event.x)
        if hint is None:
            return
        event.stop()
        if hint.enabled:
            self.app.simulate_key(hint.key)
        else:
            self.app.bell()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        hint = self.hint_at(event.x)
        if hint != self._hover:
            self._hover = hint
            self.tooltip = hint.tooltip if hint is not None else None
            self.refresh()

    def on_leave(self, _event: events.Leave) -> None:
        if self._hover is not None:
            self._hover = None
            self.tooltip = None
            self.refresh()
