"""The person's own routines: `new`, `list`, finding by name or prefix, `edit` with a scripted editor."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from limber import library
from limber.files import backup_path, write_atomically
from limber.routine import load_routine

from tests.conftest import REPO

GOOD = "name: Mine\nsteps:\n  - {name: Hold, duration: 30}\n"
BROKEN = "name: Mine\nsteps:\n  - {name: Hold, duraton: 30}\n"
FIXED = "name: Mine, fixed\nsteps:\n  - {name: Hold, duration: 45}\n"


def limber(*args: str, stdin: str = "", env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "limber", *args], input=stdin, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=60)


def test_new_writes_a_commented_valid_routine_that_names_the_schema():
    result = limber("new", "Lunch stretch")
    assert result.returncode == 0, result.stderr
    path = library.user_routines_dir() / "lunch-stretch.yaml"
    assert result.stdout.startswith(f"wrote {path}")
    text = path.read_text()
    assert text.splitlines()[0] == "# yaml-language-server: $schema=../routine.schema.json"
    assert (library.config_dir() / "routine.schema.json").exists()
    assert text.count("#") > 5, "a routine to learn from says what its lines do"
    assert load_routine(path).name == "Lunch stretch"
    again = limber("new", "Lunch stretch")
    assert again.returncode == 2 and again.stderr == f"limber: {path} already exists; edit it with `limber edit {path}`\n"


def test_new_elsewhere_and_from_a_bundled_routine(tmp_path):
    out = tmp_path / "mine.yaml"
    assert limber("new", "Mine", "-o", str(out)).returncode == 0
    assert load_routine(out).name == "Mine"
    copied = limber("new", "My desk", "--from", "desk")
    assert copied.returncode == 0, copied.stderr
    routine = load_routine(library.user_routines_dir() / "my-desk.yaml")
    assert routine.name == "My desk" and routine.exercise_count == 8
    plain = limber("new", "--from", "upper-back-quick")
    assert plain.returncode == 0
    assert load_routine(library.user_routines_dir() / "upper-back-quick.yaml").name == "Upper back, quick"


def test_names_that_yaml_would_misread_are_quoted():
    for name in ("yes", "1:30", "Stretch: part two"):
        path = library.new_routine(name)
        assert load_routine(path).name == name


def test_list_shows_own_routines_and_where_they_live():
    library.new_routine("Lunch stretch")
    library.new_routine(None, source=library.find("upper-back-quick"))
    lines = limber("list").stdout.splitlines()
    own = next(line for line in lines if line.startswith("lunch-stretch"))
    assert "Lunch stretch" in own and str(library.user_routines_dir() / "lunch-stretch.yaml") in own
    assert any(line.startswith("upper-back-quick") and "your copy is used" in line for line in lines)


def test_lookup_by_stem_prefix_path_and_ambiguity(tmp_path):
    library.new_routine("Desk extra")  # desk-extra: now "desk" is ambiguous
    assert library.find("desk-back-stretches").name == "desk-back-stretches.yaml"
    assert library.find("upper").name == "upper-back-quick.yaml"
    with pytest.raises(library.LookupProblem, match="could be any of: desk-back-stretches, desk-extra"):
        library.find("desk")
    result = limber("plan", "desk")
    assert result.returncode == 2 and "could be any of" in result.stderr
    assert library.find(str(REPO / "routines" / "upper-back-quick.yaml")).exists()


def test_a_routine_is_found_by_its_title_as_typed(tmp_path):
    made = library.new_routine("Lunch stretch")
    assert library.find("Lunch stretch") == made  # the title the home screen shows, not only its file name


def test_the_persons_copy_is_what_a_name_plays():
    copy = library.own_copy(library.find("upper-back-quick"))
    assert copy == library.user_routines_dir() / "upper-back-quick.yaml"
    assert library.find("upper-back-quick") == copy


def scripted(tmp_path: Path, *texts: str) -> dict:
    edits = tmp_path / "edits"
    edits.mkdir()
    for number, text in enumerate(texts, start=1):
        (edits / f"{number}.yaml").write_text(text)
    return {"EDITOR": f"{sys.executable} {REPO / 'tests' / 'fake_editor.py'}", "VISUAL": "", "FAKE_EDITS": str(edits)}


def runs(env: dict) -> int:
    return int((Path(env["FAKE_EDITS"]) / "count").read_text())


def test_edit_a_good_change(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    env = scripted(tmp_path, FIXED)
    result = limber("edit", str(path), env=env)
    assert result.returncode == 0, result.stderr
    assert f"{path}: ok (Mine, fixed: 1 step, 0:50)" in result.stdout
    assert path.read_text() == FIXED and runs(env) == 1


def test_edit_broken_then_fixed(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    env = scripted(tmp_path, BROKEN, FIXED)
    result = limber("edit", str(path), stdin="e\n", env=env)
    assert result.returncode == 0
    assert f"{path}:3:18: unknown key `duraton` in an exercise step; did you mean `duration`?" in result.stderr
    assert "[e]dit again (Enter), [k]eep it anyway, [r]estore the previous version" in result.stdout
    assert (Path(env["FAKE_EDITS"]) / "seen-2.yaml").read_text() == BROKEN, "editing again starts from the broken text"
    assert path.read_text() == FIXED and runs(env) == 2


def test_edit_broken_then_restore(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    env = scripted(tmp_path, BROKEN)
    result = limber("edit", str(path), stdin="r\n", env=env)
    assert result.returncode == 0
    assert path.read_text() == GOOD
    assert backup_path(path).read_text() == BROKEN, "the rejected edit is not thrown away either"


def test_edit_broken_then_keep(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    env = scripted(tmp_path, BROKEN)
    result = limber("edit", str(path), stdin="k\n", env=env)
    assert result.returncode == 1
    assert path.read_text() == BROKEN


def test_edit_with_nobody_to_answer_keeps_the_file_and_says_it_is_broken(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    result = limber("edit", str(path), stdin="", env=scripted(tmp_path, BROKEN))
    assert result.returncode == 1
    assert path.read_text() == BROKEN


def test_editing_a_bundled_routine_edits_the_persons_copy(tmp_path):
    bundled = REPO / "routines" / "upper-back-quick.yaml"
    original = bundled.read_text()
    env = scripted(tmp_path, original.replace("name: Upper back, quick", "name: My upper back"))
    result = limber("edit", "upper-back-quick", env=env)
    assert result.returncode == 0, result.stderr
    copy = library.user_routines_dir() / "upper-back-quick.yaml"
    assert "editing your own copy" in result.stdout
    assert load_routine(copy).name == "My upper back"
    assert bundled.read_text() == original


def test_edit_without_any_editor_says_how_to_set_one(tmp_path, monkeypatch):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    result = limber("edit", str(path), env={"EDITOR": "", "VISUAL": "", "PATH": str(tmp_path)})
    assert result.returncode == 2
    assert "set $EDITOR" in result.stderr


def test_an_interrupted_atomic_save_leaves_the_old_file_whole(tmp_path, monkeypatch):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)

    def power_cut(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", power_cut)
    with pytest.raises(OSError):
        write_atomically(path, FIXED, keep_backup=True)
    assert path.read_text() == GOOD
    assert [p.name for p in tmp_path.iterdir() if p.name != "mine.yaml~"] == ["mine.yaml"], "no temporary file left behind"


def test_an_atomic_save_keeps_a_backup(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(GOOD)
    path.chmod(0o640)
    backup = write_atomically(path, FIXED, keep_backup=True)
    assert path.read_text() == FIXED and backup.read_text() == GOOD
    assert path.stat().st_mode & 0o777 == 0o640
