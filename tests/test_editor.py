"""`limber edit`'s loop with a scripted $EDITOR: the version from before an edit is never lost,
whatever the person answers, however the loop ends, and whatever the disk says."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

from limber import editor
from limber.editor import edit

from tests.conftest import REPO

GOOD = "name: Mine\nsteps:\n  - {name: Hold, duration: 30}\n"
BROKEN = "name: Mine\nsteps:\n  - {name: Hold, duraton: 30}\n"
FIXED = "name: Mine, fixed\nsteps:\n  - {name: Hold, duration: 45}\n"


@pytest.fixture
def scripted(tmp_path, monkeypatch):
    """Set $EDITOR to the scripted editor, which writes these texts in turn; returns its folder."""

    def _scripted(*texts: str) -> Path:
        edits = tmp_path / "edits"
        edits.mkdir()
        for number, text in enumerate(texts, start=1):
            (edits / f"{number}.yaml").write_text(text)
        monkeypatch.setenv("EDITOR", f"{sys.executable} {REPO / 'tests' / 'fake_editor.py'}")
        monkeypatch.setenv("VISUAL", "")
        monkeypatch.setenv("FAKE_EDITS", str(edits))
        return edits

    return _scripted


class Talk:
    """Stands in for the terminal: answers the question in turn (an exception is raised), keeps what was said."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.said: list[str] = []
        self.warned: list[str] = []

    def ask(self, question: str) -> str:
        answer = self.answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    def run(self, path: Path) -> int:
        try:
            return edit(path, ask=self.ask, say=self.said.append, warn=self.warned.append)
        except KeyboardInterrupt:  # would otherwise stop the whole test run
            pytest.fail("Ctrl+C escaped the loop instead of ending it with the previous version kept")

    @property
    def everything(self) -> str:
        return "\n".join(self.said + self.warned)


def mine(tmp_path: Path, text: str = GOOD, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text)
    return path


def safe_copy(path: Path) -> Path:
    return path.with_name(path.name + ".before-edit")


@pytest.mark.parametrize("interruption", [KeyboardInterrupt(), EOFError()], ids=["ctrl-c", "end-of-input"])
def test_leaving_at_the_question_keeps_the_previous_version_on_disk(tmp_path, scripted, interruption):
    path = mine(tmp_path)
    scripted(BROKEN)
    talk = Talk(interruption)
    code = talk.run(path)
    assert code == (130 if isinstance(interruption, KeyboardInterrupt) else 1)
    assert path.read_text() == BROKEN
    assert safe_copy(path).read_text() == GOOD
    assert str(safe_copy(path)) in talk.everything, "the person is told where the previous version is"


def test_keeping_an_emptied_file_keeps_the_previous_version_on_disk(tmp_path, scripted):
    path = mine(tmp_path)
    scripted("")
    talk = Talk("k")
    assert talk.run(path) == 1
    assert path.read_text() == ""
    assert safe_copy(path).read_text() == GOOD
    assert f"the previous version is at {safe_copy(path)}" in talk.everything


def test_the_copy_is_on_disk_while_the_editor_runs_and_gone_once_decided(tmp_path, scripted, monkeypatch):
    path = mine(tmp_path)
    edits = scripted(BROKEN, FIXED)
    seen_during: list[str] = []
    real_run = editor.run_editor

    def run_and_look(target):
        seen_during.append(safe_copy(path).read_text())
        return real_run(target)

    monkeypatch.setattr(editor, "run_editor", run_and_look)
    assert Talk("e").run(path) == 0
    assert seen_during == [GOOD, GOOD]
    assert path.read_text() == FIXED and (edits / "count").read_text() == "2"
    assert not safe_copy(path).exists(), "a good edit needs no copy left behind"


def test_an_answer_it_does_not_know_is_asked_again_never_taken_for_keep(tmp_path, scripted):
    path = mine(tmp_path)
    scripted(BROKEN)
    talk = Talk("x", "yes", "r")
    assert talk.run(path) == 0
    assert path.read_text() == GOOD and talk.answers == []


def test_restore_puts_back_the_previous_version_and_keeps_the_rejected_edit(tmp_path, scripted):
    path = mine(tmp_path)
    scripted(BROKEN)
    talk = Talk("r")
    assert talk.run(path) == 0
    assert path.read_text() == GOOD
    assert Path(f"{path}~").read_text() == BROKEN
    assert not safe_copy(path).exists()


def test_restore_after_an_earlier_keep_says_the_version_restored_has_problems_too(tmp_path, scripted):
    path = mine(tmp_path, BROKEN)  # kept broken by an earlier edit
    scripted(BROKEN + "  - {name: Worse, reps: lots}\n")
    talk = Talk("r")
    assert talk.run(path) == 1, "a routine with problems is not a success"
    assert path.read_text() == BROKEN
    assert talk.said[-1] == (f"restored the previous version of {path} (your edit is kept as {path}~); "
                             f"it had problems too (1 problem: `limber validate {path}` lists them)")
    assert not safe_copy(path).exists()


def test_restore_on_a_full_disk_says_where_the_previous_version_is(tmp_path, scripted, monkeypatch):
    path = mine(tmp_path)
    scripted(BROKEN)
    real_write = editor.write_atomically

    def full_for_the_routine(target, text, **options):
        if Path(target) == path:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_write(target, text, **options)

    monkeypatch.setattr(editor, "write_atomically", full_for_the_routine)
    talk = Talk("r")
    assert talk.run(path) == 1
    assert talk.warned[-1] == (f"limber: could not restore {path}: no space left on device; "
                               f"the previous version is still at {safe_copy(path)}")
    assert safe_copy(path).read_text() == GOOD and path.read_text() == BROKEN


def test_no_editing_when_the_previous_version_cannot_be_kept(tmp_path, scripted, monkeypatch):
    path = mine(tmp_path)
    edits = scripted(BROKEN)

    def read_only(target, text, **options):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(editor, "write_atomically", read_only)
    talk = Talk()
    assert talk.run(path) == 1
    assert talk.warned[0].startswith(f"limber: could not write {safe_copy(path)}: read-only file system")
    assert not (edits / "count").exists(), "the editor never opened"
    assert path.read_text() == GOOD


def test_an_undecided_copy_from_before_is_never_written_over(tmp_path, scripted):
    path = mine(tmp_path, BROKEN)
    safe_copy(path).write_text(GOOD)  # left by an edit that was stopped at the question
    scripted("")
    talk = Talk(KeyboardInterrupt())
    assert talk.run(path) == 130
    second = path.with_name("mine.yaml.before-edit-2")
    assert safe_copy(path).read_text() == GOOD and second.read_text() == BROKEN
    assert str(second) in talk.everything


def test_the_editor_is_handed_an_absolute_path(tmp_path, scripted, monkeypatch):
    path = mine(tmp_path, name="-x.yaml")
    edits = scripted(FIXED)
    monkeypatch.chdir(tmp_path)
    assert Talk().run(Path("-x.yaml")) == 0
    assert (edits / "argv-1").read_text() == str(path), "a name starting with - is never taken for an option"
    assert path.read_text() == FIXED


def test_ctrl_c_while_the_editor_runs_is_the_editors_not_limbers(tmp_path, scripted):
    path = mine(tmp_path)
    edits = scripted(FIXED)
    result = subprocess.run([sys.executable, "-m", "limber", "edit", str(path)], capture_output=True, text=True,
                            env={**os.environ, "FAKE_EDITOR_CTRL_C": "1"}, timeout=60)
    assert result.returncode == 0, result.stderr
    assert f"{path}: ok (Mine, fixed" in result.stdout
    assert path.read_text() == FIXED
    assert (edits / "sigint-1").read_text() == "default", "the editor itself can still be stopped with Ctrl+C"
