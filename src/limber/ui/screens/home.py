"""The first screen of a bare `limber`: the routines in a list, the selected one's details beside it; Enter plays."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from collections.abc import Callable

from rich.cells import cell_len
from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Static
from textual.worker import get_current_worker

from ...record import record
from ... import library
from ...printable import printable
from ...routine import Kind, Plan, Problem, Routine, RoutineError, format_duration
from ..shown import clip, clip_left, failure, tilde
from ..widgets.key_bar import KeyBar
from ..widgets.literal import Literal
from ...words import counted

# Below this width the details go under the list; below these sizes they are left out.
SIDE_BY_SIDE = 76
DETAIL_MIN_ROWS = 10
WHERE_MIN_WIDTH = 50  # narrower than this, the "Where" column gives way to Steps and Time


@record
class RoutineRow:
    """One routine as the home screen lists it and details it. Text is as shown (printable)."""

    path: Path
    name: str
    steps: str = ""
    time: str = ""
    where: str = ""  # "bundled" or "yours"
    description: str = ""
    notice: str = ""
    targets: tuple[str, ...] = ()
    brief: tuple[str, ...] = ()  # the plan in brief: a line a step
    problems: tuple[Problem, ...] = ()
    last_done: datetime | None = None  # last played to the end
    last_played: datetime | None = None  # last started, however it ended
    history: bool = True  # whether a history is kept to say when it was last done

    @property
    def valid(self) -> bool:
        return not self.problems


def plan_brief(plan: Plan) -> list[str]:
    """A line a step of the plan: its time (switching sides included, as the player's queue
    counts it), name, and what repeats it (sides, sets, reps)."""
    steps: dict[object, dict] = {}
    for segment in plan.segments:
        if segment.kind is Kind.SWITCH and (segment.step, segment.name) in steps:
            steps[segment.step, segment.name]["seconds"] += segment.seconds or 0.0
            continue
        if segment.kind is not Kind.WORK:
            continue
        key = (segment.step, segment.name)
        step = steps.setdefault(key, {"name": segment.name, "seconds": 0.0, "untimed": False, "sides": [],
                                      "sets": segment.sets, "reps": segment.reps, "rounds": segment.rounds})
        if segment.seconds is None:
            step["untimed"] = True
        else:
            step["seconds"] += segment.seconds
        if segment.side and segment.side not in step["sides"]:
            step["sides"].append(segment.side)
    lines = []
    for step in steps.values():
        time = "reps" if step["untimed"] and not step["seconds"] else format_duration(step["seconds"])
        extras = []
        if len(step["sides"]) > 1:
            extras.append(f"{len(step['sides'])} sides")
        if step["sets"]:
            extras.append(f"{step['sets']} sets")
        if step["reps"]:
            extras.append(f"{step['reps']} reps")
        if step["rounds"]:
            extras.append(f"{step['rounds']} rounds")
        lines.append(f"{time:>5}  {printable(step['name'])}" + (f" · {', '.join(extras)}" if extras else ""))
    return lines


def routine_targets(routine: Routine, plan: Plan) -> tuple[str, ...]:
    """Every target its steps name, in the order they first come."""
    seen: dict[str, None] = {}
    for segment in plan.segments:
        for target in segment.targets:
            seen.setdefault(printable(target), None)
    return tuple(seen)


def routine_rows(given_up: Callable[[], bool] = lambda: False) -> list[RoutineRow] | None:
    """A row for every routine that can be played, read (or taken from the read cache) now,
    with when each was last done from the history; None when `given_up` says a newer reading
    has made this one pointless."""
    rows: list[RoutineRow] = []
    for entry in library.playable_entries():
        if given_up():
            return None
        where = "bundled" if entry.bundled else "yours"
        try:
            routine, plan = library.load_kept(entry.path)
        except RoutineError as error:
            rows.append(RoutineRow(entry.path, printable(entry.stem), where=where, problems=tuple(error.problems)))
            continue
        time = format_duration(plan.total_seconds) + ("+" if plan.untimed_segments else "")
        rows.append(RoutineRow(
            entry.path, printable(routine.name), str(routine.exercise_count), time, where,
            description=printable(routine.description, newlines=True), notice=printable(routine.notice, newlines=True),
            targets=routine_targets(routine, plan), brief=tuple(plan_brief(plan))))
    return _with_last_done(rows)


def _with_last_done(rows: list[RoutineRow]) -> list[RoutineRow]:
    """The rows with when each routine was last played to the end; as they are when the history
    is off, not made yet or cannot be read (the list never waits on it or fails for it)."""
    from ...config import settings_or_defaults

    if not settings_or_defaults().history:
        return [replace(row, history=False) for row in rows]
    try:
        from ...history.store import Store

        store = Store.open(create=False)
        if store is None:
            return rows
        try:
            return [replace(row, last_done=store.last_done(path=str(row.path)) or store.last_done(routine=row.name),
                            last_played=store.last_played(path=str(row.path)) or store.last_played(routine=row.name))
                    if row.valid else row for row in rows]
        finally:
            store.close()
    except Exception:  # noqa: BLE001 - a damaged or locked history leaves the list as it is
        return rows


def when_words(moment: datetime, now: datetime) -> str:
    """When a past moment was, as a person says it: today 08:10, yesterday, 3 days ago, 2026-01-04."""
    days = (now.date() - moment.date()).days
    if days <= 0:
        return f"today {moment:%H:%M}"
    if days == 1:
        return f"yesterday {moment:%H:%M}"
    if days < 14:
        return f"{days} days ago"
    return f"{moment:%Y-%m-%d}"


def history_words(row: RoutineRow, now: datetime) -> str:
    """When it was last done, and a later start that was not finished: a session stopped early
    is still a start, and "Not done yet" would say it never happened."""
    done = f"Last done {when_words(row.last_done, now)}" if row.last_done else ""
    if row.last_played is not None and (row.last_done is None or row.last_played > row.last_done):
        started = f"started {when_words(row.last_played, now)}, not finished"
        return f"{done}; {started}" if done else started[0].upper() + started[1:]
    return done or "Not done yet"


def detail_parts(row: RoutineRow, now: datetime) -> dict[str, str]:
    """What the detail pane says of a routine, part by part (each already printable; empty: left out)."""
    if not row.valid:
        count = len(row.problems)
        return {"name": row.name, "meta": f"{counted(count, 'problem')}: press E to fix "
                + ("them" if count != 1 else "it"), "path": tilde(row.path)}
    pace = " and reps at your pace" if row.time.endswith("+") else ""
    meta = [f"{counted(int(row.steps), 'step')} · {row.time}{pace}"]
    if row.history:
        meta.append(history_words(row, now))
    if row.targets:
        meta.append("For " + ", ".join(row.targets))
    where = "Bundled with limber: E edits your own copy" if row.where == "bundled" else tilde(row.path)
    return {"name": row.name, "meta": "\n".join(meta), "description": row.description, "notice": row.notice,
            "plan": "\n".join(row.brief), "path": where}


DETAIL_PARTS = ("name", "meta", "notice", "description", "plan", "path")


def banner_text(row: RoutineRow, width: int) -> str:
    """The home screen's word on a routine that cannot be played, in lines of at most `width`
    cells (never cut mid-word by the screen): how many problems and where, the first one with
    its line, and how to fix them."""
    count = len(row.problems)
    first = row.problems[0]
    problems = f"{counted(count, 'problem')} in "
    offer = " · press E to fix"
    wide = width >= 60
    room = width - cell_len(problems) - (cell_len(offer) if wide else 0)
    head = problems + clip_left(tilde(first.path or row.path), max(8, room))
    said = (f"line {first.line}: " if first.line > 0 else "") + printable(first.message)
    if wide:
        # Two lines at most for the problem itself: a longer message is cut where it ends.
        return f"{head}{offer}\n{clip(said, 2 * width - 12)}"
    return f"{head}\n{clip(said, width)}\npress E to fix"


class RoutineTable(DataTable):
    """The list of routines: Enter on it plays the row it is on when the key's turn comes, so
    Down, Down, Enter typed in one burst plays the row the arrows reached."""

    BINDINGS = [Binding("enter", "select_cursor", "Play", id="play")]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Play is dimmed on a routine that cannot be played; Enter there goes on to the screen,
        # which says what to do instead.
        if action == "select_cursor" and isinstance(self.screen, HomeScreen):
            row = self.screen._selected_row()
            if row is not None and not self.screen._playable(row):
                return None
        return True


class HomeScreen(Screen):
    DEFAULT_CSS = """
    #home-box { padding: 1 2 0 2; }
    #home-head { height: 1; margin-bottom: 1; }
    #home-title { width: auto; text-style: bold; color: $accent; margin-right: 2; }
    #home-hint { width: 1fr; color: $text-muted; }
    #home-main { height: 1fr; }
    #routines { width: auto; max-width: 60%; height: auto; max-height: 100%; }
    #home-detail-box { width: 1fr; height: auto; max-height: 100%; padding: 0 0 0 2; }
    #detail-name { text-style: bold; }
    #detail-meta { color: $text-muted; }
    #detail-notice { margin-top: 1; padding: 0 1; color: $text-warning; border-left: thick $warning; }
    #detail-description, #detail-plan, #detail-path { margin-top: 1; }
    #detail-path { color: $text-muted; }
    #home-problem {
        height: auto;
        margin-bottom: 1;
        padding: 0 1;
        color: $text-error;
        background: $error-muted;
        border-left: thick $error;
    }
    HomeScreen.-narrow #home-main { layout: vertical; }
    HomeScreen.-narrow #routines { max-width: 100%; max-height: 60%; }
    HomeScreen.-narrow #home-detail-box { width: 100%; height: 1fr; margin-top: 1; }
    HomeScreen.-narrow #home-box { padding: 0 1; }
    HomeScreen.-narrow #home-hint { display: none; }
    HomeScreen.-narrow #home-detail-box { padding: 0; }
    HomeScreen.-no-detail #home-detail-box { display: none; }
    HomeScreen.-narrow.-problem #home-detail-box { display: none; }
    HomeScreen.-narrow.-problem #routines { max-height: 100%; }
    """

    BINDINGS = [
        # Not a priority binding: Enter must wait its turn behind arrow keys typed just before it
        # (the table takes it and says which row was chosen).
        Binding("enter", "play", "Play", id="play"),
        Binding("e", "edit_outside", "Edit", id="edit", tooltip="Edit in $EDITOR"),
        Binding("E", "edit_inside", "Edit here", id="edit-here", tooltip="Edit inside limber"),
        Binding("n", "new", "New", id="new", tooltip="Start a new routine of your own"),
        Binding("h", "history", "History", id="history", tooltip="Every session, the calendar and minutes a day"),
        Binding("q", "quit_app", "Quit", id="quit"),
    ]
    # What the key bar keeps when it is short of room, most important first: E stays, as the
    # banner over a broken routine says "press E to fix".
    KEY_BAR_IMPORTANCE = ("play", "edit-here", "quit", "edit", "history", "new")

    @dataclass
    class ListRead(Message, bubble=False):
        """The routines were read: a row for each."""

        number: int  # readings are numbered as they start; an older one never undoes a newer
        rows: list[RoutineRow]

    @dataclass
    class Play(Message):
        """Play the routine at `path` (the app starts the player)."""

        home: HomeScreen
        path: Path

    @dataclass
    class EditOutside(Message):
        """Edit the routine at `path` in the person's editor (the app hands the terminal over)."""

        home: HomeScreen
        path: Path

    @dataclass
    class ShowHistory(Message):
        """Open the history view (the app knows which history and which day it is)."""

    rows: list[RoutineRow]

    def __init__(self, now: Callable[[], datetime] = lambda: datetime.now().astimezone()) -> None:
        super().__init__()
        self.now = now  # the wall clock, for "last done yesterday"
        self.rows = []
        self._failed: dict[Path, tuple[Problem, ...]] = {}  # problems found on Enter, after the listing

    def compose(self) -> ComposeResult:
        with Vertical(id="home-box"):
            with Horizontal(id="home-head"):
                yield Static("limber", id="home-title")
                yield Static("Pick a routine and press Enter.", id="home-hint")
            with Horizontal(id="home-main"):
                yield RoutineTable(id="routines", cursor_type="row", zebra_stripes=False)
                with VerticalScroll(id="home-detail-box"):
                    for part in DETAIL_PARTS:
                        yield Literal("", newlines=True, id=f"detail-{part}")
            yield Literal("", newlines=True, id="home-problem")
        yield KeyBar()

    def on_mount(self) -> None:
        self._readings_started = 0
        self._readings_shown = 0
        self.query_one("#routines", DataTable).focus()
        self.query_one("#home-problem").display = False
        self._fit(self.size.width, self.size.height)
        self.reload()
        # Routines added, removed or changed in the person's folder show up by themselves.
        self._watch = library.FolderWatch(library.user_routines_dir())
        self.set_interval(2.0, self._check_folder)

    def on_resize(self) -> None:
        self._fit(self.size.width, self.size.height)

    def _fit(self, width: int, height: int) -> None:
        """Lay the screen out for its size: details beside the list, under it, or left out."""
        if not width:
            return
        narrow = width < SIDE_BY_SIDE
        self.set_class(narrow, "-narrow")
        self.set_class(narrow and height < DETAIL_MIN_ROWS, "-no-detail")
        if self.rows and (width < WHERE_MIN_WIDTH) != getattr(self, "_without_where", None):
            self._fill_table()
        self._show_selected()

    def _check_folder(self) -> None:
        if self._watch.changed():
            self.reload()

    def on_screen_resume(self) -> None:
        self.reload()

    def reload(self) -> None:
        """Read every routine again, in a thread: a large file takes a good part of a second."""
        self._readings_started += 1
        self._read(self._readings_started)

    # Exclusive: coming back to the list again and again (play, quit, play...) leaves one
    # reading going, not one more each time all competing for the same interpreter.
    @work(thread=True, group="reading", exclusive=True)
    def _read(self, number: int) -> None:
        worker = get_current_worker()
        rows = routine_rows(lambda: worker.is_cancelled)
        if rows is not None:
            self.post_message(self.ListRead(number, rows))

    @on(ListRead)
    def _show_list(self, read: ListRead) -> None:
        if read.number <= self._readings_shown:
            return  # overtaken by a newer reading
        self._readings_shown = read.number
        self.rows = read.rows
        self._failed.clear()
        self._fill_table()
        self._show_selected()
        self.call_after_refresh(self._show_selected)  # again once the pane has its width

    def _fill_table(self) -> None:
        rows = self.rows
        table = self.query_one("#routines", DataTable)
        keep = table.cursor_row
        table.clear(columns=True)
        self._without_where = self.size.width < WHERE_MIN_WIDTH
        titles = ("Routine", "Steps", "Time") if self._without_where else ("Routine", "Steps", "Time", "Where")
        cells = [[row.name if row.valid else f"{row.name} (invalid)", row.steps, row.time, row.where][:len(titles)]
                 for row in rows]
        widths = [max([len(title)] + [cell_len(cell[index]) for cell in cells]) for index, title in enumerate(titles)]
        # The name gives way so Steps and Time stay on screen: the rest of the row's width is fixed.
        room = self._table_room() - sum(widths[1:]) - 2 * len(titles)
        widths[0] = max(8, min(widths[0], room))
        for title, width in zip(titles, widths):
            # Sized to what they hold, in cells: the table's own sizing stops at the headers when rows come later.
            table.add_column(title, width=width)
        for row, shown in zip(rows, cells):
            shown[0] = clip(shown[0], widths[0])
            # Text, not str: the table would read a str as markup.
            table.add_row(*(Text(cell, no_wrap=True, end="") for cell in shown), key=str(row.path))
        if table.row_count:
            table.move_cursor(row=min(keep, table.row_count - 1))

    def _table_room(self) -> int:
        """Cells across for the list: the screen less the box's padding, and the details beside it."""
        width = self.size.width - 4
        return width if width < SIDE_BY_SIDE - 4 else max(36, width * 3 // 5)

    @on(DataTable.RowSelected, "#routines")
    def _row_chosen(self, _chosen: DataTable.RowSelected) -> None:
        self.action_play()  # Enter on the list: the row it was on when its turn came

    @on(DataTable.RowHighlighted, "#routines")
    def _highlighted(self) -> None:
        self._show_selected()
        self.query_one("#routines", DataTable).refresh_bindings()  # Play dims on a broken routine

    def _selected_row(self) -> RoutineRow | None:
        table = self.query_one("#routines", DataTable)
        if table.row_count == 0:
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return next((row for row in self.rows if str(row.path) == row_key.value), None)

    def _show_selected(self) -> None:
        """The selected routine's details, and the banner when it cannot be played (cleared on a valid row)."""
        if not self.is_mounted:
            return
        row = self._selected_row()
        banner = self.query_one("#home-problem", Literal)
        parts = {} if row is None else detail_parts(row, self.now())
        if "path" in parts and row is not None and row.where != "bundled":
            # A path has no spaces to wrap at: it gives up its start to fit the pane.
            room = self.query_one("#home-detail-box").content_size.width - 1
            parts["path"] = clip_left(parts["path"], room if room > 10 else self.size.width // 3)
        for part in DETAIL_PARTS:
            shown = self.query_one(f"#detail-{part}", Literal)
            shown.update(parts.get(part, ""))
            shown.display = bool(parts.get(part))
        if row is None:
            banner.display = False
            return
        problems = self._failed.get(row.path, row.problems)
        if problems:
            inside = self.size.width - (5 if self.has_class("-narrow") else 7)  # padding and the border
            banner.update(banner_text(replace(row, problems=problems), max(20, inside)))
        banner.display = bool(problems)
        self.set_class(bool(problems), "-problem")
        table = self.query_one("#routines", DataTable)
        if table.row_count:
            # The banner takes room from the list: the selected row stays in sight.
            table.move_cursor(row=table.cursor_row, scroll=True)

    def show_problems(self, path: Path, problems: list[Problem]) -> None:
        """A routine that could not be played after all (it changed since the listing): say so in the banner."""
        self._failed[path] = tuple(problems)
        self._show_selected()

    def _selected(self) -> Path | None:
        row = self._selected_row()
        return None if row is None else row.path

    def _playable(self, row: RoutineRow) -> bool:
        return not self._failed.get(row.path, row.problems)

    def action_play(self) -> None:
        row = self._selected_row()
        if row is None:
            return
        if not self._playable(row):
            # Enter on a routine that does not read: say what to do rather than nothing at all.
            count = len(self._failed.get(row.path, row.problems))
            self.app.bell()
            what = row.name if row.valid else row.path.name  # a broken file has no name to read
            self.notify(f"{what} cannot be played: {counted(count, 'problem')}. "
                        "Press E to fix, here in limber.", severity="warning", timeout=4)
            return
        self.post_message(self.Play(self, row.path))

    def action_edit_outside(self) -> None:
        path = self._selected()
        if path is not None:
            self.post_message(self.EditOutside(self, path))

    def action_edit_inside(self) -> None:
        path = self._selected()
        if path is not None:
            self._edit_here(path)

    def _edit_here(self, path: Path) -> None:
        """The edit screen on `path` (a bundled routine: the person's own copy); the list is
        read again when it closes."""
        from .edit import CannotEdit, EditScreen

        try:
            editor = EditScreen.open(path)
        except CannotEdit as error:
            self.notify(str(error), severity="error")
            return
        self.app.push_screen(editor, lambda saved: self.reload())

    def action_new(self) -> None:
        from .new_name import NewRoutineName

        def named(name: str | None) -> None:
            if not name:
                return
            try:
                path = library.new_routine(name)
            except OSError as error:
                # The folder cannot be written (or the name is taken): say so, and carry on.
                shown = str(error) if error.errno is None else failure(
                    "Could not write the new routine in", library.user_routines_dir(), error)
                self.notify(shown, severity="error", timeout=10)
                return
            self.reload()
            self._edit_here(path)

        self.app.push_screen(NewRoutineName(), named)

    def action_history(self) -> None:
        self.post_message(self.ShowHistory())

    def action_quit_app(self) -> None:
        self.app.exit(0)
