"""The queue: every segment of the plan grouped by step, drawn line by line so long routines scroll freely."""

from __future__ import annotations

from typing import NamedTuple

from rich.cells import set_cell_size
from rich.segment import Segment as RichSegment
from rich.style import Style
from textual.geometry import Region, Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ...engine import Outcome
from ...printable import printable
from ...routine import Kind, Plan, Segment, format_duration
from ..shown import clip, pad


UNTIMED = "—"  # the time of a step done at one's own pace (it ends with Enter)


class Row(NamedTuple):
    """One line of the queue: a step's title, or a segment under it."""

    label: str
    seconds: float | None
    first: int  # first and last segment index this row stands for
    last: int
    kind: Kind
    header: bool = False  # a step's title line above its sides, sets and switches
    child: bool = False  # one of the lines under a header, drawn indented


def _round(segment: Segment) -> str:
    return f" · round {segment.round}/{segment.rounds}" if segment.rounds else ""


def _child_label(segment: Segment) -> str:
    if segment.kind is Kind.SWITCH:
        return f"switch → {segment.side}" if segment.side else "switch"
    if segment.kind is Kind.REST:
        return segment.name.lower() if segment.name == "Rest" else segment.name
    parts = []
    if segment.sets:
        parts.append(f"set {segment.set}/{segment.sets}")
    if segment.side:
        parts.append(segment.side)
    if segment.reps:
        parts.append(f"{segment.reps} reps")
    return " · ".join(parts) or segment.name


def _single_label(segment: Segment) -> str:
    extra = []
    if segment.side:
        extra.append(segment.side)
    if segment.reps:
        extra.append(f"{segment.reps} reps")
    tail = f" ({', '.join(extra)})" if extra else ""
    return segment.name + tail + _round(segment)


def build_rows(plan: Plan) -> tuple[list[Row], list[int]]:
    """Rows to show, and for each segment the row that stands for it."""
    rows: list[Row] = []
    row_of: list[int] = [0] * len(plan.segments)
    segments = plan.segments
    start = 0
    while start < len(segments):
        first = segments[start]
        end = start + 1
        # A group: the run of segments from one step in one round (its sides, switches, sets).
        if first.step is not None and first.kind is not Kind.REST:
            while (end < len(segments) and segments[end].step == first.step and segments[end].round == first.round):
                end += 1
        if end - start == 1:
            row_of[start] = len(rows)
            rows.append(Row(_single_label(first), first.seconds, start, start, first.kind))
        else:
            group = segments[start:end]
            timed = all(s.seconds is not None for s in group)
            total = sum(s.seconds or 0 for s in group) if timed else None
            rows.append(Row(first.name + _round(first), total, start, end - 1, first.kind, header=True))
            for index in range(start, end):
                row_of[index] = len(rows)
                rows.append(Row(_child_label(segments[index]), segments[index].seconds, index, index,
                                segments[index].kind, child=True))
        start = end
    return rows, row_of


class QueueView(ScrollView, can_focus=False):
    """Done steps ticked, the current one highlighted and kept in view, the rest with their times."""

    DEFAULT_CSS = """
    QueueView {
        width: 1fr;
        height: 1fr;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
    }
    QueueView > .queue--done { color: $text-muted; }
    QueueView > .queue--skipped { color: $text-muted; text-style: strike; }
    QueueView > .queue--current { background: $accent 30%; text-style: bold; }
    QueueView > .queue--header { text-style: bold; }
    QueueView > .queue--quiet { color: $text-muted; }
    """
    COMPONENT_CLASSES = {"queue--done", "queue--skipped", "queue--current", "queue--header", "queue--quiet"}

    def __init__(self, plan: Plan, *, id: str | None = None, classes: str | None = None):
        super().__init__(id=id, classes=classes)
        self.plan = plan
        self.rows, self.row_of = build_rows(plan)
        self.current = -1
        self.outcomes: list[Outcome | None] = [None] * len(plan.segments)
        # Segments given more or less time than the plan says (+/-), by index: their rows show it.
        self.lengths: dict[int, float] = {}
        self.virtual_size = Size(0, len(self.rows))
        self._line_styles: dict[str | None, Style] = {}

    def set_plan(self, plan: Plan) -> None:
        """The routine was edited: new rows, the same place."""
        self.plan = plan
        self.rows, self.row_of = build_rows(plan)
        self.current = -1
        self.outcomes = [None] * len(plan.segments)
        self.lengths = {}
        self.virtual_size = Size(0, len(self.rows))
        self.refresh()

    def show(self, index: int, outcomes: list[Outcome | None]) -> None:
        """Mark the current segment and scroll it into view; repaint only when something moved."""
        outcomes_changed = outcomes != self.outcomes
        if index == self.current and not outcomes_changed:
            return
        self.current = index
        self.outcomes = list(outcomes)
        self.keep_in_view()
        self.refresh()

    def set_length(self, index: int, seconds: float | None) -> None:
        """The segment at `index` now lasts `seconds` (time added or taken): its row, and its
        step's total, show that. Cheap to call on every tick: it repaints only on a change."""
        if not 0 <= index < len(self.plan.segments):
            return
        planned = self.plan.segments[index].seconds
        if seconds is None or seconds == planned:
            if self.lengths.pop(index, None) is None:
                return
        elif self.lengths.get(index) == seconds:
            return
        else:
            self.lengths[index] = seconds
        self.refresh()

    def seconds_of(self, row: Row) -> float | None:
        """The row's time as it stands: the plan's, with any time added or taken since."""
        if row.seconds is None or not self.lengths:
            return row.seconds
        segments = self.plan.segments
        return row.seconds + sum(seconds - (segments[index].seconds or 0)
                                 for index, seconds in self.lengths.items() if row.first <= index <= row.last)

    def keep_in_view(self) -> None:
        if not (0 <= self.current < len(self.row_of)):
            return
        row = self.row_of[self.current]
        height = self.scrollable_content_region.height or self.size.height
        if height <= 0:
            return
        # Leave a few done rows above the current one so the person sees where they came from.
        top = self.scroll_offset.y
        if row < top + 2 or row > top + height - 3:
            self.scroll_to(y=max(0, row - max(2, height // 4)), animate=False)

    def on_resize(self) -> None:
        self.keep_in_view()

    def _status(self, row: Row) -> tuple[str, str | None]:
        if row.first <= self.current <= row.last:
            # One ▶, on the line of the segment under way; its step's title above stays a title.
            return (" ", "queue--header") if row.header else ("▶", "queue--current")
        if row.last < self.current or all(self.outcomes[i] is not None for i in range(row.first, row.last + 1)):
            skipped = all(self.outcomes[i] is Outcome.SKIPPED for i in range(row.first, row.last + 1))
            return ("–", "queue--skipped") if skipped else ("✓", "queue--done")
        if row.kind in (Kind.REST, Kind.SWITCH, Kind.GET_READY) and not row.header:
            return " ", "queue--quiet"
        return " ", "queue--header" if row.header else None

    def render_lines(self, crop: Region) -> list[Strip]:
        # Each line's style worked out once per repaint, not once per line: `rich_style` walks
        # every ancestor each time it is asked, and that was most of the cost of a repaint.
        self._work_out_line_styles()
        return super().render_lines(crop)

    def _work_out_line_styles(self) -> None:
        base = self.rich_style
        self._line_styles = {None: base}
        for name in self.COMPONENT_CLASSES:
            self._line_styles[name] = base + self.get_component_rich_style(name)

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        index = self.scroll_offset.y + y
        if not self._line_styles:
            self._work_out_line_styles()
        if index >= len(self.rows) or width <= 0:
            return Strip.blank(width, self._line_styles[None])
        row = self.rows[index]
        mark, component = self._status(row)
        style = self._line_styles[component]
        indent = "   " if row.child else " "
        seconds = self.seconds_of(row)
        time = format_duration(seconds) if seconds is not None else UNTIMED
        # Measured in cells: a Japanese name takes two a character.
        label_room = max(0, width - len(time) - len(indent) - 3)
        label = clip(printable(row.label), label_room)
        text = pad(f"{mark}{indent}{label}", width - len(time) - 1) + time + " "
        return Strip([RichSegment(set_cell_size(text, width), style)], width)
