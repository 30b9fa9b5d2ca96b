"""The end of a session: what was done and skipped, active and paused time."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from ...engine import Outcome, Summary
from ...printable import printable
from ...routine import Kind, Plan, format_duration
from ..messages import PlayAgain
from ..shown import pad
from ..widgets.key_bar import KeyBar
from ..widgets.literal import Literal


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


class FinishScreen(Screen):
    BINDINGS = [
        Binding("r,enter", "again", "Play again", id="again"),
        Binding("q,escape", "quit_now", "Quit", id="quit"),
    ]

    def __init__(self, plan: Plan, summary: Summary):
        super().__init__()
        self.plan = plan
        self.summary = summary

    def compose(self) -> ComposeResult:
        summary = self.summary
        results = step_results(self.plan, summary)
        done = sum(1 for _, state in results if state == "done")
        marks = {"done": "✓", "skipped": "–", "partly done": "~", "not reached": " "}
        with Vertical(id="finish-box"):
            if done == len(results):
                title = "Well done! Routine complete."
            elif summary.completed:
                title = "Routine complete"
            else:
                title = "Session over"
            yield Static(title, id="finish-title")
            yield Literal(self.plan.name, id="finish-routine")
            yield Static(
                f"Active {format_duration(summary.active_seconds)}   ·   paused {format_duration(summary.paused_seconds)}"
                f"   ·   {done} of {len(results)} steps done",
                id="finish-times",
            )
            with VerticalScroll(id="finish-steps"):
                lines = (f" {marks[state]} {pad(printable(name), 34)} {state}" for name, state in results)
                yield Literal("\n".join(lines), newlines=True)
        yield KeyBar()

    def action_again(self) -> None:
        self.post_message(PlayAgain())

    def action_quit_now(self) -> None:
        self.app.exit(0)
