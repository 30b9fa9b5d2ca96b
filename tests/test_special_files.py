"""FIFOs, devices and folders where a routine or a cue file belongs: refused at once, never read.

A FIFO would hang whatever opens it for reading; /dev/zero would fill memory. Each check has
a guard that ends it (a timeout, a memory limit) so a regression fails rather than hangs.
"""

from __future__ import annotations

import contextlib
import os
import resource
import subprocess
import sys
import threading
import wave

import pytest

from limber import config, library
from limber.audio.samples import load_wav
from limber.routine import RoutineError
from limber.routine.validate import wav_problem

GUARD_SECONDS = 10

ROUTINE = "name: Short\nsteps:\n  - {name: Hold, duration: 20s}\n"


def finishing(call, *fifos):
    """What `call()` returns or raises; fails the test if it is still waiting after the guard (a FIFO
    held it), after letting it go by opening the FIFOs for writing."""
    outcome: dict = {}

    def run():
        try:
            outcome["value"] = call()
        except BaseException as error:  # noqa: BLE001 - handed back to the test
            outcome["error"] = error

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(GUARD_SECONDS)
    if thread.is_alive():
        for fifo in fifos:  # a reader waiting on the FIFO gets end-of-file and stops waiting
            os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))
        thread.join(GUARD_SECONDS)
        pytest.fail(f"{call} waited on a FIFO")
    return outcome


@contextlib.contextmanager
def memory_capped():
    """A few hundred MiB more address space than this process has now: a device read whole raises
    MemoryError here instead of taking the machine's memory."""
    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    with open("/proc/self/statm") as statm:
        size = int(statm.read().split()[0]) * resource.getpagesize()
    resource.setrlimit(resource.RLIMIT_AS, (size + (512 << 20), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_AS, (soft, hard))


def _limited_memory():
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))  # /dev/zero read whole fails here, not the machine


def limber(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "limber", *args], capture_output=True, text=True,
                          env=os.environ.copy(), timeout=GUARD_SECONDS * 3, preexec_fn=_limited_memory)


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "piped.yaml"
    os.mkfifo(path)
    return path


@pytest.fixture
def zero(tmp_path):
    path = tmp_path / "zero.yaml"
    path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize("read", [library.load, library.load_kept], ids=["load", "load_kept"])
def test_a_fifo_as_the_routine_is_refused_without_waiting(fifo, read):
    outcome = finishing(lambda: read(fifo), fifo)
    error = outcome.get("error")
    assert isinstance(error, RoutineError), outcome
    assert [str(p) for p in error.problems] == [f"{fifo}: not a regular file (a named pipe)"]


def test_a_link_to_a_device_is_refused_before_a_byte_is_read(zero, monkeypatch):
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    for read in (library.load, library.load_kept):
        with memory_capped(), pytest.raises(RoutineError) as raised:
            read(zero)
        assert [str(p) for p in raised.value.problems] == [f"{zero}: not a regular file (a device)"]
    assert reads == []


def test_a_folder_is_named_as_one(tmp_path):
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    with pytest.raises(RoutineError, match="is a folder, not a routine file"):
        library.load(folder)


def test_a_playing_routine_swapped_for_a_device_reloads_as_a_problem(write, tmp_path):
    path = write(ROUTINE)
    watch = library.FileWatch(path)
    library.load(path)
    path.unlink()
    path.symlink_to("/dev/urandom")
    assert finishing(watch.changed).get("value") is True
    with memory_capped(), pytest.raises(RoutineError, match="not a regular file"):
        library.load(path)  # what the player's reload calls


def test_a_fifo_as_a_cue_file_is_refused_by_the_check_and_the_sound_loader(tmp_path):
    cue = tmp_path / "gong.wav"
    os.mkfifo(cue)
    assert finishing(lambda: wav_problem(cue), cue).get("value") == f"{cue}: not a regular file (a named pipe)"
    error = finishing(lambda: load_wav(cue), cue).get("error")
    assert isinstance(error, OSError) and "not a regular file" in str(error)


def test_a_device_as_a_cue_file_is_refused(tmp_path):
    cue = tmp_path / "gong.wav"
    cue.symlink_to("/dev/zero")
    with memory_capped():
        assert wav_problem(cue) == f"{cue}: not a regular file (a device)"
    with memory_capped(), pytest.raises(OSError, match="not a regular file"):
        load_wav(cue)


def test_a_real_cue_still_loads(tmp_path):
    cue = tmp_path / "gong.wav"
    with wave.open(str(cue), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(8000)
        out.writeframes(bytes(800))
    assert wav_problem(cue) is None
    assert load_wav(cue).frames == bytes(800)


def test_a_fifo_as_the_config_file_is_a_problem_not_a_hang(own_folders):
    path = config.config_path()
    path.parent.mkdir(parents=True)
    os.mkfifo(path)
    error = finishing(config.load_settings, path).get("error")
    assert isinstance(error, config.ConfigError) and "not a regular file (a named pipe)" in str(error)


def test_listing_never_opens_a_fifo_or_device_in_the_routines_folder(own_folders):
    folder = library.user_routines_dir()
    folder.mkdir(parents=True)
    os.mkfifo(folder / "piped.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    (folder / "fine.yaml").write_text(ROUTINE)
    listed = {entry.stem: entry.path for entry in library.entries()}
    assert {"piped", "zero", "fine"} <= listed.keys()
    # The home screen loads each entry to show its steps and time.
    problems = {}
    for name in ("piped", "zero"):
        with memory_capped():
            error = finishing(lambda name=name: library.load_kept(listed[name]), folder / "piped.yaml").get("error")
        assert isinstance(error, RoutineError)
        problems[name] = str(error.problems[0])
    assert problems == {
        "piped": f"{folder / 'piped.yaml'}: not a regular file (a named pipe)",
        "zero": f"{folder / 'zero.yaml'}: not a regular file (a device)",
    }
    assert library.load_kept(listed["fine"])[0].name == "Short"


@pytest.mark.parametrize("command", ["validate", "plan"])
def test_the_commands_refuse_a_fifo_or_a_device_at_once(command, fifo, zero):
    for path, what in ((fifo, "a named pipe"), (zero, "a device")):
        result = limber(command, str(path))
        assert result.returncode == 1, result.stderr
        assert result.stderr == f"{path}: not a regular file ({what})\n"


def test_validate_refuses_a_fifo_as_a_sounds_file(tmp_path):
    os.mkfifo(tmp_path / "gong.wav")
    path = tmp_path / "loud.yaml"
    path.write_text("name: Loud\nsounds:\n  go: gong.wav\nsteps:\n  - {name: Hold, duration: 20s}\n")
    for command in ("validate", "plan"):
        result = limber(command, str(path))
        assert result.returncode == 1
        assert result.stderr == f"{path}:3:7: `sounds.go`: {tmp_path / 'gong.wav'}: not a regular file (a named pipe)\n"


def test_list_shows_a_fifo_or_device_in_the_routines_folder_as_invalid(own_folders):
    folder = library.user_routines_dir()
    folder.mkdir(parents=True)
    os.mkfifo(folder / "piped.yaml")
    (folder / "zero.yaml").symlink_to("/dev/zero")
    result = limber("list")
    assert result.returncode == 0, result.stderr
    rows = {line.split()[0]: line for line in result.stdout.splitlines()}
    assert "invalid" in rows["piped"] and "invalid" in rows["zero"]
    assert "desk-back-stretches" in rows
