"""The read cache: a routine (or config) read before and unchanged since is taken from the
cache without the YAML parser; any change at all, or a file with problems, reads afresh."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from limber import config as config_module
from limber import library, read_cache
from limber.config import load_settings
from limber.routine import RoutineError

from tests.conftest import REPO

ROUTINE = """\
name: Cached
steps:
  - {name: Hold, duration: 20s, instructions: Breathe.}
"""


@pytest.fixture
def counted(monkeypatch):
    """library.load, counting how often a file is really read."""
    reads = []
    real = library.load

    def load(path):
        reads.append(path)
        return real(path)

    monkeypatch.setattr(library, "load", load)
    return reads


def test_an_unchanged_routine_is_read_once_and_then_kept(write, counted):
    path = write(ROUTINE)
    first = library.load_kept(path)
    second = library.load_kept(path)
    assert counted == [path]
    assert second == first
    assert second[1].segments[-1].name == "Hold" and second[0].source == path


def test_any_change_to_the_bytes_reads_afresh_even_with_the_same_size_and_time(write, counted):
    path = write(ROUTINE)
    library.load_kept(path)
    stat = path.stat()
    path.write_text(ROUTINE.replace("20s", "40s"), encoding="utf-8")  # same length
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    routine, plan = library.load_kept(path)
    assert len(counted) == 2
    assert plan.segments[-1].seconds == 40


def test_a_broken_routine_is_never_kept_so_its_problems_always_show(write, tmp_path):
    path = write("name: Broken\nsteps:\n  - {name: Hold, duration: soon}\n")
    for _ in range(2):
        with pytest.raises(RoutineError) as raised:
            library.load_kept(path)
        assert f"{path}:3:" in str(raised.value.problems[0])
    assert not read_cache.entry_for(library.cache_dir() / "read", path).exists()


def test_a_damaged_entry_is_read_past_and_replaced(write, counted):
    path = write(ROUTINE)
    library.load_kept(path)
    entry = read_cache.entry_for(library.cache_dir() / "read", path)
    entry.write_bytes(b"not a pickle")
    assert library.load_kept(path)[0].name == "Cached"
    assert library.load_kept(path)[0].name == "Cached"
    assert len(counted) == 2  # the damaged entry cost one read; the rewritten one served the next


def test_the_same_file_by_another_path_is_read_under_that_path(write, counted, tmp_path, monkeypatch):
    path = write(ROUTINE)
    library.load_kept(path)
    monkeypatch.chdir(tmp_path)
    relative = path.relative_to(tmp_path)
    routine, _ = library.load_kept(relative)
    assert routine.source == relative  # not the absolute path the first reading recorded
    assert len(counted) == 2


def test_new_reading_code_retires_old_entries(write, counted, monkeypatch):
    path = write(ROUTINE)
    library.load_kept(path)
    stamp = read_cache.code_stamp()
    monkeypatch.setattr(read_cache, "code_stamp", lambda: (*stamp, "edited"))
    library.load_kept(path)
    assert len(counted) == 2


def test_a_cache_folder_that_cannot_be_written_only_costs_time(write, counted, monkeypatch, tmp_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the cache folder should be")
    monkeypatch.setenv("LIMBER_CACHE_DIR", str(blocked))
    path = write(ROUTINE)
    assert library.load_kept(path)[0].name == "Cached"
    assert library.load_kept(path)[0].name == "Cached"
    assert len(counted) == 2


def test_settings_are_kept_the_same_way(own_folders, monkeypatch):
    reads = []
    real = config_module.read_settings
    monkeypatch.setattr(config_module, "read_settings", lambda path: reads.append(path) or real(path))
    config = own_folders / "config" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("volume: 40\n")
    assert load_settings().volume == 40
    assert load_settings().volume == 40
    assert len(reads) == 1
    config.write_text("volume: 60\n")
    assert load_settings().volume == 60
    assert len(reads) == 2
    config.write_text("volume: loud\n")
    for _ in range(2):
        with pytest.raises(config_module.ConfigError):
            load_settings()
    assert len(reads) == 4


def test_starting_a_routine_played_before_does_not_load_the_yaml_parser(write, own_folders):
    """The point of the cache: in a fresh process, the second start never imports yaml."""
    path = write(ROUTINE)
    config = own_folders / "config" / "config.yaml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("volume: 40\n")
    code = (
        "import sys\n"
        "from limber import library\n"
        "from limber.audio.setup import sound_from_settings\n"
        f"routine, plan = library.load_kept(library.find({str(path)!r}))\n"
        "sound = sound_from_settings(mute=True)\n"
        "print(routine.name, sound.volume, 'yaml' in sys.modules)\n"
    )
    env = dict(os.environ)
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
            for _ in range(2)]
    assert [run.stdout.split() for run in runs] == [["Cached", "40", "True"], ["Cached", "40", "False"]]


class _Planted:
    """What a crafted pickle entry would do when read: make a file of its choosing."""

    def __init__(self, marker):
        self.marker = str(marker)

    def __reduce__(self):
        return (open, (self.marker, "w"))


def test_a_crafted_pickle_in_the_cache_is_never_run(write, counted, tmp_path):
    import pickle
    import zlib

    path = write(ROUTINE)
    marker = tmp_path / "ran"
    folder = library.cache_dir() / "read"
    folder.mkdir(parents=True)
    payload = pickle.dumps(_Planted(marker))
    absolute = os.path.abspath(path)
    old_name = folder / f"{path.stem}-{zlib.crc32(os.fsencode(absolute)):08x}.pickle"  # where limber once kept it
    old_name.write_bytes(payload)
    read_cache.entry_for(folder, path).write_bytes(payload)
    routine, plan = library.load_kept(path)
    assert not marker.exists()
    assert routine.name == "Cached" and plan.segments[-1].name == "Hold"
    assert counted == [path]
    assert not old_name.exists(), "an entry of the old kind is removed, never read"
    assert library.load_kept(path) == (routine, plan) and counted == [path], "replaced by a good entry"


@pytest.mark.parametrize("tamper", [
    lambda kept: kept.replace('"duration":20', '"duration":NaN'),
    lambda kept: kept.replace('"duration":20', '"duration":Infinity'),
    lambda kept: kept.replace('"duration":20', '"duration":"20"'),
    lambda kept: kept.replace('"duration":20', '"duration":true'),
    lambda kept: kept.replace('"kind":"routine"', '"kind":"settings"'),
    lambda kept: kept.replace('"name":"Hold"', '"name":"Hold","extra":1'),
    lambda kept: kept[: len(kept) // 2],
    lambda kept: "[" * 100_000 + "]" * 100_000,
    lambda kept: "[]",
    lambda kept: kept.replace('"duration":20', '"duration":1e9'),
], ids=["nan", "infinity", "text-for-number", "flag-for-number", "other-kind", "extra-field", "torn", "deep", "list",
        "past-the-limits"])
def test_an_entry_not_as_limber_writes_it_is_a_miss_never_an_error(write, counted, tamper):
    path = write(ROUTINE)
    fresh = library.load_kept(path)
    entry = read_cache.entry_for(library.cache_dir() / "read", path)
    kept = entry.read_text()
    assert '"duration":20' in kept  # the tampering below finds what it changes
    entry.write_text(tamper(kept))
    assert library.load_kept(path) == fresh
    assert len(counted) == 2
    assert library.load_kept(path) == fresh and len(counted) == 2, "the entry was written afresh"


def test_a_link_in_place_of_an_entry_is_not_followed(write, counted, tmp_path):
    path = write(ROUTINE)
    library.load_kept(path)
    entry = read_cache.entry_for(library.cache_dir() / "read", path)
    real = tmp_path / "planted.json"
    real.write_bytes(entry.read_bytes())
    entry.unlink()
    entry.symlink_to(real)
    library.load_kept(path)
    assert len(counted) == 2
    assert not entry.is_symlink() and real.read_bytes() == entry.read_bytes()


def test_the_cache_folder_is_private(write):
    library.load_kept(write(ROUTINE))
    for folder in (library.cache_dir(), library.cache_dir() / "read"):
        assert folder.stat().st_mode & 0o777 == 0o700, folder


@pytest.mark.parametrize("path", [*sorted(library.bundled_routines_dir().glob("*.yaml")),
                                  *sorted((REPO / "tests" / "routines" / "valid").glob("*.yaml"))],
                         ids=lambda path: path.name)
def test_every_routine_comes_back_from_the_cache_as_it_was_read(path, counted):
    first = library.load_kept(path)
    assert library.load_kept(path) == first == library.load(path)
    assert counted.count(path) == 2  # once to keep, once by the plain load above
