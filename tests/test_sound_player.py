"""The cue player with stand-in outputs: mute, volume, announcements never cut off, fallbacks in order."""

from __future__ import annotations

import array
import sys
import textwrap

import pytest

from limber.audio import alsa, outputs
from limber.audio.outputs import BellOutput, CommandOutput, OutputFailed, choose_output
from limber.audio.player import CuePlayer
from limber.audio.samples import Sample, load_wav
from limber.audio.setup import default_tones
from limber.engine import Countdown, Engine, SegmentStarted
from limber.routine import compile_plan, parse_routine

PLAN = compile_plan(parse_routine(textwrap.dedent("""
    name: Sound
    defaults: {get_ready: 5}
    steps:
      - {name: Hold, duration: 30, sides: [left, right]}
""").lstrip(), "s.yaml"))


class FakePlaying:
    def __init__(self, playing: bool):
        self.playing = playing
        self.stopped = False

    def is_playing(self) -> bool:
        return self.playing and not self.stopped

    def stop(self) -> None:
        self.stopped = True


class FakeOutput:
    def __init__(self, name="fake", fail=False, hold=False):
        self.name = name
        self.fail = fail
        self.hold = hold  # sounds keep "playing" until released
        self.samples: list[Sample] = []
        self.handles: list[FakePlaying] = []

    def play(self, sample):
        if self.fail:
            raise OutputFailed(f"{self.name} lost its device")
        self.samples.append(sample)
        handle = FakePlaying(self.hold)
        self.handles.append(handle)
        return handle


@pytest.fixture
def engine(clock):
    return Engine(PLAN, clock=clock)


def player(outs, **options) -> CuePlayer:
    return CuePlayer(default_tones(), outs, **options)


def test_cues_reach_the_output_in_order(engine, clock):
    out = FakeOutput()
    sound = player([out], volume=100)
    sound.handle(engine.start(), engine)
    for _ in range(5):
        clock.advance(1)
        sound.handle(engine.tick(), engine)
    assert sound.wait_idle()
    sound.close()
    assert sound.played == ["rest", "countdown", "countdown", "countdown", "go"]
    assert out.samples[0] == load_wav(default_tones()["rest"])


def test_muted_nothing_plays_and_unmuting_brings_it_back(engine, clock):
    out = FakeOutput()
    sound = player([out], muted=True)
    sound.handle(engine.start(), engine)
    assert sound.wait_idle()
    assert out.samples == []
    assert sound.describe() == "muted"
    sound.toggle_mute()
    sound.handle(engine.skip(), engine)
    assert sound.wait_idle()
    sound.close()
    assert sound.played == ["go"]


def test_volume_scales_the_samples(engine):
    out = FakeOutput()
    sound = player([out], volume=50)
    sound.handle(engine.start(), engine)
    sound.wait_idle()
    sound.change_volume(-60)
    assert sound.volume == 0
    sound.change_volume(30)
    sound.handle(engine.skip(), engine)
    sound.wait_idle()
    sound.close()
    original = array.array("h", load_wav(default_tones()["rest"]).frames)
    half = array.array("h", out.samples[0].frames)
    assert max(half) == int(max(original) * 0.5)
    go = array.array("h", load_wav(default_tones()["go"]).frames)
    assert max(array.array("h", out.samples[1].frames)) == int(max(go) * 0.3)
    assert sys.byteorder == "little" or True


def test_an_announcement_is_never_cut_off(engine, clock):
    out = FakeOutput(hold=True)
    sound = player([out])
    sound.handle([SegmentStarted(clock(), 1, PLAN.segments[1])], engine)
    sound.wait_idle(timeout=0.2)
    sound.handle([Countdown(clock(), 1, 3)], engine)  # arrives while the name is still being said
    sound.wait_idle(timeout=0.2)
    assert sound.played == ["go"]
    assert not out.handles[0].stopped
    out.handles[0].playing = False  # the name is finished: the next tick is heard
    sound.handle([Countdown(clock(), 1, 2)], engine)
    sound.wait_idle()
    sound.close()
    assert sound.played == ["go", "countdown"]


def test_a_new_segment_stops_a_lingering_tick(engine, clock):
    out = FakeOutput(hold=True)
    sound = player([out])
    sound.handle([Countdown(clock(), 1, 1)], engine)
    sound.wait_idle(timeout=0.2)
    sound.handle([SegmentStarted(clock(), 2, PLAN.segments[2])], engine)
    sound.wait_idle(timeout=0.2)
    sound.close()
    assert sound.played == ["countdown", "switch"]
    assert out.handles[0].stopped


def test_a_failing_output_falls_back_to_the_next_and_says_so(engine):
    broken = FakeOutput("simpleaudio", fail=True)
    rings = []
    sound = player([broken, BellOutput(lambda: rings.append(1))])
    sound.handle(engine.start(), engine)
    sound.wait_idle()
    sound.handle([Countdown(engine.clock(), 0, 3)], engine)  # the bell is only for segment changes
    sound.wait_idle()
    sound.close()
    assert rings == [1]
    assert sound.notice == "simpleaudio lost its device; now using bell"


def test_choose_output_prefers_simpleaudio_then_a_system_player_then_the_bell(monkeypatch, tmp_path):
    monkeypatch.setattr(alsa, "default_device_opens", lambda: True)
    monkeypatch.setitem(sys.modules, "simpleaudio", type(sys)("simpleaudio"))
    chosen, why = choose_output(tmp_path)
    assert chosen.name == "simpleaudio" and why is None

    monkeypatch.setattr(alsa, "default_device_opens", lambda: False)
    monkeypatch.setattr(outputs, "system_players", lambda: [["true"]])
    chosen, why = choose_output(tmp_path)
    assert isinstance(chosen, CommandOutput) and chosen.name == "true"
    assert why == "sound through true (no sound device)"

    monkeypatch.setattr(outputs, "system_players", lambda: [["false"]])
    chosen, why = choose_output(tmp_path)
    assert chosen is None
    assert why == "no sound device: cues ring the terminal bell"

    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # not installed
    chosen, why = choose_output(tmp_path)
    assert why == "simpleaudio is not installed: cues ring the terminal bell"


def test_a_system_player_gets_each_sound_written_once(tmp_path):
    out = CommandOutput(["true"], tmp_path)
    sample = load_wav(default_tones()["go"])
    first = out.play(sample)
    second = out.play(sample)
    assert len(list(tmp_path.glob("cue-*.wav"))) == 1
    assert load_wav(next(tmp_path.glob("cue-*.wav"))) == sample
    for handle in (first, second):
        while handle.is_playing():
            pass


def test_a_routine_can_bring_its_own_sounds(engine, tmp_path):
    custom = tmp_path / "gong.wav"
    Sample(b"\x10\x00" * 100, 1, 2, 44100).to_wav(custom)
    out = FakeOutput()
    sound = player([out], volume=100)
    sound.use_routine({"go": custom}, PLAN)
    sound.handle(engine.start() + engine.skip(), engine)
    sound.wait_idle()
    sound.close()
    assert out.samples[-1].frames == b"\x10\x00" * 100


def test_system_player_files_follow_the_sound_not_the_object(tmp_path):
    out = CommandOutput(["true"], tmp_path)
    beep = Sample(b"\x10\x00" * 50, 1, 2, 44100)
    same_sound = Sample(b"\x10\x00" * 50, 1, 2, 44100)
    other_sound = Sample(b"\x20\x00" * 50, 1, 2, 44100)
    for sample in (beep, same_sound, other_sound):
        handle = out.play(sample)
        while handle.is_playing():
            pass
    files = sorted(tmp_path.glob("cue-*.wav"))
    assert len(files) == 2
    assert sorted(load_wav(f).frames for f in files) == sorted([beep.frames, other_sound.frames])


def test_the_sound_state_names_a_volume_only_where_one_applies():
    """Beside "no sound device: cues ring the terminal bell" the state says "bell only", not a volume."""
    rings = []
    bell_only = CuePlayer(default_tones(), lambda: (None, "no sound device: cues ring the terminal bell"), volume=80)
    bell_only.attach_bell(lambda: rings.append(1))
    assert bell_only.describe() == "sound 80%"  # still looking: nothing is known to be wrong yet
    bell_only.start()
    assert bell_only.wait_idle()
    assert bell_only.describe() == "bell only" and not bell_only.has_volume
    assert "no sound device" in bell_only.notice
    bell_only.close()

    speaker = CuePlayer(default_tones(), lambda: (FakeOutput(), None), volume=80)
    speaker.attach_bell(lambda: rings.append(1))
    speaker.start()
    assert speaker.wait_idle()
    assert speaker.describe() == "sound 80%" and speaker.has_volume
    speaker.toggle_mute()
    assert speaker.describe() == "muted"
    speaker.close()

    nothing = player([])
    assert nothing.describe() == "no sound"
    nothing.close()


def test_a_device_lost_mid_session_leaves_the_state_saying_bell_only(engine):
    sound = player([FakeOutput(fail=True)], volume=80)
    sound.attach_bell(lambda: None)
    assert sound.describe() == "sound 80%"
    sound.handle(engine.start(), engine)
    assert sound.wait_idle()
    assert sound.describe() == "bell only"
    sound.close()
