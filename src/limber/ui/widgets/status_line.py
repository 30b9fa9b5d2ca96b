"""One-line bars drawn as a single widget each: fewer widgets to lay out is a faster start and a cheaper frame."""

from __future__ import annotations

import math

from rich.cells import cell_len
from rich.text import Text
from textual.app import RenderResult
from textual.widget import Widget

from ...printable import printable
from ...routine import format_duration
from ..shown import clip
from ...words import counted

MIN_BAR = 8  # cells: a shorter bar gives way to shorter words beside it


def time_elapsed(seconds: float) -> tuple[str, ...]:
    """The session's time so far, in whole seconds gone: "0:14 elapsed", or "0:14" where room is short."""
    time = format_duration(math.floor(seconds))
    return (f"{time} elapsed", time)


def time_left(seconds: float, untimed: int) -> tuple[str, ...]:
    """The routine's time left in words, longest first: "1:33 left", and while steps done at
    one's own pace are still to come, how many ("1:33 left + 1 step at your pace")."""
    time = format_duration(seconds)
    if not untimed:
        return (f"{time} left",)
    steps = counted(untimed, "step")
    return (f"{time} left + {steps} at your pace", f"{time} + {steps} left")


class EndsLine(Widget):
    """Text at the left end and at the right end of one line, e.g. the routine's name and the sound state.
    The right end is kept whole where it fits; the left is cut short (in cells) to make room."""

    DEFAULT_CSS = """
    EndsLine { height: 1; width: 1fr; }
    EndsLine > .ends-line--right { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"ends-line--right"}

    def __init__(self, left: str = "", right: str = "", *, id: str | None = None):
        super().__init__(id=id)
        self._left, self._right = printable(left), printable(right)

    def set_ends(self, left: str, right: str) -> None:
        left, right = printable(left), printable(right)
        if (left, right) != (self._left, self._right):
            self._left, self._right = left, right
            self.refresh()

    def render(self) -> RenderResult:
        width = self.content_size.width
        right = clip(self._right, width)
        room = max(0, width - cell_len(right) - 1)
        left = clip(self._left, room)
        text = Text(left, style="bold", end="")
        text.append(" " * max(0, width - cell_len(left) - cell_len(right)))
        text.append(right, style=self.get_component_rich_style("ends-line--right"))
        return text


class ProgressSummary(Widget):
    """"0:14 elapsed ━━━━━━━━━━━━╸━━━━━━━ 7:50 left" for the whole routine, repainted only when it changes.
    The time left may come in several wordings, longest first: the longest that leaves the bar
    MIN_BAR cells is shown."""

    DEFAULT_CSS = """
    ProgressSummary { height: 1; width: 1fr; color: $primary; }
    ProgressSummary > .progress-summary--text { color: $text; }
    ProgressSummary > .progress-summary--rest { color: $panel-lighten-2; }
    """
    COMPONENT_CLASSES = {"progress-summary--text", "progress-summary--rest"}

    def __init__(self, *, id: str | None = None):
        super().__init__(id=id)
        self._wordings: tuple[tuple[str, ...], tuple[str, ...]] = (("",), ("",))
        self._fraction = 0.0
        self._halves = -1

    def show(self, elapsed: str | tuple[str, ...], left: str | tuple[str, ...], fraction: float) -> None:
        """The time gone, the time left (each one wording, or several, longest first), and how
        far through the routine is. Repaints only when the words or a half cell of the bar change."""
        wordings = ((elapsed,) if isinstance(elapsed, str) else elapsed, (left,) if isinstance(left, str) else left)
        fraction = min(1.0, max(0.0, fraction))
        halves = int(fraction * self._bar_width(*self._fitting(wordings)) * 2)
        if wordings != self._wordings or halves != self._halves:
            self._wordings, self._fraction, self._halves = wordings, fraction, halves
            self.refresh()

    @property
    def shown(self) -> tuple[str, str, float]:
        """The words and the fraction as drawn at the widget's present width."""
        return (*self._fitting(self._wordings), self._fraction)

    def _fitting(self, wordings: tuple[tuple[str, ...], tuple[str, ...]]) -> tuple[str, str]:
        """The longest wordings that leave the bar MIN_BAR cells: the time left is said shorter
        first, then the time gone drops its word; else the shortest of both. Worked out at the
        width of the moment, so the first frame and every resize say it right."""
        width = self.content_size.width
        elapsed_wordings, left_wordings = wordings
        for elapsed in elapsed_wordings:
            for left in left_wordings:
                if cell_len(elapsed) + cell_len(left) + 4 + MIN_BAR <= width:
                    return elapsed, left
        return elapsed_wordings[-1], left_wordings[-1]

    def _bar_width(self, elapsed: str, left: str) -> int:
        return max(1, self.content_size.width - cell_len(elapsed) - cell_len(left) - 4)

    def render(self) -> RenderResult:
        elapsed, left, fraction = self.shown
        width = self._bar_width(elapsed, left)
        halves = int(fraction * width * 2)
        full, half = divmod(halves, 2)
        done = "━" * full + ("╸" if half else "")
        words = self.get_component_rich_style("progress-summary--text")
        text = Text(elapsed + "  ", style=words, end="")
        text.append(done)
        text.append("━" * (width - len(done)), style=self.get_component_rich_style("progress-summary--rest"))
        text.append("  " + left, style=words)
        return text
