"""The bundled cue files: the format promised, no clicks at either end, and a distinct sound for each phase."""

from __future__ import annotations

import array
import subprocess
import sys
import wave

import pytest

from limber.routine import CUE_NAMES

from tests.conftest import REPO

SOUNDS = REPO / "sounds"


@pytest.mark.parametrize("name", CUE_NAMES)
def test_cue_format_and_clean_edges(name):
    with wave.open(str(SOUNDS / f"{name}.wav"), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44100)
        seconds = wav.getnframes() / 44100
        samples = array.array("h", wav.readframes(wav.getnframes()))
    assert 0.03 < seconds < 2.0
    peak = max(abs(s) for s in samples)
    assert 0.2 * 32767 < peak < 0.6 * 32767, "audible but never harsh or clipped"
    # A click is a jump at the edges: the first and last milliseconds fade from and to silence.
    assert abs(samples[0]) < 0.01 * 32767 and abs(samples[-1]) < 0.01 * 32767
    edge = 44
    assert max(abs(s) for s in samples[:edge]) < 0.5 * peak


def test_each_phase_sounds_different():
    contents = {name: (SOUNDS / f"{name}.wav").read_bytes() for name in CUE_NAMES}
    assert len(set(contents.values())) == len(CUE_NAMES)


def test_the_script_makes_the_committed_files(tmp_path):
    subprocess.run([sys.executable, str(SOUNDS / "make_cues.py"), str(tmp_path)], check=True, capture_output=True)
    for name in CUE_NAMES:
        assert (tmp_path / f"{name}.wav").read_bytes() == (SOUNDS / f"{name}.wav").read_bytes()
