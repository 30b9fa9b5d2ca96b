"""Editing a routine inside limber: the YAML with highlighting, its problems and its plan beside it, live."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import OptionList, Static, TextArea
from textual.widgets.option_list import Option

from ...files import write_atomically
from ...routine import Kind, RoutineError, compile_plan, format_duration, parse_routine
from ..widgets.key_bar import KeyBar
from .confirm import DiscardChanges

CHECK_AFTER = 0.3  # seconds of quiet typing before the text is checked again


def plan_preview(text: str, name: str, base_dir: Path) -> tuple[list, str]:
    """(problems, preview) for the text as it stands: the problems found, or the plan in brief."""
    try:
        routine = parse_routine(text, name, base_dir=base_dir)
        plan = compile_plan(routine, path=name)
    except RoutineError as error:
        return error.problems, ""
    lines = [f"{routine.name}", f"{routine.exercise_count} steps · {format_duration(plan.total_seconds)}"
             + (f" + {plan.untimed_segments} untimed" if plan.untimed_segments else ""), ""]
    for segment in plan.segments:
        if segment.kind is Kind.WORK:
            side = f" ({segment.side})" if segment.side else ""
            time = format_duration(segment.seconds) if segment.timed else "Enter"
            lines.append(f"{time:>6}  {segment.name}{side}")
    return [], "\n".join(lines)


class EditScreen(Screen[bool]):
    """Returns True when something was saved."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        # Priority: the code editor would otherwise take Escape for itself.
        Binding("escape", "close", "Close", id="close", priority=True),
        Binding("f8", "next_problem", "Next problem", id="next-problem"),
    ]

    def __init__(self, path: Path):
        super().__init__()
        self.path = path
        self.saved_text = path.read_text(encoding="utf-8")
        self.saved_any = False
        self._check_timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static(f"Editing {self.path}", id="edit-title")
        with Horizontal(id="edit-body"):
            yield TextArea.code_editor(self.saved_text, language="yaml", id="yaml", soft_wrap=False)
            with Vertical(id="edit-side"):
                yield Static("", id="edit-status")
                yield OptionList(id="problems")
                with VerticalScroll(id="preview-box"):
                    yield Static("", id="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#yaml", TextArea).focus()
        self.check_now()

    @property
    def text(self) -> str:
        return self.query_one("#yaml", TextArea).text

    @property
    def dirty(self) -> bool:
        return self.text != self.saved_text

    @on(TextArea.Changed)
    def _typed(self) -> None:
        # Check once typing pauses, not on every key.
        if self._check_timer is not None:
            self._check_timer.stop()
        self._check_timer = self.set_timer(CHECK_AFTER, self.check_now)
        self._show_status()

    def check_now(self) -> None:
        problems, preview = plan_preview(self.text, str(self.path), self.path.parent)
        options = self.query_one("#problems", OptionList)
        options.clear_options()
        options.add_options([Option(f"{p.line}:{p.column}  {p.message}", id=f"{p.line}:{p.column}:{i}")
                             for i, p in enumerate(problems)])
        options.display = bool(problems)
        self.problems = problems
        self.query_one("#preview", Static).update(preview)
        self.query_one("#preview-box").display = not problems
        self._show_status()

    def _show_status(self) -> None:
        problems = getattr(self, "problems", [])
        parts = [f"{len(problems)} problem{'s' if len(problems) != 1 else ''}" if problems else "no problems"]
        parts.append("unsaved changes" if self.dirty else "saved")
        self.query_one("#edit-status", Static).update(" · ".join(parts))

    @on(OptionList.OptionSelected, "#problems")
    def _go_to_problem(self, event: OptionList.OptionSelected) -> None:
        line, column, _ = (event.option.id or "1:1:0").split(":")
        area = self.query_one("#yaml", TextArea)
        area.cursor_location = (max(0, int(line) - 1), max(0, int(column) - 1))
        area.focus()

    def action_next_problem(self) -> None:
        problems = getattr(self, "problems", [])
        if not problems:
            return
        area = self.query_one("#yaml", TextArea)
        row = area.cursor_location[0] + 1
        after = [p for p in problems if p.line > row] or problems
        area.cursor_location = (max(0, after[0].line - 1), max(0, after[0].column - 1))
        area.focus()

    def action_save(self) -> None:
        text = self.text
        write_atomically(self.path, text, keep_backup=True)
        self.saved_text = text
        self.saved_any = True
        self.check_now()
        if self.problems:
            self.notify(f"Saved {self.path.name} with problems: the player keeps the last good version.",
                        severity="warning")
        else:
            self.notify(f"Saved {self.path.name} (the previous version is {self.path.name}~).")

    @work
    async def action_close(self) -> None:
        if self.dirty and not await self.app.push_screen_wait(DiscardChanges()):
            return
        self.dismiss(self.saved_any)
