"""Writing files whole or not at all (a full disk, a killed writer), and the private folder cue WAVs go to."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
import time

import pytest

from limber import files, locations
from limber.audio import outputs
from limber.audio.samples import Sample
from limber.files import write_atomically

OLD = b"name: Old\nsteps:\n  - {name: Hold, duration: 20s}\n"
NEW = "name: New\nsteps:\n  - {name: Hold, duration: 40s}\n" * 100


def test_a_full_disk_leaves_the_file_as_it_was_and_says_so_in_one_line(tmp_path, monkeypatch):
    path = tmp_path / "mine.yaml"
    path.write_bytes(OLD)
    written = []

    def full_disk(fd, data):
        if written:  # the first block fits; the disk fills up on the next
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        written.append(len(data[:10]))
        return 10

    monkeypatch.setattr(files.os, "write", full_disk)
    with pytest.raises(OSError) as raised:
        write_atomically(path, NEW, keep_backup=True)
    assert raised.value.errno == errno.ENOSPC
    assert str(raised.value) == f"{path}: not saved (No space left on device); the file is as it was"
    assert "\n" not in str(raised.value)
    assert path.read_bytes() == OLD
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.yaml"], "no temporary file and no backup left"


def test_a_full_disk_when_the_write_is_flushed_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "mine.yaml"
    path.write_bytes(OLD)

    def full_disk(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(files.os, "fsync", full_disk)
    with pytest.raises(OSError, match="not saved"):
        write_atomically(path, NEW)
    assert path.read_bytes() == OLD
    assert [p.name for p in tmp_path.iterdir()] == ["mine.yaml"]


def _gone_pid() -> int:
    finished = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                              check=True, timeout=60)
    return int(finished.stdout)


def test_a_killed_writers_temporary_is_swept_by_the_next_write(tmp_path):
    dead = tmp_path / f".mine.yaml.{_gone_pid()}.0badf00d.tmp"
    live = tmp_path / f".mine.yaml.{os.getpid()}.0123abcd.tmp"  # a write under way in this very process
    fresh = tmp_path / f".other.yaml.{_gone_pid()}.feedbeef.tmp"  # too young to judge: maybe another machine's
    person = tmp_path / ".notes.tmp"  # the person's own, never touched
    for leftover in (dead, live, fresh, person):
        leftover.write_bytes(b"half a rout")
    an_hour_ago = time.time() - 3600
    for leftover in (dead, live, person):
        os.utime(leftover, (an_hour_ago, an_hour_ago))
    write_atomically(tmp_path / "mine.yaml", NEW)
    assert not dead.exists()
    assert live.exists() and fresh.exists() and person.exists()
    assert (tmp_path / "mine.yaml").read_text() == NEW
    names = {p.name for p in tmp_path.iterdir()}
    assert names == {"mine.yaml", live.name, fresh.name, person.name}, "the write's own temporary is gone too"


@pytest.fixture
def runtime(tmp_path, monkeypatch):
    folder = tmp_path / "run"
    folder.mkdir(mode=0o700)
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(folder))
    return folder


def test_cue_files_go_to_a_private_folder_of_the_session(runtime):
    folder = outputs.scratch_folder()
    assert folder == runtime / "limber"
    assert folder.is_dir() and not folder.is_symlink()
    assert folder.stat().st_mode & 0o777 == 0o700


def test_without_a_session_folder_cue_files_go_to_the_cache(monkeypatch):
    monkeypatch.delenv("XDG_RUNTIME_DIR", raising=False)
    folder = outputs.scratch_folder()
    assert folder == locations.cache_dir() / "cues"
    assert folder.stat().st_mode & 0o777 == 0o700


def test_a_planted_link_in_place_of_the_folder_is_refused(runtime, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir(mode=0o700)
    (runtime / "limber").symlink_to(elsewhere)
    folder = outputs.scratch_folder()
    assert folder == locations.cache_dir() / "cues"
    with pytest.raises(locations.NotPrivate, match="a link"):
        locations.private_folder(runtime / "limber")


def test_someone_elses_folder_or_one_others_can_write_in_is_refused(tmp_path, monkeypatch):
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    with pytest.raises(locations.NotPrivate, match="others can write in it"):
        locations.private_folder(shared)
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    monkeypatch.setattr(locations.os, "geteuid", lambda: theirs.stat().st_uid + 1)  # as if another account made it
    with pytest.raises(locations.NotPrivate, match="belongs to someone else"):
        locations.private_folder(theirs)


def test_a_system_player_writes_no_cue_through_a_link(tmp_path):
    folder = tmp_path / "cues"
    folder.mkdir(mode=0o700)
    output = outputs.CommandOutput(["true"], folder)
    sample = Sample(bytes(200), 1, 1, 8000)
    name = output._file_for(sample).name
    (folder / name).unlink()
    victim = tmp_path / "victim"
    (folder / name).symlink_to(victim)  # dangling: an open() that follows it would make the victim
    wav = output._file_for(sample)
    assert not victim.exists()
    assert not wav.is_symlink() and wav.read_bytes()[:4] == b"RIFF"
    assert [p.name for p in folder.iterdir()] == [name], "whole files only: no temporary left"


def test_a_fifo_or_socket_is_never_renamed_over(tmp_path):
    """Writing to a device path (a mistyped -o /dev/null) must leave the device in place."""
    import socket
    import stat as stat_module

    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    bound = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(bound))
    try:
        for path, is_kind in ((fifo, stat_module.S_ISFIFO), (bound, stat_module.S_ISSOCK)):
            with pytest.raises(files.WriteFailed) as failed:
                files.write_atomically(path, "text")
            assert "not a regular file" in str(failed.value)
            assert is_kind(path.lstat().st_mode), f"{path.name} was replaced"
            assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
    finally:
        server.close()
