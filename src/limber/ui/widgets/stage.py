"""The stage: the phase band, the step, the big number and what comes next, drawn from a `StageView`.

Each widget keeps its own text in a reactive, so it repaints only when its text changes; the
stage takes whole views and keeps the phase as CSS classes for the player's CSS to colour.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.content import Content
from textual.containers import Vertical
from textual.reactive import reactive, var
from textual.widget import Widget

from ...printable import printable
from ..shown import ELLIPSIS, clip, literal
from ..stage_view import StageView
from .big_clock import BigClock
from .progress_line import ProgressLine


class Line(Widget):
    """One line of text shown as written (never markup), cut with `…` where it does not fit;
    hidden while it has nothing to say."""

    DEFAULT_CSS = """
    Line { height: 1; width: 1fr; text-wrap: nowrap; text-overflow: ellipsis; }
    Line.-empty { display: none; }
    """

    text: reactive[str] = reactive("", layout=False)

    def __init__(self, text: str = "", *, id: str | None = None, classes: str | None = None):
        # Born with its class: set_class here would style the line once more before it is mounted.
        super().__init__(id=id, classes=" ".join(filter(None, (classes, "" if text else "-empty"))))
        self.set_reactive(Line.text, text)

    def watch_text(self, text: str) -> None:
        # A class rather than `display`, so the player's CSS may still hide a line on a small screen.
        self.set_class(not text, "-empty")

    def render(self) -> RenderResult:
        return literal(self.text)


class Block(Line):
    """Lines of text shown as written, line breaks kept; as tall as the text, up to its max-height."""

    DEFAULT_CSS = """
    Block { height: auto; text-wrap: wrap; }
    """

    text: reactive[str] = reactive("", layout=True)

    def render(self) -> RenderResult:
        content = literal(self.text, newlines=True)
        width, height = self.content_size
        if width <= 0 or height <= 0 or self.styles.text_wrap == "nowrap":
            return content  # lines that do not wrap are cut by the CSS, each with its own `…`
        lines = content.wrap(width)
        if len(lines) <= height:
            return content
        # Cut by its max-height (the safety notice on a small screen): the last line it has room
        # for ends in `…`, so nobody takes a cut sentence for the whole of it.
        shown = lines[:height]
        last = shown[-1].rstrip()
        shown[-1] = (last.truncate(width - 1) if last.cell_length >= width else last) + ELLIPSIS
        return Content("\n").join(shown)


class PhaseBand(Widget):
    """The phase in words on a band of its colour, with what the step works at the right end."""

    DEFAULT_CSS = """
    PhaseBand { height: 1; width: 1fr; text-style: bold; }
    """

    ends: reactive[tuple[str, str]] = reactive(("", ""), layout=False)

    def render(self) -> RenderResult:
        # The margins are spaces of the text rather than padding, so a reversed band (the last
        # seconds) turns over from end to end.
        left, right = (printable(end) for end in self.ends)
        width = self.content_size.width - 2
        left = clip(left, width)
        right = clip(right, max(0, width - cell_len(left) - 2))
        return Text(f" {left}{' ' * max(0, width - cell_len(left) - cell_len(right))}{right} ", end="")


class Stage(Vertical):
    """Everything about the segment under way. `show(view)` brings it up to date; only what
    changed is repainted."""

    # A var, not a reactive: the stage itself draws nothing, and repainting it would repaint
    # every widget inside it each second. The widgets below repaint when their own text changes.
    view: var[StageView | None] = var(None, init=False)

    def __init__(self, view: StageView, *, id: str | None = None):
        super().__init__(id=id, classes=" ".join(sorted(self._look(view))))
        self.set_reactive(Stage.view, view)
        # Every widget starts with its first text: mounting needs no second round of updates
        # (each would restyle or repaint what was just drawn).
        self._band = PhaseBand(id="phase")
        self._band.set_reactive(PhaseBand.ends, (view.band, view.targets))
        self._title = Line(view.title, id="step-name")
        self._detail = Line(view.detail, id="step-detail")
        self._notice = Block(view.notice, id="notice")
        self._clock = BigClock(view.big, id="clock")
        self._caption = Line(view.caption, id="caption")
        self._prompt = Line(view.prompt, id="prompt")
        self._bar = ProgressLine(id="segment-progress")
        self._then = Line(view.then, id="then")
        self._notes_label = Line(view.notes_label, id="notes-label")
        self._notes = Block(view.notes, id="notes")
        self._problems: Block | None = None  # mounted with the first problem: most sessions have none

    def compose(self) -> ComposeResult:
        yield self._band
        yield self._title
        yield self._detail
        yield self._notice
        yield self._clock
        yield self._caption
        yield self._prompt
        yield self._bar
        yield self._then
        yield self._notes_label
        yield self._notes

    def on_mount(self) -> None:
        if self.view is not None:
            self._bar.set_fraction(self.view.fraction)

    @staticmethod
    def _look(view: StageView) -> set[str]:
        classes = {f"-{view.phase}"}
        if view.paused:
            classes.add("-paused")
        if view.last_seconds:
            classes.add("-last-seconds")
        if view.untimed:
            classes.add("-untimed")
        return classes

    def show(self, view: StageView) -> None:
        self.view = view  # an equal view does nothing

    def watch_view(self, old: StageView | None, view: StageView | None) -> None:
        if view is None:
            return
        look = self._look(view)
        if old is None or self._look(old) != look:
            self.set_classes(look)
        self._band.ends = (view.band, view.targets)
        self._title.text = view.title
        self._detail.text = view.detail
        self._notice.text = view.notice
        self._clock.value = view.big
        self._caption.text = view.caption
        self._prompt.text = view.prompt
        self._bar.set_fraction(view.fraction)
        self._then.text = view.then
        self._notes_label.text = view.notes_label
        self._notes.text = view.notes

    def show_problems(self, head: str, first: str) -> None:
        """A short banner over the foot of the stage (two lines), or none when both are empty."""
        text = f"{head}\n{first}".strip()
        if self._problems is None:
            if not text:
                return
            # On a layer of its own, docked: a banner that comes and goes never moves the clock.
            self._problems = Block(text, id="problems")
            self.mount(self._problems)
        self._problems.text = text
