"""A one-line progress bar drawn in half cells, repainted only when a half cell would change."""

from __future__ import annotations

from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget


class ProgressLine(Widget):
    """Fraction done as a thin line: `━` for a whole cell, `╸` for a half."""

    DEFAULT_CSS = """
    ProgressLine {
        height: 1;
        width: 1fr;
        color: $accent;
    }
    ProgressLine > .progress-line--rest {
        color: $panel-lighten-2;
    }
    """
    COMPONENT_CLASSES = {"progress-line--rest"}

    def __init__(self, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self._fraction = 0.0
        self._halves_shown = -1

    @property
    def fraction(self) -> float:
        return self._fraction

    def half_cells(self) -> int:
        return max(1, self.content_size.width * 2)

    def set_fraction(self, fraction: float) -> None:
        """Move the bar; nothing is repainted unless a half cell actually changes."""
        self._fraction = min(1.0, max(0.0, fraction))
        halves = int(self._fraction * self.half_cells())
        if halves != self._halves_shown:
            self._halves_shown = halves
            self.refresh()

    def on_resize(self) -> None:
        self._halves_shown = -1
        self.set_fraction(self._fraction)

    def render(self) -> RenderResult:
        width = self.content_size.width
        halves = int(self._fraction * width * 2)
        self._halves_shown = halves
        full, half = divmod(halves, 2)
        done = "━" * full + ("╸" if half else "")
        rest_style = self.get_component_rich_style("progress-line--rest")
        text = Text(done, end="")
        text.append("━" * (width - len(done)), style=rest_style)
        return text
