"""The keys that apply now, on one line at the foot of every screen.

One widget draws the whole line. Textual's stock footer mounts a widget per key and builds
them only after the screen is up, so its first frame had an empty bottom line and every
change of keys meant mounting them all again; this bar is whole in the first frame and a
change of keys is one repaint.
"""

from __future__ import annotations

from typing import NamedTuple
from collections.abc import Sequence

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.app import RenderResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget

GAP = 2  # spaces between one key and the next


class KeyHint(NamedTuple):
    """One key as the bar shows it, or a group of keys (`Binding.Group`) under one description."""

    key: str  # what pressing it sends, for a click
    shown: str  # how the key is written: "space", "n/→", "^p"; a group's keys joined by "/"
    description: str
    enabled: bool
    tooltip: str
    id: str = ""  # the binding's id, for the screen's order of importance
    parts: tuple[tuple[str, str], ...] = ()  # a group's (key, shown) pairs, one per binding

    @property
    def width(self) -> int:
        """Cells on screen (not characters: a description may hold wide ones)."""
        return cell_len(self.shown) + 1 + cell_len(self.description)


def key_hints(screen: Screen) -> tuple[list[KeyHint], KeyHint | None]:
    """The screen's shown keys in binding order, one per action (or per group of bindings), and
    the command palette's key."""
    app = screen.app
    hints: dict[object, KeyHint] = {}
    actions: set[str] = set()  # a binding with two keys ("plus,equals_sign") is shown once
    palette = None
    for _node, binding, enabled, tooltip in screen.active_bindings.values():
        if binding.key == app.COMMAND_PALETTE_BINDING and app.ENABLE_COMMAND_PALETTE:
            palette = _hint(screen, binding, enabled, tooltip)
        elif not binding.show or binding.action in actions:
            continue
        elif binding.group is not None:
            hint = _hint(screen, binding, enabled, tooltip)
            hints[binding.group] = _join(hints.get(binding.group), hint, binding.group.description)
        else:
            hints[binding.action] = _hint(screen, binding, enabled, tooltip)
        actions.add(binding.action)
    return list(hints.values()), palette


def _hint(screen: Screen, binding: Binding, enabled: bool, tooltip: str) -> KeyHint:
    return KeyHint(binding.key, screen.app.get_key_display(binding), binding.description, enabled,
                   tooltip or binding.tooltip or binding.description, binding.id or "")


def _join(group: KeyHint | None, hint: KeyHint, description: str) -> KeyHint:
    """A group's hint with one more key in it: "+/-" over one description, each key its own click."""
    if group is None:
        return hint._replace(description=description, parts=((hint.key, hint.shown),),
                             tooltip=f"{hint.shown}: {hint.tooltip}")
    return group._replace(
        shown=f"{group.shown}/{hint.shown}",
        enabled=group.enabled or hint.enabled,
        tooltip=f"{group.tooltip} · {hint.shown}: {hint.tooltip}",
        parts=(*group.parts, (hint.key, hint.shown)),
    )


def fit(hints: list[KeyHint], palette: KeyHint | None, width: int,
        importance: Sequence[str] = ()) -> tuple[list[KeyHint], KeyHint | None]:
    """What fits in `width` cells, in the order given. The palette goes first; then, if the
    screen ranks its keys (`importance`: binding ids, most important first), the least
    important key each time; else keys from the middle, so the first keys (pause, skip) and
    the last two (help and quit) stay longest."""
    hints = list(hints)
    widths = {hint: hint.width for hint in hints}  # measured once: cell widths are slow to count

    def needed() -> int:
        keys = sum(widths[hint] for hint in hints) + GAP * max(0, len(hints) - 1) + 2
        return keys + (palette.width + GAP if palette is not None else 0)

    def least_important() -> int:
        if not importance:
            return len(hints) - 3
        ranks = [importance.index(hint.id) if hint.id in importance else len(importance) for hint in hints]
        worst = max(ranks)
        return max(n for n, rank in enumerate(ranks) if rank == worst)  # the last of the least

    if needed() > width:
        palette = None
    while needed() > width and len(hints) > (1 if importance else 2):
        del hints[least_important()]
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
        self._spans: list[tuple[int, int, KeyHint]] = []  # the cells each hint was drawn in, for the mouse
        self._key_cells: list[tuple[int, int, str]] = []  # the cells of each key of a group, for a click
        self._hover: KeyHint | None = None

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, lambda _screen: self.refresh())

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def render(self) -> RenderResult:
        width = self.content_size.width
        importance = getattr(self.screen, "KEY_BAR_IMPORTANCE", ())
        hints, palette = fit(*key_hints(self.screen), width, importance)
        key_style = self.get_component_rich_style("key-bar--key")
        description_style = self.get_component_rich_style("key-bar--description")
        hover_style = self.get_component_rich_style("key-bar--hover")
        text = Text(" ", end="", no_wrap=True, overflow="crop")
        spans = []
        key_cells = []
        cell = 1  # the cells drawn so far, counted as they go (Text.cell_len measures it all again)

        def draw(hint: KeyHint) -> None:
            nonlocal cell
            start, first_cell = len(text), cell
            if hint.parts:
                for n, (key, shown) in enumerate(hint.parts):
                    if n:
                        text.append("/", description_style)
                        cell += 1
                    key_start = cell
                    text.append(shown, key_style)
                    cell += cell_len(shown)
                    key_cells.append((key_start, cell, key))
            else:
                text.append(hint.shown, key_style)
                cell += cell_len(hint.shown)
            text.append(" " + hint.description, description_style)
            cell += 1 + cell_len(hint.description)
            if not hint.enabled:
                text.stylize("dim", start)
            if hint == self._hover:
                text.stylize(hover_style, start)
            spans.append((first_cell, cell, hint))

        for n, hint in enumerate(hints):
            if n:
                text.append(" " * GAP)
                cell += GAP
            draw(hint)
        if palette is not None:
            gap = max(GAP, width - cell - palette.width - 1)
            text.append(" " * gap)
            cell += gap
            draw(palette)
        self._spans = spans
        self._key_cells = key_cells
        return text

    def hint_at(self, x: int) -> KeyHint | None:
        for start, end, hint in self._spans:
            if start <= x < end:
                return hint
        return None

    def key_at(self, x: int) -> str | None:
        """The key a click at `x` presses: in a group, the key drawn there (its words press the first)."""
        for start, end, key in self._key_cells:
            if start <= x < end:
                return key
        hint = self.hint_at(x)
        if hint is None:
            return None
        return hint.parts[0][0] if hint.parts else hint.key

    def on_click(self, event: events.Click) -> None:
        hint, key = self.hint_at(event.x), self.key_at(event.x)
        if hint is None or key is None:
            return
        event.stop()
        if hint.enabled:
            self.app.simulate_key(key)
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
