"""The hostile-input corpus: every case, how it is laid out in a folder, and what limber may answer.

Small cases are files in `routines/` and `config/` beside this module (each starts with a
comment saying what it tries). What cannot be committed is made at test time: devices and
links to them, FIFOs, folders where a file should be, files too big to keep, file names
with escape sequences in them, and the FIFOs and links that some committed cases point at.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROUTINES = HERE / "routines"
CONFIGS = HERE / "config"

# Exit codes of `limber validate`, as the README gives them.
OK, INVALID, USAGE = 0, 1, 2
VALID = frozenset({OK})
REJECTED = frozenset({INVALID})
NOT_THERE = frozenset({USAGE})  # a file that is not there is a mistyped name: a usage error
# Either is right: limber may take the text and show it safely, or refuse it with a message.
EITHER = frozenset({OK, INVALID})

# What reaches a terminal from limber must hold none of these: C0 controls (tab and newline
# aside), DEL, C1 controls, and the bidirectional overrides and isolates.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def control_characters(text: str) -> list[str]:
    """Every control character in `text`, named (empty when it is clean)."""
    return [f"U+{ord(c):04X}" for c in CONTROL.findall(text)]


@dataclass(frozen=True)
class Case:
    """One hostile input: `build` lays it out in an empty folder and returns the path to hand limber."""

    name: str
    exits: frozenset[int]
    build: Callable[[Path], Path]
    # Configs only: whether reading it must fail ("error"), must give settings ("settings"), or either.
    config_outcome: str = "either"

    def __str__(self) -> str:
        return self.name


# -- making things that cannot be committed ------------------------------------------------
def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


def _link(path: Path, target: str | Path) -> Path:
    os.symlink(target, path)
    return path


def _folder(path: Path) -> Path:
    path.mkdir()
    return path


# Objects some committed cases name in their `sounds:`; made beside the copy of the case.
SOUND_OBJECTS: dict[str, Callable[[Path], None]] = {
    "sounds-fifo.yaml": lambda folder: _fifo(folder / "cue.wav") and None,
    "sounds-dev-zero.yaml": lambda folder: _link(folder / "zero.wav", "/dev/zero") and None,
}


def _committed(source: Path) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / source.name
        shutil.copyfile(source, path)
        make = SOUND_OBJECTS.get(source.name)
        if make is not None:
            make(folder)
        return path

    return build


def _written(name: str, content: str | bytes) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / name
        path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
        return path

    return build


SIMPLE = "name: Simple\nsteps:\n  - {name: Hold, duration: 5}\n  - {name: Press, reps: 3}\n"
TWO_MB = 2 * 1024 * 1024
FIFTY_MB = 50 * 1024 * 1024
# The file the command in the "tag-python-runs" case would make, were the tag ever acted on.
RAN_MARKER = "limber-ran-a-command"

# -- routines -------------------------------------------------------------------------------
# Committed routine files whose text limber may take (shown safely) or refuse; every other
# committed file must be refused (exit 1).
ROUTINE_EXITS = {
    "esc-alt-screen.yaml": EITHER,
    "esc-clear-screen.yaml": EITHER,
    "esc-osc-title.yaml": EITHER,
    "esc-osc52-clipboard.yaml": EITHER,
    "esc-c1-csi.yaml": EITHER,
    "esc-bidi-override.yaml": EITHER,
    "esc-bell-backspace-cr.yaml": EITHER,
    "esc-nul-escaped.yaml": EITHER,
    "esc-raw-bidi.yaml": EITHER,
    "esc-raw-in-comment.yaml": EITHER,
    "tabs-in-values.yaml": EITHER,
    "alias-bomb-ignored.yaml": EITHER,
    "alias-bomb-merge.yaml": EITHER,  # merges read once each: what they build is a small routine
    "reps-tiny-rep-time.yaml": EITHER,
    "reps-5000-digits-untimed.yaml": EITHER,
    "total-googol-seconds.yaml": EITHER,
    "markup-names.yaml": VALID,
    "utf8-with-bom.yaml": VALID,
    "long-day.yaml": REJECTED,  # 4,800 hours: past the 24 a routine may take
    "tag-unusual.yaml": EITHER,
}


def _generated_routines() -> list[Case]:
    deep = "name: Deep\nsteps:\n" + "".join(" " * i + "-\n" for i in range(1200))
    long_key = "name: Key\n? " + "durationx" * 22000 + "\n: 1\nsteps:\n  - {name: A, duration: 5}\n"
    backtrack = (
        "name: Regex\nsteps:\n"
        f"  - {{name: A, duration: {'1' * 100000}x}}\n"
        f"  - {{name: B, duration: \"{'1 ' * 50000}\"}}\n"
        f"  - {{name: C, duration: \"1h{' ' * 100000}1\"}}\n"
        f"  - {{name: D, duration: \"{'1:' * 50000}00\"}}\n"
    )
    many = "name: Many\nsteps:\n" + "".join(f"  - {{name: S{i}, duraton: {i}}}\n" for i in range(5000))
    long_text = ("name: Long\nsteps:\n  - name: " + "W" * 10000 + "\n    duration: 5\n"
                 "    instructions: \"" + "line\\n" * 2000 + "\"\n")
    padding = "# " + "x" * 78 + "\n"
    return [
        Case("huge-2mb", REJECTED, _written("huge.yaml", SIMPLE + padding * (TWO_MB // len(padding)))),
        # Made only when built: fifty megabytes is not kept in every test process.
        Case("huge-50mb-one-line", REJECTED,
             lambda folder: _written("huge-50mb.yaml", "name: " + "x" * FIFTY_MB + "\nsteps: []\n")(folder)),
        Case("tag-python-runs", REJECTED, lambda folder: _written("tags.yaml", (
            f'name: !!python/object/apply:os.system ["touch {folder / RAN_MARKER}"]\n'
            f'steps:\n  - !!python/object/apply:subprocess.call [["touch", "{folder / RAN_MARKER}"]]\n'
        ))(folder)),
        Case("huge-2mb-one-line", REJECTED, _written("huge-line.yaml", "name: " + "x" * TWO_MB + "\nsteps: []\n")),
        Case("deep-block-nesting", REJECTED, _written("deep.yaml", deep)),
        Case("long-key", REJECTED, _written("long-key.yaml", long_key)),
        Case("duration-backtracking", REJECTED, _written("regex.yaml", backtrack)),
        Case("many-problems", REJECTED, _written("many.yaml", many)),
        Case("long-text", EITHER, _written("long.yaml", long_text)),
        Case("dev-zero", REJECTED, lambda folder: Path("/dev/zero")),
        Case("dev-urandom", REJECTED, lambda folder: Path("/dev/urandom")),
        Case("dev-null", REJECTED, lambda folder: Path("/dev/null")),
        Case("link-to-dev-zero", REJECTED, lambda folder: _link(folder / "zero.yaml", "/dev/zero")),
        Case("link-to-dev-urandom", REJECTED, lambda folder: _link(folder / "noise.yaml", "/dev/urandom")),
        Case("fifo", REJECTED, lambda folder: _fifo(folder / "fifo.yaml")),
        Case("link-to-fifo", REJECTED, lambda folder: _link(folder / "via.yaml", _fifo(folder / "fifo"))),
        Case("folder", REJECTED, lambda folder: _folder(folder / "folder.yaml")),
        Case("missing", NOT_THERE, lambda folder: folder / "missing.yaml"),
        Case("dangling-link", NOT_THERE, lambda folder: _link(folder / "dangling.yaml", folder / "gone.yaml")),
        Case("link-loop", NOT_THERE, lambda folder: (_link(folder / "b.yaml", folder / "a.yaml"),
                                                   _link(folder / "a.yaml", folder / "b.yaml"))[1]),
        Case("file-name-escape", VALID, _written("\x1b]0;pwned\x07\x1b[2J.yaml", SIMPLE)),
        Case("file-name-c1-bidi", VALID, _written("\x9b2J\u202ereversed.yaml", SIMPLE)),
        # A newline, and what follows it dressed as a problem line of another file.
        Case("file-name-newline", REJECTED, _written("bad\nforged.yaml:1:1: all is well.yaml", "name: [\n")),
        Case("file-name-markup", VALID, _written("[bold red]x[@click=app.quit]q[b].yaml", SIMPLE)),
        Case("file-name-not-utf8", VALID, lambda folder: _raw_name(folder, b"caf\xe9-\xff.yaml", SIMPLE)),
    ]


def _raw_name(folder: Path, name: bytes, text: str) -> Path:
    path = folder / os.fsdecode(name)
    path.write_text(text, encoding="utf-8")
    return path


def routine_cases() -> list[Case]:
    committed = [
        Case(path.stem, ROUTINE_EXITS.get(path.name, REJECTED), _committed(path))
        for path in sorted(ROUTINES.glob("*.yaml"))
    ]
    return committed + _generated_routines()


# -- config files ---------------------------------------------------------------------------
CONFIG_OUTCOMES = {
    "valid.yaml": "settings",
    "empty.yaml": "settings",
    "only-comments.yaml": "settings",
    "esc-keys.yaml": "error",
    "esc-values.yaml": "error",
    "esc-sound-path.yaml": "error",
    "esc-raw-byte.yaml": "error",
    "markup.yaml": "error",
    "volume-5000-digits.yaml": "error",
    "volume-1e400.yaml": "error",
    "volume-out-of-range.yaml": "error",
    "voice-huge.yaml": "error",
    "alias-bomb-lists.yaml": "error",
    "deep-nesting.yaml": "error",
    "tabs-indentation.yaml": "error",
    "nul-byte.yaml": "error",
    "invalid-utf8.yaml": "error",
    "scalar-root.yaml": "error",
    "list-root.yaml": "error",
    "multi-document.yaml": "error",
    "sounds-fifo.yaml": "error",
    "sounds-dev-zero.yaml": "error",
    "sounds-dev-urandom.yaml": "error",
    "sounds-folder.yaml": "error",
}


def _config_from(source: Path) -> Callable[[Path], Path]:
    def build(folder: Path) -> Path:
        path = folder / "config.yaml"
        shutil.copyfile(source, path)
        make = SOUND_OBJECTS.get(source.name)
        if make is not None:
            make(folder)
        return path

    return build


def config_cases() -> list[Case]:
    """Each builds `config.yaml` in the folder it is given (the config folder limber is pointed at)."""
    committed = [
        Case(f"config-{path.stem}", EITHER, _config_from(path), CONFIG_OUTCOMES.get(path.name, "either"))
        for path in sorted(CONFIGS.glob("*.yaml"))
    ]
    padding = "# " + "x" * 78 + "\n"
    return committed + [
        Case("config-huge-2mb", EITHER, _written("config.yaml", "volume: 10\n" + padding * (TWO_MB // len(padding))),
             "error"),
        Case("config-link-to-dev-zero", EITHER, lambda folder: _link(folder / "config.yaml", "/dev/zero")),
        Case("config-link-to-dev-urandom", EITHER, lambda folder: _link(folder / "config.yaml", "/dev/urandom")),
        Case("config-fifo", EITHER, lambda folder: _fifo(folder / "config.yaml")),
        Case("config-folder", EITHER, lambda folder: _folder(folder / "config.yaml")),
    ]
