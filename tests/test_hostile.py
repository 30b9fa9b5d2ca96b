"""Hostile input, end to end: every case in tests/hostile through `limber validate`, `plan`,
`plan --json`, the player, a live reload, the routine list and the person's config.

What every case must give: an exit code the README documents, a clear message with no
traceback, every problem as `path:line:column: message` or `path: message`, no control
character in anything printed or drawn, and an answer in well under a second of CPU.
Each run happens in a forked child (tests/hostile/isolate.py), so a case that hangs or eats
memory fails alone; the child's time is limber's alone, start-up excluded. A representative
set also runs as the real `limber` command in a subprocess, start-up included.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import re
import stat
import subprocess
import sys
import time
import traceback
from pathlib import Path

import pytest

import limber.config
import limber.routine.validate  # noqa: F401  (loaded once here, not again in every child)
from limber import cli, library
from limber.audio.setup import sound_from_settings
from limber.routine import RoutineError
from limber.ui.screens.home import HomeScreen

from tests.hostile.cases import (
    INVALID, OK, RAN_MARKER, REJECTED, USAGE, VALID, Case, config_cases, control_characters, routine_cases,
)
from tests.hostile.isolate import TooSlow, run_isolated
from tests.player_helpers import SIDES_AND_REPS, advance, make_app

ROUTINE_CASES = routine_cases()
CONFIG_CASES = config_cases()
BY_NAME = {case.name: case for case in ROUTINE_CASES + CONFIG_CASES}

CPU_LIMIT = 1.0  # seconds of CPU for limber's own work on any one case
WALL_LIMIT = 2.0  # seconds of wall time for a whole `limber` process, Python's start-up included
KILL_AFTER = 4.0  # a run still going by then has hung: stop it

# Problem lines: `path:line:column: message` inside a file, `path: message` for the file as a whole.
LOCATED = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>\S.*)$")
WHOLE = re.compile(r"^(?P<path>.+?): (?P<message>\S.*)$")


def error_types() -> tuple[type[BaseException], ...]:
    """The problem errors limber's config module raises, as it stands at run time (RoutineError,
    and a ConfigError of its own where it has one)."""
    found = [getattr(limber.config, name, None) for name in ("ConfigError", "RoutineError")]
    return tuple(kind for kind in found if isinstance(kind, type)) or (RoutineError,)


def problem_lines(error: BaseException) -> list[str]:
    problems = getattr(error, "problems", None)
    return [str(p) for p in problems] if problems else str(error).split("\n")


# -- defects in limber these cases find today ---------------------------------------------------
# Each is an expected failure, strictly: the day the defect is fixed its cases pass, the run
# fails on the unexpected pass, and the mark comes off.
DIGITS = "defect: a whole number of over 4,300 digits makes int() raise ValueError in validation (no cap)"
NOT_REGULAR = "defect: a FIFO or device is read as a routine or config (hangs or fills memory): no read_regular"
CONTROL = "defect: control characters from a file or its name reach the terminal (printable() not applied)"
READER_ERROR = ("defect: a raw control byte gives PyYAML's multi-line reader error instead of one "
                "path:line:column problem")
MERGE_BOMB = "defect: merge keys (<<) expand an alias bomb: no cap on what a merge copies"
MARKUP = "defect: Textual markup in a routine name is read as markup on screen (MarkupError)"
HUGE_PLAN = "defect: a tiny rep_time or a googol of seconds makes a plan or cue list too big to play (no cap)"
NAME_NOT_UTF8 = "defect: a file name that is not UTF-8 is printed raw (UnicodeEncodeError or bytes not UTF-8)"
CONFIG_COMMENTS = "defect: a config of only comments is refused with the routine's 'the file is empty' message"
KNOWN_DEFECTS: dict[str, dict[str, str]] = {}


# The tests over the whole corpus at once meet every defect above; the FIFOs and devices hang them.
WHOLE_CORPUS = pytest.mark.xfail(strict=True, reason=NOT_REGULAR + "; and every other defect above")


def cases_for(test: str, cases: list[Case]) -> list:
    """The cases as parameters of `test`, those that meet a known defect marked as expected failures."""
    known = KNOWN_DEFECTS.get(test, {})
    return [pytest.param(case, id=case.name, marks=[pytest.mark.xfail(strict=True, reason=known[case.name])]
                         if case.name in known else []) for case in cases]


def names_for(test: str, names: list[str]) -> list:
    known = KNOWN_DEFECTS.get(test, {})
    return [pytest.param(name, id=name, marks=[pytest.mark.xfail(strict=True, reason=known[name])]
                         if name in known else []) for name in names]


# -- what every output must be ----------------------------------------------------------------
def output_faults(name: str, data: bytes) -> list[str]:
    """What is wrong with bytes limber wrote to a terminal."""
    faults = []
    # No case holds a character whose UTF-8 contains 0x9b, so a 0x9b byte is always an 8-bit CSI.
    for byte, what in ((0x1B, "ESC"), (0x9B, "CSI"), (0x07, "BEL")):
        if byte in data:
            at = data.index(byte)
            faults.append(f"{name} holds byte 0x{byte:02x} ({what}) at {at}: {data[max(0, at - 40):at + 40]!r}")
    text = data.decode("utf-8", "surrogateescape")
    if re.search("[\udc80-\udcff]", text):
        faults.append(f"{name} is not valid UTF-8")
    controls = control_characters(text)
    if controls:
        faults.append(f"{name} holds control characters {sorted(set(controls))}")
    if "Traceback" in text:
        faults.append(f"{name} holds a traceback:\n{text[-3000:]}")
    return faults


def line_faults(lines: list[str], prefix: str) -> list[str]:
    """Problem lines that are not `path:line:column: message` or `path: message` for a path under `prefix`."""
    faults = []
    for line in lines:
        if not line.startswith(prefix) or not (LOCATED.match(line) or WHOLE.match(line)):
            faults.append(f"not a problem line for {prefix}...: {line[:300]!r}")
    return faults


def prefix_of(path: Path) -> str:
    return str(path.parent).rstrip(os.sep) + os.sep


# -- the command line, in a child ----------------------------------------------------------------
def run_cli(args: list[str]) -> dict:
    """`limber ARGS` as the entry point runs it, with the standard streams a terminal would give:
    stdout strict UTF-8, stderr with backslashes for what cannot be encoded. A traceback is
    printed as the interpreter would print it."""
    out, err = io.BytesIO(), io.BytesIO()
    sys.stdout = io.TextIOWrapper(out, encoding="utf-8", errors="strict", write_through=True)
    sys.stderr = io.TextIOWrapper(err, encoding="utf-8", errors="backslashreplace", write_through=True)
    start_cpu, start = time.process_time(), time.perf_counter()
    try:
        code = cli.main(args)
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else 1
    except TooSlow:
        raise
    except BaseException:
        traceback.print_exc()
        code = 1
    cpu, wall = time.process_time() - start_cpu, time.perf_counter() - start
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except Exception:
            pass
    return {"code": code, "out": out.getvalue(), "err": err.getvalue(), "cpu": cpu, "wall": wall}


def cli_in_child(args: list[str]) -> dict:
    report = run_isolated(run_cli, args, wall_limit=KILL_AFTER, cpu=CPU_LIMIT)
    failure = report.problem()
    assert failure is None, f"limber {' '.join(map(repr, args))}: {failure}"
    return report.value


def check_run(what: str, run: dict, path: Path, allowed: frozenset[int]) -> list[str]:
    faults = []
    code, out, err = run["code"], run["out"], run["err"]
    if code not in allowed:
        faults.append(f"{what}: exit {code}, expected one of {sorted(allowed)}; stderr: {err[:600]!r}")
    faults += output_faults(f"{what} stdout", out) + output_faults(f"{what} stderr", err)
    if run["cpu"] >= CPU_LIMIT:
        faults.append(f"{what}: {run['cpu']:.2f} s of CPU")
    if run["wall"] >= WALL_LIMIT:
        faults.append(f"{what}: {run['wall']:.2f} s of wall time")
    text = err.decode("utf-8", "replace")
    if code == INVALID:
        if not text.strip():
            faults.append(f"{what}: exit 1 with nothing on stderr")
        faults += [f"{what}: {fault}" for fault in line_faults(text.splitlines(), prefix_of(path))]
    elif code == OK and text.strip():
        faults.append(f"{what}: exit 0 but stderr says {text[:300]!r}")
    return faults


@pytest.mark.parametrize("case", cases_for("test_validate_and_plan_answer_cleanly", ROUTINE_CASES))
def test_validate_and_plan_answer_cleanly(case: Case, tmp_path):
    path = case.build(tmp_path)
    validate = cli_in_child(["validate", str(path)])
    plan = cli_in_child(["plan", str(path)])
    plan_json = cli_in_child(["plan", "--json", str(path)])
    faults = check_run("validate", validate, path, case.exits)
    faults += check_run("plan", plan, path, case.exits | {USAGE})
    faults += check_run("plan --json", plan_json, path, case.exits | {USAGE})
    for what, run in (("plan", plan), ("plan --json", plan_json)):
        if run["code"] != validate["code"] and not (validate["code"] == INVALID and run["code"] == USAGE):
            faults.append(f"{what} exits {run['code']} where validate exits {validate['code']}")
    if validate["code"] == OK:
        out = validate["out"].decode("utf-8", "replace")
        if not (out.startswith(prefix_of(path)) and ": ok (" in out):
            faults.append(f"validate says {out[:300]!r}")
    if plan_json["code"] == OK:
        try:
            json.loads(plan_json["out"])
        except ValueError as error:
            faults.append(f"plan --json printed no JSON: {error}")
    assert not faults, "\n".join(faults)


# -- the real command, Python's start-up and all ------------------------------------------------------
REPRESENTATIVE = [
    "esc-osc-title", "esc-c1-csi", "esc-bidi-override", "markup-names", "reps-5000-digits",
    "duration-clock-5000-digits", "reps-tiny-rep-time", "alias-bomb-merge", "tabs-indentation",
    "nul-byte", "invalid-utf8", "esc-raw-byte", "huge-2mb", "dev-zero", "fifo", "sounds-fifo",
    "file-name-escape", "file-name-not-utf8", "empty", "huge-50mb-one-line", "tag-python-runs",
    "tag-python-apply",
]


def run_limber(*args: str) -> dict:
    start = time.perf_counter()
    try:
        result = subprocess.run([sys.executable, "-m", "limber", *args], capture_output=True,
                                stdin=subprocess.DEVNULL, env=os.environ.copy(), timeout=KILL_AFTER)
    except subprocess.TimeoutExpired as expired:
        pytest.fail(f"limber {' '.join(args)!r} still running after {KILL_AFTER:g} s; "
                    f"stderr so far: {(expired.stderr or b'')[:600]!r}")
    wall = time.perf_counter() - start
    return {"code": result.returncode, "out": result.stdout, "err": result.stderr, "cpu": 0.0, "wall": wall}


@pytest.mark.parametrize("name", names_for("test_the_real_command", REPRESENTATIVE))
def test_the_real_command(name, tmp_path):
    case = BY_NAME[name]
    path = case.build(tmp_path)
    faults = []
    for args in (["validate"], ["plan"], ["plan", "--json"]):
        run = run_limber(*args, str(path))
        allowed = case.exits if args == ["validate"] else case.exits | {USAGE}
        faults += check_run("limber " + " ".join(args), run, path, allowed)
    assert not faults, "\n".join(faults)


def test_validate_takes_every_case_at_once(tmp_path):
    """One run over the whole corpus: each file answered in turn, the run goes on past each failure."""
    paths = []
    for case in ROUTINE_CASES:
        folder = tmp_path / case.name
        folder.mkdir()
        paths.append(case.build(folder))
    run = run_limber("validate", *map(str, paths))
    # Some cases are files that are not there: a usage error, which outranks an invalid routine.
    faults = check_run("limber validate (every case)", {**run, "wall": 0.0}, tmp_path / "x", frozenset({USAGE}))
    assert not faults, "\n".join(faults)
    answered = run["out"].decode("utf-8", "replace") + run["err"].decode("utf-8", "replace")
    for case, path in zip(ROUTINE_CASES, paths):
        assert f"{tmp_path / case.name}{os.sep}" in answered or str(path) in answered, f"nothing said about {case}"


# -- the player -------------------------------------------------------------------------------------
def screen_text(app) -> str:
    """Everything on the screen as it would be sent to the terminal, without the styling."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(segment.text for segment in strip) for strip in strips)


async def _press(pilot, app, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
    await advance(pilot, app, 0)


MOVES = [
    ("a second in", lambda pilot, app: advance(pilot, app, 1)),
    ("skip", lambda pilot, app: _press(pilot, app, "n")),
    ("three seconds into the step", lambda pilot, app: advance(pilot, app, 3)),
    ("ten seconds more", lambda pilot, app: _press(pilot, app, "plus")),
    ("ten seconds less", lambda pilot, app: _press(pilot, app, "minus")),
    ("back", lambda pilot, app: _press(pilot, app, "p")),
    ("skip three", lambda pilot, app: _press(pilot, app, "n", "n", "n")),
    ("done", lambda pilot, app: _press(pilot, app, "enter")),
    ("pause", lambda pilot, app: _press(pilot, app, "space")),
    ("an hour paused", lambda pilot, app: advance(pilot, app, 3600)),
    ("resume", lambda pilot, app: _press(pilot, app, "space")),
    ("restart", lambda pilot, app: _press(pilot, app, "r")),
    ("a day later", lambda pilot, app: advance(pilot, app, 86400)),
    ("help", lambda pilot, app: _press(pilot, app, "question_mark")),
    ("help closed", lambda pilot, app: _press(pilot, app, "escape")),
]
MOVE_CPU_LIMIT = 1.0  # seconds of CPU for one key or one move of the clock, drawing included


def play_through(path: Path) -> dict:
    """In a child: the player on `path`, moved through its segments; each screen as drawn."""
    try:
        library.load(path)
    except RoutineError as error:
        return {"rejected": [str(p) for p in error.problems]}
    app, clock, sound = make_app(path)
    screens: list[tuple[str, str, float]] = []

    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screens.append(("start", screen_text(app), 0.0))
            for label, move in MOVES:
                before = time.process_time()
                await move(pilot, app)
                screens.append((label, screen_text(app), time.process_time() - before))

    asyncio.run(scenario())
    return {"screens": screens}


def screen_faults(screens: list[tuple[str, str, float]]) -> list[str]:
    faults = []
    dirty = [(label, control_characters(text)) for label, text, _cpu in screens]
    dirty = [(label, controls) for label, controls in dirty if controls]
    if dirty:
        controls = sorted({c for _label, found in dirty for c in found})
        faults.append(f"the screen holds control characters {controls} after {len(dirty)} of "
                      f"{len(screens)} moves, first after {dirty[0][0]!r}")
    faults += [f"{label!r} took {cpu:.2f} s of CPU" for label, _text, cpu in screens if cpu >= MOVE_CPU_LIMIT]
    return faults


def problems_faults(lines: list[str], prefix: str) -> list[str]:
    faults = line_faults(lines, prefix)
    for line in lines:
        if control_characters(line):
            faults.append(f"a problem holds control characters: {line[:300]!r}")
    return faults


PLAYABLE = [case for case in ROUTINE_CASES if OK in case.exits]
# Text that must appear on the screen exactly as written, never read as markup.
SHOWN_AS_WRITTEN = {
    "markup-names": ["[bold red]x", "[@click=app.quit]quit[/]"],
}


@pytest.mark.parametrize("case", cases_for("test_the_player_plays_what_validates", PLAYABLE))
def test_the_player_plays_what_validates(case: Case, tmp_path):
    path = case.build(tmp_path)
    report = run_isolated(play_through, path, wall_limit=30, cpu=15)
    assert report.problem() is None, f"the player on {case}: {report.problem()}"
    result = report.value
    if "rejected" in result:
        assert INVALID in case.exits, f"{case} must be playable, but: {result['rejected'][:5]}"
        faults = problems_faults(result["rejected"], prefix_of(path))
        assert not faults, "\n".join(faults)
        return
    faults = screen_faults(result["screens"])
    shown = "\n".join(text for _label, text, _cpu in result["screens"])
    for words in SHOWN_AS_WRITTEN.get(case.name, []):
        if words not in shown:
            faults.append(f"{words!r} is not on the screen as written")
    assert not faults, "\n".join(faults)


def reload_into(case: Case, folder: Path) -> dict:
    """In a child: the player on a good routine, whose file then becomes the hostile case."""
    playing = folder / "playing.yaml"
    playing.write_text(SIDES_AND_REPS.lstrip(), encoding="utf-8")
    app, clock, sound = make_app(playing)
    screens: list[tuple[str, str, float]] = []
    outcome: dict = {}

    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            await advance(pilot, app, 1)
            built = case.build(folder)
            if built.is_file() and not built.is_symlink():
                playing.write_bytes(built.read_bytes())
            else:
                playing.unlink()
                os.symlink(built, playing)
            screen = app.player
            before = time.process_time()
            screen.routine_file.reload()  # read in a worker thread
            await app.workers.wait_for_complete()
            await pilot.pause()
            screens.append(("the reload", screen_text(app), time.process_time() - before))
            shown = screen.query("#problems")  # mounted with the first problem
            outcome["problems shown"] = bool(shown) and bool(shown.first().display)
            outcome["still the old routine"] = screen.routine.name == "Player test"
            for label, move in MOVES[:3]:
                before = time.process_time()
                await move(pilot, app)
                screens.append((label, screen_text(app), time.process_time() - before))

    asyncio.run(scenario())
    return {"screens": screens, **outcome}


@pytest.mark.parametrize("case", cases_for("test_a_live_reload_into_the_case", ROUTINE_CASES))
def test_a_live_reload_into_the_case(case: Case, tmp_path):
    report = run_isolated(reload_into, case, tmp_path, wall_limit=30, cpu=15)
    assert report.problem() is None, f"reloading into {case}: {report.problem()}"
    result = report.value
    faults = screen_faults(result["screens"])
    if case.exits == REJECTED and not (result["problems shown"] and result["still the old routine"]):
        faults.append("the reload should show the problems and keep playing the last good version")
    if case.exits == VALID and result["problems shown"]:
        faults.append("the reload shows problems for a routine that validates")
    assert not faults, "\n".join(faults)


# -- every case in the person's own folder at once -------------------------------------------------------
def fill_routines_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for case in ROUTINE_CASES:
        try:
            case.build(folder)
        except FileExistsError:
            pass  # two generated cases may make the same helper object


def test_limber_list_with_every_case_in_the_folder(tmp_path):
    fill_routines_folder(library.user_routines_dir())
    run = run_limber("list")
    faults = output_faults("limber list stdout", run["out"]) + output_faults("limber list stderr", run["err"])
    assert run["code"] == OK, run["err"][:2000]
    assert not faults, "\n".join(faults)
    listing = run["out"].decode("utf-8", "replace")
    assert "markup-names" in listing and "desk-back-stretches" in listing


def home_screen_with_every_case() -> dict:
    app, clock, sound = make_app(None)
    screens = []

    async def scenario() -> None:
        async with app.run_test(size=(160, 60)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, HomeScreen)
            screens.append(("the list", screen_text(app), 0.0))
            for row in range(len(ROUTINE_CASES)):
                await pilot.press("down")
                await pilot.press("enter")  # plays it, or shows its problems
                await pilot.pause()
                screens.append((f"row {row}", screen_text(app), 0.0))
                if not isinstance(app.screen, HomeScreen):
                    app.pop_screen()
                    await pilot.pause()

    asyncio.run(scenario())
    return {"screens": screens}


def test_the_home_screen_with_every_case_in_the_folder(tmp_path):
    fill_routines_folder(library.user_routines_dir())
    report = run_isolated(home_screen_with_every_case, wall_limit=60, cpu=30)
    assert report.problem() is None, f"the home screen: {report.problem()}"
    faults = screen_faults(report.value["screens"])
    assert not faults, "\n".join(faults[:20])


# -- the person's config file ----------------------------------------------------------------------------
def read_config(path: Path) -> dict:
    """In a child: the config read as the player reads it, and the line the screen would show about it."""
    start_cpu, start = time.process_time(), time.perf_counter()
    try:
        settings = limber.config.load_settings(path)
        result = {"outcome": "settings", "settings": repr(settings)}
    except error_types() as error:
        result = {"outcome": "error", "problems": problem_lines(error)}
    result["cpu"], result["wall"] = time.process_time() - start_cpu, time.perf_counter() - start
    sound = sound_from_settings()
    result["notice"] = sound.notice or ""
    return result


@pytest.mark.parametrize("case", cases_for("test_the_config_file", CONFIG_CASES))
def test_the_config_file(case: Case, tmp_path):
    folder = library.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = case.build(folder)
    report = run_isolated(read_config, path, wall_limit=KILL_AFTER, cpu=CPU_LIMIT * 2)
    assert report.problem() is None, f"reading {case}: {report.problem()}"
    result = report.value
    faults = []
    if case.config_outcome != "either" and result["outcome"] != case.config_outcome:
        faults.append(f"expected {case.config_outcome}, got {result}")
    if result["outcome"] == "error":
        faults += problems_faults(result["problems"], prefix_of(path))
    if control_characters(result["notice"]):
        faults.append(f"the sound's notice holds control characters: {result['notice'][:300]!r}")
    if result["cpu"] >= CPU_LIMIT or result["wall"] >= WALL_LIMIT:
        faults.append(f"reading took {result['cpu']:.2f} s of CPU, {result['wall']:.2f} s of wall time")
    assert not faults, "\n".join(faults)


def config_on_screen(routine: Path) -> dict:
    """In a child: the player, with the sound made from the person's config as `limber play` makes it."""
    from limber.ui.app import LimberApp

    from tests.conftest import FakeClock

    sound = sound_from_settings(mute=True)
    app = LimberApp(routine, clock=FakeClock(), sound=sound)
    screens = []

    async def scenario() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await pilot.pause()
            screens.append(("start", screen_text(app), 0.0))
            await advance(pilot, app, 6)
            screens.append(("the first step", screen_text(app), 0.0))

    asyncio.run(scenario())
    return {"screens": screens, "notice": sound.notice or ""}


@pytest.mark.parametrize("name", ["config-markup", "config-esc-keys", "config-esc-sound-path", "config-esc-values"])
def test_a_bad_config_on_the_player_screen(name, tmp_path):
    folder = library.config_dir()
    folder.mkdir(parents=True, exist_ok=True)
    BY_NAME[name].build(folder)
    routine = tmp_path / "routine.yaml"
    routine.write_text(SIDES_AND_REPS.lstrip(), encoding="utf-8")
    report = run_isolated(config_on_screen, routine, wall_limit=30, cpu=15)
    assert report.problem() is None, f"the player with {name}: {report.problem()}"
    result = report.value
    faults = screen_faults(result["screens"])
    assert result["notice"], "a bad config is mentioned on screen"
    assert not faults, "\n".join(faults)


def test_yaml_tags_that_name_python_never_run(tmp_path):
    """`!!python/object/apply:os.system [touch ...]` through every way in: refused, and nothing made."""
    path = BY_NAME["tag-python-runs"].build(tmp_path)
    assert RAN_MARKER in path.read_text()
    runs = [run_limber(*args, str(path)) for args in (["validate"], ["plan"], ["plan", "--json"])]
    report = run_isolated(play_through, path, wall_limit=30, cpu=15)
    assert report.problem() is None, report.problem()
    assert not (tmp_path / RAN_MARKER).exists(), "a YAML tag ran a command"
    assert [run["code"] for run in runs] == [INVALID, INVALID, INVALID]
    assert "rejected" in report.value
    said = runs[0]["err"].decode("utf-8", "replace")
    assert f"{path}:1:" in said, said


def test_the_made_cases_make_what_they_say(tmp_path):
    kinds = {
        "fifo": stat.S_ISFIFO, "link-to-fifo": stat.S_ISFIFO, "dev-zero": stat.S_ISCHR,
        "link-to-dev-zero": stat.S_ISCHR, "link-to-dev-urandom": stat.S_ISCHR, "folder": stat.S_ISDIR,
        "config-fifo": stat.S_ISFIFO, "config-link-to-dev-zero": stat.S_ISCHR, "config-folder": stat.S_ISDIR,
    }
    for name, is_kind in kinds.items():
        folder = tmp_path / name
        folder.mkdir()
        assert is_kind(os.stat(BY_NAME[name].build(folder)).st_mode), name
    folder = tmp_path / "sounds"
    folder.mkdir()
    BY_NAME["sounds-fifo"].build(folder)
    assert stat.S_ISFIFO(os.stat(folder / "cue.wav").st_mode)
    assert BY_NAME["huge-2mb"].build(tmp_path).stat().st_size > 2 * 1024 * 1024
    huge_line = BY_NAME["huge-50mb-one-line"].build(tmp_path)
    assert huge_line.stat().st_size > 50 * 1024 * 1024 and huge_line.read_bytes().count(b"\n") == 2
    assert "\x1b" in BY_NAME["file-name-escape"].build(tmp_path).name
    assert all(name in BY_NAME for name in REPRESENTATIVE)
    assert {"file-name-escape", "markup-names"} <= {case.name for case in PLAYABLE}
