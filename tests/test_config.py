"""The person's config file: defaults when absent, every setting read, clear errors when wrong."""

from __future__ import annotations

import re

import pytest

from limber.audio.samples import Sample
from limber.audio.setup import sound_from_settings
from limber.audio.voice import Phrasebook, SpeechEngine, find_speech_engine
from limber.config import ConfigError, Settings, config_path, load_settings
from limber.routine import RoutineError


def write_config(text: str):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_no_config_means_defaults():
    assert load_settings() == Settings()


def test_every_setting(tmp_path):
    path = write_config("volume: 40\nvoice: yes\nrep_ticks: true\nsounds:\n  go: gong.wav\n")
    Sample(b"\x01\x00" * 10, 1, 2, 44100).to_wav(path.parent / "gong.wav")
    settings = load_settings()
    assert (settings.volume, settings.voice, settings.rep_ticks) == (40, True, True)
    assert settings.sounds == {"go": (path.parent / "gong.wav").resolve()}


@pytest.mark.parametrize(
    "text, message",
    [
        ("volume: 140\n", "1:9: `volume` is from 0 to 100"),
        ("voice: loud\n", "1:8: `voice` should be true or false"),
        ("volum: 40\n", "1:1: unknown key `volum` in the config file; did you mean `volume`?"),
        ("sounds:\n  go: nowhere.wav\n", "2:7: `sounds.go`: no such file"),
    ],
)
def test_config_errors_have_positions(text, message):
    path = write_config(text)
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert str(caught.value.problems[0]).startswith(f"{path}:{message}")
    assert not isinstance(caught.value, RoutineError), "a bad config is not a bad routine"


@pytest.mark.parametrize("text", ["volume: [\n", b"volume: \xff\n"], ids=["syntax", "not-utf8"])
def test_a_config_that_cannot_be_read_is_a_config_error_too(text):
    path = config_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    with pytest.raises(ConfigError) as caught:
        load_settings()
    assert re.match(rf"{re.escape(str(path))}:\d+:\d+: ", str(caught.value.problems[0]))


def test_a_config_with_every_line_commented_out_sets_nothing():
    write_config("# volume: 40\n# voice: true\n")
    assert load_settings().volume == 80


def test_a_broken_config_never_stops_a_session():
    write_config("volume: [\n")
    sound = sound_from_settings(mute=True)
    try:
        assert sound.notice.startswith(f"config.yaml has problems; using defaults: {config_path()}:2:1: ")
        assert "\n" not in sound.notice
        assert sound.volume == 80
    finally:
        sound.close()


def test_flags_override_the_config():
    write_config("volume: 30\n")
    sound = sound_from_settings(volume=70, mute=True)
    try:
        assert sound.volume == 70 and sound.muted
    finally:
        sound.close()


def test_the_phrasebook_makes_each_phrase_once(tmp_path):
    engine = find_speech_engine()
    if engine is None:
        pytest.skip("no speech engine here")
    book = Phrasebook(engine, tmp_path)
    first = book.sample("Switch sides")
    assert first is not None and first.seconds > 0.3
    made = list(tmp_path.glob("*.wav"))
    assert len(made) == 1
    again = Phrasebook(engine, tmp_path).sample("Switch sides")
    assert again == first and list(tmp_path.glob("*.wav")) == made


def test_a_failing_speech_engine_gives_none_and_caches_nothing(tmp_path):
    book = Phrasebook(SpeechEngine("espeak-ng", "/bin/false"), tmp_path)
    assert book.sample("Hello") is None
    assert list(tmp_path.iterdir()) == []


def test_a_bad_config_gives_the_defaults_and_says_why_where_asked(own_folders):
    from limber.config import Settings, config_path, settings_or_defaults

    config_path().parent.mkdir(parents=True, exist_ok=True)
    config_path().write_text("history: maybe\nweekly_goal: 90\n")
    told = []
    assert settings_or_defaults(told.append) == Settings()
    assert len(told) == 1 and "history" in str(told[0].problems[0])
