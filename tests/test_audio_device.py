"""Real sound output: the real `limber play` in tmux, its ALSA default device pointed at a capture file.

The capture holds every cue that reached the device, one after another, as raw PCM; the test
reads it back as a sequence of cue files. The "null" slave consumes samples at once, so the
capture says what was played and in what order; timing belongs to the engine's own tests.
"""

from __future__ import annotations

import importlib.util
import os
import wave
from pathlib import Path

import pytest

from limber.audio import alsa
from limber.audio.voice import Phrasebook, find_speech_engine
from limber.routine import CUE_NAMES

from tests.conftest import REPO
from tests.terminal import Terminal

pytestmark = [pytest.mark.audio, pytest.mark.terminal]

ROUTINE = """\
name: Audio test
defaults: {get_ready: 2, switch_time: 1}
steps:
  - name: Arm hold
    duration: 4
    sides: [left, right]
"""
# rest (get ready) · countdown 1 · go · 3 2 1 · switch · go · 3 2 1 · finish
EXPECTED = ["rest", "countdown", "go", "countdown", "countdown", "countdown", "switch",
            "go", "countdown", "countdown", "countdown", "finish"]


def need_real_audio() -> None:
    missing = []
    if importlib.util.find_spec("simpleaudio") is None:
        missing.append("simpleaudio (pip install -e '.[audio]', which needs libasound2-dev)")
    if alsa.library() is None:
        missing.append("libasound")
    if missing:
        if os.environ.get("CI"):
            pytest.fail("CI must test real audio output, but this machine lacks " + ", ".join(missing))
        pytest.skip("no real audio output here: missing " + ", ".join(missing))


def cue_frames() -> dict[str, bytes]:
    frames = {}
    for name in CUE_NAMES:
        with wave.open(str(REPO / "sounds" / f"{name}.wav"), "rb") as wav:
            frames[name] = wav.readframes(wav.getnframes())
    return frames


def read_back(capture: bytes, known: dict[str, bytes]) -> list[str]:
    """The capture as the sequence of known sounds it is made of."""
    found, position = [], 0
    while position < len(capture):
        for name, data in known.items():
            if data and capture.startswith(data, position):
                found.append(name)
                position += len(data)
                break
        else:
            found.append(f"<{len(capture) - position} unknown bytes at {position}>")
            break
    return found


def home_with_capture(tmp_path: Path) -> tuple[Path, Path]:
    home = tmp_path / "home"
    home.mkdir()
    capture = tmp_path / "capture.raw"
    (home / ".asoundrc").write_text(
        'pcm.!default {\n  type file\n  slave.pcm "null"\n'
        f'  file "|cat >> {capture}"\n  format "raw"\n}}\n'
    )
    return home, capture


def play_to_the_end(tmp_path: Path, env: dict[str, str], *options: str) -> str:
    routine = tmp_path / "audio-test.yaml"
    routine.write_text(ROUTINE)
    term = Terminal(tmp_path)
    try:
        term.start("play", str(routine), *options, env=env)
        screen = term.wait_for_text("Finished", timeout=30)
        term.keys("q")
        assert term.exit_code() == 0
        return screen
    finally:
        term.close()


def test_cues_reach_the_device_in_order(tmp_path):
    need_real_audio()
    home, capture = home_with_capture(tmp_path)
    screen = play_to_the_end(tmp_path, {"HOME": str(home)}, "--volume", "100")
    assert "ALSA lib" not in screen
    assert read_back(capture.read_bytes(), cue_frames()) == EXPECTED


def test_muted_nothing_reaches_the_device(tmp_path):
    need_real_audio()
    home, capture = home_with_capture(tmp_path)
    play_to_the_end(tmp_path, {"HOME": str(home)}, "--mute")
    assert not capture.exists() or capture.stat().st_size == 0


def test_the_voice_reaches_the_device(tmp_path):
    need_real_audio()
    engine = find_speech_engine()
    if engine is None:
        if os.environ.get("CI"):
            pytest.fail("CI must test the spoken coach, but espeak-ng is missing")
        pytest.skip("no speech engine here")
    home, capture = home_with_capture(tmp_path)
    play_to_the_end(tmp_path, {"HOME": str(home)}, "--voice", "--volume", "100")
    phrasebook = Phrasebook(engine, Path(os.environ["LIMBER_CACHE_DIR"]) / "voice")
    said = {}
    for phrase in ["Get ready. First: Arm hold, left side, 4 seconds", "1", "Arm hold, left side, 4 seconds",
                   "3", "2", "Switch sides", "Arm hold, right side, 4 seconds", "Well done. Routine complete."]:
        sample = phrasebook.sample(phrase)
        assert sample is not None, phrase
        said[phrase] = sample.frames
    heard = read_back(capture.read_bytes(), said)
    assert heard[0] == "Get ready. First: Arm hold, left side, 4 seconds"
    assert "Switch sides" in heard and heard[-1] == "Well done. Routine complete."
    assert not any(h.startswith("<") for h in heard), heard


def test_with_no_device_the_session_runs_and_the_screen_stays_clean(tmp_path):
    need_real_audio()
    home = tmp_path / "empty-home"
    home.mkdir()  # no .asoundrc, and this machine has no sound card
    if alsa.default_device_opens():
        pytest.skip("this machine has a real sound device")
    screen = play_to_the_end(tmp_path, {"HOME": str(home)})
    assert "ALSA lib" not in screen and "Traceback" not in screen
