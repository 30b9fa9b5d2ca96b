"""The routine format and the engine stay free of Textual and of sound, so each can be used and tested alone."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["limber.routine", "limber.engine", "limber.library", "limber.cli",
                                    "limber.history.store", "limber.history.recorder", "limber.history.stats",
                                    "limber.history.commands", "limber.remind.schedule", "limber.remind.settings",
                                    "limber.remind.config", "limber.remind.state",
                                    "limber.remind.view", "limber.remind.popup"])
def test_core_modules_do_not_import_textual_or_audio(module):
    code = (
        f"import sys, {module}; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'simpleaudio', 'rich') "
        "or m.startswith('limber.ui') or m.startswith('limber.audio')); "
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"


def test_starting_a_routine_played_before_loads_only_what_the_first_frame_needs(tmp_path):
    """The YAML parser and the routine checks (the routine comes from the read cache), WAV
    reading, the ALSA probe and the voice all wait until they are needed, after the first frame."""
    later = ("yaml", "wave", "ctypes", "sqlite3", "limber.routine.validate", "limber.audio.alsa", "limber.audio.voice")
    code = (
        "import sys\n"
        "from textual.app import App\n"
        f"App.run = lambda self, **kw: print(sorted(m for m in {later!r} if m in sys.modules)) or 0\n"
        "import limber.cli\n"
        "limber.cli.terminal_missing = lambda: None\n"  # captured output is no terminal; as if it were
        "limber.cli.main(['play', 'desk-back-stretches', '--mute'])\n"
    )
    env = dict(os.environ, LIMBER_CACHE_DIR=str(tmp_path / "cache"), LIMBER_CONFIG_DIR=str(tmp_path / "config"))
    first, second = (subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                                    check=True).stdout.strip() for _ in range(2))
    assert "'yaml'" in first  # the first start reads the file
    assert second == "[]"
