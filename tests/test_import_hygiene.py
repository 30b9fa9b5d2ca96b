"""The routine format and the engine stay free of Textual and of sound, so each can be used and tested alone."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.parametrize("module", ["limber.routine", "limber.engine", "limber.library", "limber.cli"])
def test_core_modules_do_not_import_textual_or_audio(module):
    code = (
        f"import sys, {module}; "
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'simpleaudio', 'rich') "
        "or m.startswith('limber.ui') or m.startswith('limber.audio')); "
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "", f"{module} pulls in {result.stdout.strip()}"
