"""Editing a routine inside limber: the YAML with highlighting, its problems and its plan beside it, live."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.segment import Segment
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import OptionList, TextArea
from textual.widgets.option_list import Option

from ... import library
from ...files import FileTooLarge, read_regular, write_atomically
from ...printable import printable
from ...routine import Kind, Problem, RoutineError, compile_plan, format_duration, parse_routine
from ...routine.loader import MAX_FILE_BYTES
from ..shown import clip_left, drawable, failure, literal, tilde
from ..widgets.key_bar import KeyBar
from ..widgets.literal import Literal
from .confirm import DiscardChanges
from ...words import counted

CHECK_AFTER = 0.3  # seconds of quiet typing before the text is checked again


def plan_preview(text: str, name: str, base_dir: Path) -> tuple[list[Problem], str]:
    """(problems, preview) for the text as it stands: the problems found, or the plan in brief."""
    try:
        routine = parse_routine(text, name, base_dir=base_dir)
        plan = compile_plan(routine, path=name)
    except RoutineError as error:
        return error.problems, ""
    lines = [printable(routine.name), f"{routine.steps_words} · {plan.time_words}", ""]
    for segment in plan.segments:
        if segment.kind is Kind.WORK:
            side = f" ({printable(segment.side)})" if segment.side else ""
            time = format_duration(segment.seconds) if segment.timed else "Enter"
            lines.append(f"{time:>6}  {printable(segment.name)}{side}")
    return [], "\n".join(lines)


class CannotEdit(Exception):
    """A routine the edit screen cannot open, with why in words to show."""


def own_copy(path: Path) -> Path:
    """The person's editable copy of `path` (made now for a bundled routine); CannotEdit when
    it cannot be made (a full disk, a config folder that cannot be written)."""
    try:
        return library.own_copy(path)
    except OSError as error:
        raise CannotEdit(failure(f"Could not make your own copy of {path.name} in", library.user_routines_dir(),
                                 error)) from None


class RoutineText(TextArea):
    """The code editor for a routine. A file may hold control characters (the checker lists
    them as problems); they are edited like any other character but never drawn raw. Lines
    with a problem are marked in the gutter."""

    COMPONENT_CLASSES = {"routine-text--problem"}
    DEFAULT_CSS = """
    RoutineText > .routine-text--problem { color: $text-error; background: $error-muted; text-style: bold; }
    """
    PROBLEM_MARK = "●"

    bad_lines: frozenset[int] = frozenset()  # 0-based rows with a problem

    def mark_lines(self, rows: frozenset[int]) -> None:
        if rows != self.bad_lines:
            self.bad_lines = rows
            self.refresh()

    def render_line(self, y: int) -> Strip:
        strip = drawable(super().render_line(y))
        if not self.bad_lines or not self.show_line_numbers or self.soft_wrap:
            return strip
        row = self.scroll_offset.y + y
        if row not in self.bad_lines or row >= self.document.line_count:
            return strip
        width = self.gutter_width
        style = self.get_component_rich_style("routine-text--problem")
        gutter = Strip([Segment(f"{row + 1:>{width - 2}}{self.PROBLEM_MARK} ", style)], width)
        return Strip.join([gutter, strip.crop(width, strip.cell_length)])


class EditScreen(Screen[bool]):
    """Returns True when something was saved."""

    DEFAULT_CSS = """
    #edit-title { padding: 0 1; background: $panel; text-style: bold; }
    #edit-body { height: 1fr; }
    #yaml { width: 2fr; }
    #edit-side { width: 1fr; min-width: 30; padding: 0 1; }
    #edit-status { text-style: bold; margin-bottom: 1; }
    EditScreen #problems { height: auto; max-height: 50%; border: none; margin: 0; color: $error; }
    #preview-box { height: 1fr; }
    EditScreen.-narrow #edit-body { layout: vertical; }
    EditScreen.-narrow #yaml { width: 100%; height: 1fr; }
    EditScreen.-narrow #edit-side { width: 100%; min-width: 0; height: auto; max-height: 40%; padding: 0 1; }
    EditScreen.-narrow #edit-status { margin-bottom: 0; }
    EditScreen.-narrow #preview-box { display: none; }
    EditScreen.-narrow #problems { max-height: 5; }
    EditScreen.-short #problems { max-height: 2; }
    EditScreen.-short #yaml { border: none; padding: 0; }
    EditScreen.-short #edit-side { padding: 0; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True),
        # Priority: the code editor would otherwise take Escape for itself.
        Binding("escape", "close", "Close", id="close", priority=True),
        Binding("f8", "next_problem", "Next problem", id="next-problem"),
    ]

    @dataclass
    class Checked(Message, bubble=False):
        """A check of the text finished: what it found, and for which text."""

        number: int  # checks are numbered as they start; an older one never undoes a newer
        text: str
        problems: list[Problem]
        preview: str

    @classmethod
    def open(cls, path: Path) -> EditScreen:
        """The edit screen for the person's own copy of `path`; CannotEdit says why there is none."""
        target = own_copy(path)
        try:
            data = read_regular(target, MAX_FILE_BYTES)
        except FileTooLarge:
            raise CannotEdit(f"Could not open {target}: routine files are limited to 1 MiB") from None
        except OSError as error:
            raise CannotEdit(failure("Could not open", target, error)) from None
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            raise CannotEdit(f"Could not open {target}: it is not UTF-8 text") from None
        return cls(target, text)

    def __init__(self, path: Path, text: str):
        super().__init__()
        self.path = path
        self.saved_text = text
        self.saved_any = False
        self.save_problem: str | None = None  # why the last save failed, until one succeeds
        self.problems: list[Problem] = []
        self._check_timer: Timer | None = None
        self._checks_started = 0
        self._checks_shown = 0
        self._checked_text: str | None = None
        self._saved_unchecked: str | None = None  # saved text whose check is still running
        self._placed_cursor = False  # the first check puts the cursor on the first problem, once

    def compose(self) -> ComposeResult:
        yield Literal(f"Editing {tilde(self.path)}", id="edit-title")
        with Horizontal(id="edit-body"):
            yield RoutineText.code_editor(self.saved_text, language="yaml", id="yaml", soft_wrap=False)
            with Vertical(id="edit-side"):
                yield Literal("", newlines=True, id="edit-status")
                yield OptionList(id="problems")
                with VerticalScroll(id="preview-box"):
                    yield Literal("", newlines=True, id="preview")
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#yaml", TextArea).focus()
        self.query_one("#problems", OptionList).display = False
        self._fit()
        self.check_now()

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        """The text first: under 100 columns the problems go under it and the preview gives way."""
        self.set_class(self.size.width < 100, "-narrow")
        self.set_class(self.size.height < 18, "-short")
        # One line, whatever the width: a long path gives up its start, where it says least.
        self.query_one("#edit-title", Literal).update(f"Editing {clip_left(tilde(self.path), self.size.width - 10)}")

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
        """Check the text as it stands, in a thread: a large routine takes a good part of a
        second to parse, and typing must not wait for it."""
        self._checks_started += 1
        self._check(self._checks_started, self.text)

    @work(thread=True, group="reading")
    def _check(self, number: int, text: str) -> None:
        problems, preview = plan_preview(text, str(self.path), self.path.parent)
        self.post_message(self.Checked(number, text, problems, preview))

    @on(Checked)
    def _show_check(self, checked: Checked) -> None:
        if checked.number <= self._checks_shown:
            return  # overtaken by a check of newer text
        self._checks_shown = checked.number
        self._checked_text = checked.text
        problems = checked.problems
        options = self.query_one("#problems", OptionList)
        options.clear_options()
        options.add_options([Option(literal(f"{p.line}:{p.column}  {p.message}"), id=f"{p.line}:{p.column}:{i}")
                             for i, p in enumerate(problems)])
        options.display = bool(problems)
        self.problems = problems
        area = self.query_one("#yaml", RoutineText)
        area.mark_lines(frozenset(p.line - 1 for p in problems if p.line > 0))
        if problems and not self._placed_cursor and checked.text == self.saved_text:
            first = next((p for p in problems if p.line > 0), None)
            if first is not None:
                area.cursor_location = (first.line - 1, max(0, first.column - 1))
                # Once the problem list has taken its room (under the text on a small screen),
                # or the line would sit just out of sight below it.
                self.call_after_refresh(area.scroll_cursor_visible, center=True)
        self._placed_cursor = True
        self.query_one("#preview", Literal).update(checked.preview)
        self.query_one("#preview-box").display = not problems
        self._show_status()
        if self._saved_unchecked is not None and checked.text == self._saved_unchecked:
            self._saved_unchecked = None
            self._say_saved()

    def _show_status(self) -> None:
        problems = self.problems
        parts = [counted(len(problems), "problem") if problems else "no problems"]
        parts.append("unsaved changes" if self.dirty else "saved")
        status = " · ".join(parts)
        if self.save_problem is not None and self.dirty:
            status += "\n" + printable(self.save_problem)
        self.query_one("#edit-status", Literal).update(status)

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
        try:
            write_atomically(self.path, text, keep_backup=True)
        except OSError as error:
            # A full disk or a folder that cannot be written: the text stays here, unsaved.
            self.save_problem = failure("Could not save", self.path, error)
            self._show_status()
            self.notify(f"{self.save_problem}. Your text is still here, not saved.", severity="error", timeout=10)
            return
        self.save_problem = None
        self.saved_text = text
        self.saved_any = True
        self._show_status()
        if self._checked_text == text:
            self._say_saved()
        else:
            self._saved_unchecked = text  # said once the check of this text is back
            self.check_now()

    def _say_saved(self) -> None:
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
