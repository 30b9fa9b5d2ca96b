"""The non-interactive commands, run as a person runs them: the real `limber` entry point in a subprocess."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys

import pytest

from limber import cli, library
from limber.printable import cells
from limber.routine import Exercise, Routine, compile_plan

from tests.conftest import REPO, ROUTINES


def limber(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "limber", *args], capture_output=True, text=True, cwd=cwd, env=os.environ.copy(), timeout=60
    )


def test_validate_the_bundled_routines():
    result = limber("validate", *sorted(str(p) for p in ROUTINES.glob("*.yaml")))
    assert result.returncode == 0, result.stderr
    assert "desk-back-stretches.yaml: ok (Desk back stretches: 8 steps" in result.stdout


def test_validate_reports_problems_and_exits_1(write):
    path = write("name: X\nsteps:\n  - name: A\n    duraton: 5\n  - name: B\n    reps: -1\n")
    result = limber("validate", str(path))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{path}:4:5: unknown key `duraton` in an exercise step; did you mean `duration`?",
        f"{path}:6:11: `reps` must be at least 1, not -1",
    ]
    assert "Traceback" not in result.stderr


def test_validate_goes_on_past_a_bad_file(write, tmp_path):
    bad = write("name: [\n", name="bad.yaml")
    result = limber("validate", str(bad), str(ROUTINES / "upper-back-quick.yaml"), str(tmp_path / "missing.yaml"))
    assert result.returncode == 2, "a missing file is a usage error, and outranks an invalid one"
    assert "upper-back-quick.yaml: ok" in result.stdout
    assert f"{tmp_path / 'missing.yaml'}: no such file" in result.stderr
    assert result.stderr.startswith(f"{bad}:")


def test_usage_errors_exit_2():
    assert limber("plan").returncode == 2
    assert limber("frobnicate").returncode == 2
    missing = limber("plan", "no-such-routine")
    assert missing.returncode == 2
    assert "no routine called 'no-such-routine'" in missing.stderr


def test_play_parses_its_arguments_as_the_whole_parser_does(capsys):
    # `limber play` takes a short way past the other commands' parsers: it must not differ.
    import argparse

    whole = cli.build_parser()
    for words in (["play"], ["play", "upper", "--mute"], ["play", "--volume", "40", "--voice", "x.yaml"]):
        short = cli.play_parser().parse_args(words[1:])
        assert vars(whole.parse_args(words)) == dict(vars(short), command="play")
    subparsers = next(a for a in whole._actions if isinstance(a, argparse._SubParsersAction))
    assert cli.play_parser().format_help() == subparsers.choices["play"].format_help()
    played = limber("play", "--volume", "101")
    assert played.returncode == 2
    assert "limber play: error: argument --volume: 101 is not from 0 to 100" in played.stderr


def test_plan_json_by_name_from_another_folder(tmp_path):
    result = limber("plan", "--json", "desk-back-stretches", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["name"] == "Desk back stretches"
    assert data["untimed_segments"] == 0
    assert data["total_seconds"] == sum(s["seconds"] for s in data["segments"])


def test_plan_table_lists_segments_and_total():
    result = limber("plan", "upper")  # a unique prefix finds upper-back-quick
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Upper back, quick"
    assert lines[-1] == "Total 3:26 in 12 segments"
    assert any("switch" in line and "counter-clockwise" in line for line in lines)


def test_plan_of_an_invalid_routine_exits_1(write):
    path = write("name: X\nsteps: 5\n")
    result = limber("plan", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}:2:8: the routine's `steps` should be a list")


def test_list_shows_bundled_routines_with_steps_and_time():
    result = limber("list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "title", "steps", "time", "where"]
    desk = next(line for line in lines if line.startswith("desk-back-stretches"))
    assert "Desk back stretches" in desk and " 8 " in desk and "bundled" in desk


def test_untimed_steps_are_counted_in_the_table(write):
    path = write("name: X\ndefaults: {get_ready: 0}\nsteps:\n  - {name: Pushups, reps: 10}\n")
    table = cli.plan_table(__import__("limber.library", fromlist=["load"]).load(path)[1])
    assert table.splitlines()[-1] == "Total 0:00 in 1 segment, plus 1 step at your pace (each waits for Enter)"


@pytest.mark.slow
def test_a_wheel_installed_elsewhere_finds_the_bundled_routines(tmp_path):
    """A non-editable install, run from another folder, still finds routines and sounds by name."""
    wheel_dir = tmp_path / "wheel"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    if build.returncode != 0:
        pytest.skip(f"could not build a wheel here: {build.stderr[-300:]}")
    target = tmp_path / "site"
    wheel = next(wheel_dir.glob("limber-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-m", "limber", "plan", "--json", "desk"], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "Desk back stretches"
    located = subprocess.run([sys.executable, "-c", "import limber.library as l; print(l.bundled_routines_dir())"],
                             capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert located.stdout.strip().startswith(str(target))


# Exit codes: a file that is not there is a usage error (2), like an unknown name.

@pytest.mark.parametrize("command", ["play", "plan", "edit"])
def test_a_missing_routine_file_is_a_usage_error(command, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(cli, "terminal_missing", lambda: None)  # as if run in a terminal
    missing = tmp_path / "nosuch.yaml"
    assert cli.main([command, str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and len(err.splitlines()) == 1
    assert err.startswith(f"limber: {missing}: no such file")


def test_validate_of_only_a_missing_file_is_a_usage_error(tmp_path):
    result = limber("validate", str(tmp_path / "nosuch.yaml"))
    assert result.returncode == 2
    assert result.stderr == f"{tmp_path / 'nosuch.yaml'}: no such file or routine\n"


def test_validate_says_one_step_and_the_steps_at_your_pace(write):
    path = write("name: One\nsteps:\n  - {name: Push-ups, reps: 10}\n", name="one.yaml")
    result = limber("validate", str(path))
    assert result.stdout == f"{path}: ok (One: 1 step, 0:05 + 1 step at your pace)\n"


def test_validate_takes_a_routine_by_name_as_play_and_plan_do():
    result = limber("validate", "upper-back-quick", "desk-back-stretches.yaml")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "upper-back-quick: ok (Upper back, quick: 4 steps, 3:26)",
        "desk-back-stretches.yaml: ok (Desk back stretches: 8 steps, 8:03)"]


# Nothing from a routine, a config file or a path reaches the terminal raw.

HOSTILE = "\x1b]0;owned\x07\x1b[2J\x9b31m\u202e"  # set the title, wipe the screen, a one-byte CSI, an RTL override
RAW = ("\x1b", "\x9b", "\x07", "\u202e")


def hostile_load(path):
    routine = Routine(name=f"Evil{HOSTILE}", steps=(
        Exercise(name=f"Hold{HOSTILE}", duration=30, sides=(f"left{HOSTILE}", "right")),
    ))
    return routine, compile_plan(routine, path=str(path))


def assert_nothing_raw(text: str) -> None:
    assert not [char for char in RAW if char in text], repr(text)


def test_routine_text_and_paths_are_printed_with_controls_escaped(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(library, "load", hostile_load)  # as if the checks had let it through
    path = tmp_path / f"evil{HOSTILE}.yaml"
    path.write_text("name: x\n")
    own = library.user_routines_dir()
    own.mkdir(parents=True)
    (own / f"mine{HOSTILE}.yaml").write_text("name: x\n")
    for argv in (["validate", str(path)], ["plan", str(path)], ["list"], ["plan", str(tmp_path / f"gone{HOSTILE}.yaml")],
                 ["plan", f"nothing{HOSTILE}"], ["validate", str(tmp_path / f"gone{HOSTILE}.yaml")],
                 ["new", "Mine", "-o", str(tmp_path / f"new{HOSTILE}.yaml")], ["list", f"extra{HOSTILE}"]):
        try:
            cli.main(argv)
        except SystemExit:  # argparse's own exit for the extra argument
            pass
        out, err = capsys.readouterr()
        assert out or err
        assert_nothing_raw(out + err)
    assert "Evil\\x1b]0;owned\\x07" in cli.plan_table(hostile_load(path)[1])


def test_plan_json_escapes_what_json_leaves_raw_and_reads_back_the_same(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(library, "load", hostile_load)
    path = tmp_path / "evil.yaml"
    path.write_text("name: x\n")
    assert cli.main(["plan", "--json", str(path)]) == 0
    out = capsys.readouterr().out
    assert_nothing_raw(out)
    data = json.loads(out)
    assert data["name"] == f"Evil{HOSTILE}" and data["segments"][1]["side"] == f"left{HOSTILE}"


def test_edit_prints_paths_and_names_with_controls_escaped(tmp_path, monkeypatch, capsys):
    edits = tmp_path / "edits"
    edits.mkdir()
    (edits / "1.yaml").write_text("name: x\n")
    monkeypatch.setenv("EDITOR", f"{sys.executable} {REPO / 'tests' / 'fake_editor.py'}")
    monkeypatch.setenv("VISUAL", "")
    monkeypatch.setenv("FAKE_EDITS", str(edits))
    monkeypatch.setattr(library, "load", hostile_load)
    path = tmp_path / f"evil{HOSTILE}.yaml"
    path.write_text("name: x\n")
    assert cli.main(["edit", str(path)]) == 0
    out, err = capsys.readouterr()
    assert "ok (Evil" in out
    assert_nothing_raw(out + err)


def test_tables_line_up_wide_characters_by_the_cells_they_take():
    routine = Routine(name="首と肩", steps=(
        Exercise(name="首のストレッチ", duration=30, sides=("left", "right")),
        Exercise(name="Neck", duration=20, sides=("left", "right")),
    ))
    lines = cli.plan_table(compile_plan(routine)).splitlines()
    side_column = cells(lines[2][:lines[2].index("side")])
    rows = [line for line in lines if " left" in line]
    assert len(rows) == 2
    assert {cells(row[:row.index(" left") + 1]) for row in rows} == {side_column}


# No terminal, no screen: play and the home screen say so at once.

@pytest.mark.parametrize("argv", [["play", "desk"], []], ids=["play", "home"])
@pytest.mark.parametrize("missing", ["input", "output"])
def test_without_a_terminal_play_and_home_refuse_at_once(argv, missing):
    controller, terminal = os.openpty()
    try:
        stdin = subprocess.DEVNULL if missing == "input" else terminal
        result = subprocess.run([sys.executable, "-m", "limber", *argv], stdin=stdin, capture_output=True,
                                env=os.environ.copy(), timeout=30)
    finally:
        os.close(controller)
        os.close(terminal)
    assert result.returncode == 2
    assert result.stdout == b""
    command = "limber play" if argv else "limber"
    assert result.stderr.decode() == (f"{command} needs a terminal: its {missing} is not a terminal "
                                      "(`limber plan ROUTINE` prints a routine's plan)\n")


# A home or config folder that cannot be written: a line that says what and where, no traceback.

def test_new_in_a_folder_that_cannot_exist_says_what_could_not_be_written(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    env = {**os.environ, "LIMBER_CONFIG_DIR": str(blocker / "limber")}
    result = subprocess.run([sys.executable, "-m", "limber", "new", "Mine"], capture_output=True, text=True, env=env,
                            timeout=60)
    assert result.returncode == 1
    assert result.stderr == f"limber: could not write {blocker}/limber/routines/mine.yaml: not a directory\n"


def test_new_carries_on_without_the_schema_when_only_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    out = tmp_path / "mine.yaml"
    env = {**os.environ, "LIMBER_CONFIG_DIR": str(blocker / "limber")}
    result = subprocess.run([sys.executable, "-m", "limber", "new", "Mine", "-o", str(out)], capture_output=True,
                            text=True, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert not out.read_text().startswith("# yaml-language-server")
    assert library.load(out)[0].name == "Mine"


@pytest.mark.parametrize("code, words", [(errno.ENOSPC, "no space left on device"),
                                         (errno.EROFS, "read-only file system")])
def test_new_on_a_full_or_read_only_disk(code, words, monkeypatch, capsys):
    def refused(path, text, **options):
        raise OSError(code, os.strerror(code), f"{path}.tmp")

    monkeypatch.setattr(library, "write_atomically", refused)
    assert cli.main(["new", "Mine"]) == 1
    path = library.user_routines_dir() / "mine.yaml"
    assert capsys.readouterr().err == f"limber: could not write {path}: {words}\n"


def test_editing_a_bundled_routine_with_nowhere_to_copy_it(tmp_path, monkeypatch, capsys):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    monkeypatch.setenv("LIMBER_CONFIG_DIR", str(blocker / "limber"))
    monkeypatch.setenv("EDITOR", "false")
    assert cli.main(["edit", "upper-back-quick"]) == 1
    assert capsys.readouterr().err == (
        f"limber: could not write {blocker}/limber/routines/upper-back-quick.yaml: not a directory\n")
