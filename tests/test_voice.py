"""The spoken coach's speech program: a phrase always reaches it as text to say, never as an option."""

from __future__ import annotations

import json
import shutil
import sys
import textwrap

import pytest

from limber.audio.voice import Phrasebook, SpeechEngine, find_speech_engine

# Step names as a routine file may hold them: each would be an option on a command line.
HOSTILE_PHRASES = ["--help", "-w /tmp/limber-voice-hijack.wav", "-", "--stdin", "Überkopf-Dehnung, -30 seconds"]


@pytest.fixture
def fake_espeak(tmp_path, monkeypatch):
    """An `espeak-ng` alone on PATH that notes its argv and stdin and writes a second of silence."""
    folder = tmp_path / "bin"
    folder.mkdir()
    log = tmp_path / "espeak.log"
    script = folder / "espeak-ng"
    script.write_text(textwrap.dedent(f"""\
        #!{sys.executable}
        import json, sys, wave
        args = sys.argv[1:]
        said = sys.stdin.buffer.read().decode("utf-8")
        with open({str(log)!r}, "a") as log:
            log.write(json.dumps({{"argv": args, "stdin": said}}) + "\\n")
        with wave.open(args[args.index("-w") + 1], "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(22050)
            out.writeframes(b"\\0\\0" * 22050)
    """))
    script.chmod(0o755)
    monkeypatch.setenv("PATH", str(folder))
    return log


@pytest.mark.parametrize("phrase", HOSTILE_PHRASES)
def test_a_phrase_goes_to_the_speech_program_on_stdin_not_argv(fake_espeak, tmp_path, phrase):
    engine = find_speech_engine()
    assert engine is not None and engine.name == "espeak-ng"
    sample = Phrasebook(engine, tmp_path / "voice").sample(phrase)
    runs = [json.loads(line) for line in fake_espeak.read_text().splitlines()]
    assert len(runs) == 1
    assert runs[0]["stdin"] == phrase
    options, out = runs[0]["argv"], str(tmp_path / "voice")
    assert [a for a in options if not a.startswith(out)] == ["-s", "160", "-w", "--stdin"]
    assert sample is not None and sample.seconds == 1.0


def test_say_reads_the_phrase_from_stdin_too(tmp_path):
    command = SpeechEngine("say", "/usr/bin/say").command(tmp_path / "out.wav")
    assert command[-2:] == ["-f", "-"]


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng is not installed")
@pytest.mark.parametrize("phrase", ["--help", "-w /tmp/limber-voice-hijack.wav"])
def test_the_real_espeak_says_an_option_like_phrase_as_words(tmp_path, phrase):
    engine = SpeechEngine("espeak-ng", shutil.which("espeak-ng"))
    sample = Phrasebook(engine, tmp_path).sample(phrase)
    # Read as an option, "--help" prints help and writes no sound at all.
    assert sample is not None and sample.seconds > 0.3
    assert len(list(tmp_path.glob("*.wav"))) == 1
