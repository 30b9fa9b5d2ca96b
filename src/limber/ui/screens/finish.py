"""The end of a session: how it went in a word, each step's result, and what it adds to the history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from ...engine import Outcome, Summary
from ...history.recorder import session_outcome
from ...history.records import SessionOutcome
from ...printable import printable
from ...routine import Kind, Plan, format_duration
from ..shown import clip, join_fitting, pad
from ..widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from ...history.recorder import Recorder
    from ...history.stats import Progress

MARKS = {"done": "✓", "skipped": "–", "partly done": "~", "not reached": "·"}
TITLES = {SessionOutcome.FINISHED: "Finished", SessionOutcome.FINISHED_WITH_SKIPS: "Finished with skips",
          SessionOutcome.STOPPED_EARLY: "Stopped early"}


def step_results(plan: Plan, summary: Summary) -> list[tuple[str, str]]:
    """One line per step (per round in blocks): its name and done, skipped or partly done."""
    groups: dict[tuple, list[Outcome | None]] = {}
    names: dict[tuple, str] = {}
    for segment, outcome in zip(plan.segments, summary.outcomes):
        if segment.kind is not Kind.WORK:
            continue
        key = (segment.step, segment.round, segment.name)
        groups.setdefault(key, []).append(outcome)
        names[key] = segment.name + (f" (round {segment.round})" if segment.rounds else "")
    lines = []
    for key, outcomes in groups.items():
        if all(o is Outcome.DONE for o in outcomes):
            state = "done"
        elif all(o is Outcome.SKIPPED for o in outcomes):
            state = "skipped"
        elif all(o is None for o in outcomes):
            state = "not reached"
        else:
            state = "partly done"
        lines.append((names[key], state))
    return lines


def how_it_went(plan: Plan, summary: Summary) -> tuple[str, list[str]]:
    """(the outcome as the history keeps it, the numbers): "finished with skips",
    ["1 of 3 steps done", "2 skipped", "active 1:10", "paused 0:05"]."""
    results = step_results(plan, summary)
    done = sum(1 for _, state in results if state == "done")
    skipped = sum(1 for _, state in results if state in ("skipped", "partly done"))
    parts = [f"{done} of {len(results)} steps done"]
    if skipped:
        parts.append(f"{skipped} skipped")
    parts.append(f"active {format_duration(summary.active_seconds)}")
    if summary.paused_seconds >= 1:
        parts.append(f"paused {format_duration(summary.paused_seconds)}")
    return session_outcome(summary), parts




def progress_lines(progress: Progress, width: int) -> list[str]:
    """Today's minutes, the streak and the week against the goal, in lines of at most `width` cells."""
    days = progress.current_streak
    streak = f"{days}-day streak" if days else "no streak yet"
    share = min(1.0, progress.week_minutes / progress.weekly_goal) if progress.weekly_goal else 1.0
    week = f"This week {progress.week_minutes:.0f} of {progress.weekly_goal} min"
    cells = max(0, min(16, width - cell_len(week) - 6))
    bar = f" {'━' * round(share * cells)}{'─' * (cells - round(share * cells))}" if cells >= 5 else ""
    return [f"Today {progress.today_minutes:.0f} min · {streak}", f"{week}{bar} {share:.0%}"]


class StepResults(Widget):
    """Each step with its result at the right, the name cut to the width rather than the result
    wrapped under it."""

    DEFAULT_CSS = "StepResults { height: auto; width: auto; max-width: 100%; }"
    GAP = 3  # cells between the longest name and the results

    def __init__(self, results: list[tuple[str, str]], id: str | None = None):
        super().__init__(id=id)
        self.results = results

    def get_content_height(self, container, viewport, width: int) -> int:
        return len(self.results)

    def get_content_width(self, container, viewport) -> int:
        longest = max((cell_len(printable(name)) for name, _ in self.results), default=0)
        return 2 + longest + self.GAP + len("partly done")

    def render_line(self, y: int) -> Strip:
        from rich.segment import Segment

        width = self.size.width
        if y >= len(self.results) or width <= 0:
            return Strip.blank(width, self.rich_style)
        name, state = self.results[y]
        room = max(1, width - 2 - self.GAP - len("partly done"))
        line = pad(f"{MARKS[state]} {pad(clip(printable(name), room), room)}{' ' * self.GAP}{state}", width)
        style = self.get_component_rich_style(f"-{state.replace(' ', '-')}", partial=True)
        return Strip([Segment(line, self.rich_style + style)]).crop(0, width)

    COMPONENT_CLASSES = {"-done", "-skipped", "-partly-done", "-not-reached"}


class FinishScreen(Screen):
    DEFAULT_CSS = """
    FinishScreen { align: center middle; }
    #finish-box {
        width: 72;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        padding: 1 2;
    }
    #finish-box > Static { width: 100%; text-align: center; }
    #finish-title { text-style: bold; color: $success; }
    #finish-box.-finished-with-skips #finish-title { color: $warning; }
    #finish-box.-stopped-early #finish-title { color: $text-warning; }
    #finish-routine { text-style: bold; }
    #finish-times { margin-top: 1; color: $text-muted; }
    #finish-history { margin-top: 1; color: $text; }
    #finish-steps { height: auto; max-height: 1fr; margin-top: 1; align-horizontal: center; }
    StepResults > .-done { color: $text-success; }
    StepResults > .-skipped { color: $text-muted; }
    StepResults > .-partly-done { color: $text-warning; }
    StepResults > .-not-reached { color: $text-disabled; }
    FinishScreen.-short #finish-box { padding: 0 1; }
    FinishScreen.-short #finish-times, FinishScreen.-short #finish-history,
    FinishScreen.-short #finish-steps { margin-top: 0; }
    """

    BINDINGS = [
        Binding("r,enter", "again", "Play again", id="again"),
        Binding("q,escape", "quit_now", "Quit", id="quit"),
    ]

    class Done(Message):
        """The person is done with the session: back to where it was started from."""

    @dataclass
    class PlayAgain(Message):
        """Start the same routine again from the top (the app does it)."""

    @dataclass
    class ProgressRead(Message, bubble=False):
        """The history's numbers after this session, or None when there is no history to show."""

        progress: Progress | None

    def __init__(self, plan: Plan, summary: Summary, history: Recorder | None = None):
        super().__init__()
        self.plan = plan
        self.summary = summary
        self.history = history
        self.progress: Progress | None = None

    def compose(self) -> ComposeResult:
        outcome, numbers = how_it_went(self.plan, self.summary)
        self.outcome, self.numbers = outcome, numbers
        with Vertical(id="finish-box", classes=f"-{outcome.replace(' ', '-')}"):
            yield Static(TITLES[outcome], id="finish-title", markup=False)
            yield Static(printable(self.plan.name), id="finish-routine", markup=False)
            yield Static(" · ".join(numbers), id="finish-times", markup=False)
            yield Static("", id="finish-history", markup=False)
            with VerticalScroll(id="finish-steps"):
                yield StepResults(step_results(self.plan, self.summary))
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#finish-history").display = False
        if self.history is not None:
            self._read_progress(self.history)

    def on_resize(self) -> None:
        self.set_class(self.size.height < 16, "-short")
        self.query_one("#finish-times", Static).update(join_fitting(self.numbers, self._width()))
        self._show_progress()

    def _width(self) -> int:
        """Cells across inside the box."""
        return min(self.size.width, 72) - (2 if self.size.height < 16 else 4)

    @work(thread=True, group="history")
    def _read_progress(self, history: Recorder) -> None:
        self.post_message(self.ProgressRead(read_progress(history)))

    def on_finish_screen_progress_read(self, read: ProgressRead) -> None:
        self.progress = read.progress
        self._show_progress()

    def _show_progress(self) -> None:
        shown = self.query_one("#finish-history", Static)
        if self.progress is None:
            shown.display = False
            return
        shown.update("\n".join(progress_lines(self.progress, self._width())))
        shown.display = True

    def action_again(self) -> None:
        self.post_message(self.PlayAgain())

    def action_quit_now(self) -> None:
        self.post_message(self.Done())


def read_progress(history: Recorder) -> Progress | None:
    """The history's numbers once this session is written; None when the history is off or
    cannot be read (the finish screen then goes without them)."""
    from ...config import settings_or_defaults
    from ...history.stats import progress
    from ...history.store import Store

    if history.enabled is False:
        return None
    settings = settings_or_defaults()
    if not settings.history:
        return None
    goal = settings.weekly_goal
    try:
        history.flush(timeout=3.0)  # this session's end is written before it is counted
        store = Store.open(history.path, create=False)
        if store is None:
            return None
        try:
            return progress(store, history.wall().date(), goal)
        finally:
            store.close()
    except Exception:  # noqa: BLE001 - the finish screen never fails for the history
        return None
