"""The cue player with stand-in outputs: mute, volume, announcements never cut off, fallbacks in order."""

from __future__ import annotations

import array
import subprocess
import sys
import textwrap
import threading

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
        self.asked = threading.Event()  # set each time someone asks whether it still plays

    def is_playing(self) -> bool:
        self.asked.set()
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
        self.over_another: list[bool] = []  # for each sound: was another still playing as it began?

    def play(self, sample):
        if self.fail:
            raise OutputFailed(f"{self.name} lost its device")
        self.over_another.append(any(h.is_playing() for h in self.handles))
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


def test_a_cue_outside_any_routine_plays_unless_muted():
    """The reminder's ring when a break comes due goes through the same worker as a routine's cues."""
    from limber.audio.cues import Cue

    out = FakeOutput()
    sound = player([out], volume=100)
    sound.play_cue(Cue("go"))
    assert sound.wait_idle()
    sound.toggle_mute()
    sound.play_cue(Cue("go"))
    assert sound.wait_idle()
    sound.close()
    assert sound.played == ["go"] and len(out.samples) == 1


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
    assert sound.wait_idle()
    sound.change_volume(-60)
    assert sound.volume == 0
    sound.change_volume(30)
    sound.handle(engine.skip(), engine)
    assert sound.wait_idle()
    sound.close()
    original = array.array("h", load_wav(default_tones()["rest"]).frames)
    half = array.array("h", out.samples[0].frames)
    assert max(half) == int(max(original) * 0.5)
    go = array.array("h", load_wav(default_tones()["go"]).frames)
    assert max(array.array("h", out.samples[1].frames)) == int(max(go) * 0.3)


def started(clock, index: int) -> list[SegmentStarted]:
    return [SegmentStarted(clock(), index, PLAN.segments[index])]


def test_an_announcement_is_never_cut_off(engine, clock):
    out = FakeOutput(hold=True)
    sound = player([out])
    sound.handle(started(clock, 1), engine)
    assert sound.wait_handled()
    sound.handle([Countdown(clock(), 1, 3)], engine)  # arrives while the name is still being said
    assert sound.wait_handled()
    assert sound.played == ["go"]
    assert not out.handles[0].stopped
    out.handles[0].playing = False  # the name is finished: the next tick is heard
    sound.handle([Countdown(clock(), 1, 2)], engine)
    assert sound.wait_handled()
    sound.close()
    assert sound.played == ["go", "countdown"]


def test_the_next_name_waits_for_the_one_being_said(engine, clock):
    out = FakeOutput(hold=True)
    sound = player([out])
    sound.handle(started(clock, 1), engine)
    assert sound.wait_handled()
    out.handles[0].asked.clear()
    sound.handle(started(clock, 2), engine)  # "Switch sides" comes while the name is said
    assert out.handles[0].asked.wait(timeout=5)  # the worker has seen the name still playing
    out.handles[0].playing = False  # the name comes to its end
    assert sound.wait_handled()
    sound.close()
    assert sound.played == ["go", "switch"]
    assert not out.handles[0].stopped, "the first name was heard to its end"
    assert out.over_another == [False, False], "the switch began only once the name had ended"


def test_a_new_segment_stops_a_lingering_tick(engine, clock):
    out = FakeOutput(hold=True)
    sound = player([out])
    sound.handle([Countdown(clock(), 1, 1)], engine)
    assert sound.wait_handled()
    sound.handle(started(clock, 2), engine)
    assert sound.wait_handled()
    sound.close()
    assert sound.played == ["countdown", "switch"]
    assert out.handles[0].stopped


def test_muting_cuts_a_name_short_and_drops_the_one_waiting_for_it(engine, clock):
    out = FakeOutput(hold=True)
    sound = player([out])
    sound.handle(started(clock, 1), engine)
    assert sound.wait_handled()
    out.handles[0].asked.clear()
    sound.handle(started(clock, 2), engine)
    assert out.handles[0].asked.wait(timeout=5)  # the switch now waits for the name to finish
    sound.toggle_mute()
    assert sound.wait_idle()
    assert sound.played == ["go"]
    assert out.handles[0].stopped
    sound.toggle_mute()
    sound.handle(started(clock, 3), engine)  # asked for after unmuting: heard
    assert sound.wait_handled()
    sound.close()
    assert sound.played == ["go", "go"]


def test_closing_while_a_name_waits_ends_the_worker_at_once(engine, clock):
    out = FakeOutput(hold=True)
    sound = player([out])
    sound.handle(started(clock, 1), engine)
    assert sound.wait_handled()
    out.handles[0].asked.clear()
    sound.handle(started(clock, 2), engine)
    assert out.handles[0].asked.wait(timeout=5)  # the switch now waits for a name that never ends
    sound.close()
    assert not sound.is_running
    assert sound.played == ["go"]
    assert out.handles[0].stopped


class ExplodingOutput(FakeOutput):
    """An output with a fault nobody planned for: not a lost device, a plain bug."""

    def play(self, sample):
        self.samples.append(sample)
        raise RuntimeError("the card caught fire")


def test_a_worker_that_dies_says_so_and_the_session_carries_on_silently(engine, clock):
    out = ExplodingOutput()
    sound = player([out])
    sound.handle(engine.start(), engine)
    assert sound.wait_idle()
    assert sound.notice == "sound stopped: RuntimeError: the card caught fire"
    assert not sound.is_running
    # Everything the screen goes on calling is quietly a no-op.
    sound.handle(engine.skip(), engine)
    sound.toggle_mute()
    sound.toggle_mute()
    sound.use_routine({}, PLAN)
    assert sound.wait_idle()
    sound.close()
    assert len(out.samples) == 1
    assert sound.played == []


class FailsWhenReleased:
    """An output that is lost mid-cue: its play() waits for the test's word, then fails."""

    name = "simpleaudio"

    def __init__(self):
        self.entered = threading.Event()
        self.release = threading.Event()

    def play(self, sample):
        self.entered.set()
        self.release.wait(timeout=5)
        raise OutputFailed("simpleaudio lost its device")


def test_a_bell_attached_while_the_worker_falls_back_rings_for_that_very_cue(engine):
    lost = FailsWhenReleased()
    rings = []
    sound = player([lost])
    sound.handle(engine.start(), engine)
    assert lost.entered.wait(timeout=5)
    sound.attach_bell(lambda: rings.append("first"))  # the app comes up while the device is going
    sound.attach_bell(lambda: rings.append("second"))  # only one bell is ever kept
    lost.release.set()
    assert sound.wait_idle()
    sound.close()
    assert rings == ["first"]
    assert sound.notice == "simpleaudio lost its device; now using bell"


def test_attach_bell_racing_the_fallback_never_contradicts_the_notice(engine, clock):
    """However the two threads interleave, the notice names what the failed cue went to,
    and the bell is there, once, for the next cue."""
    switching = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)  # hand the GIL over as often as possible
    try:
        for busy in range(0, 20_000, 200):
            rings = []
            sound = player([FakeOutput("simpleaudio", fail=True)], volume=100)
            assert sound.wait_handled()  # the tones are in: the worker turns to the cue at once
            sound.handle(started(clock, 0), engine)
            for _ in range(busy):  # the event loop about other work for a while, never the same
                pass
            sound.attach_bell(lambda rings=rings: rings.append(1))  # on the event loop, while the worker falls back
            assert sound.wait_idle()
            rang = len(rings)
            assert sound.notice == "simpleaudio lost its device; now using " + ("bell" if rang else "silence")
            sound.handle(started(clock, 1), engine)
            assert sound.wait_idle()
            sound.close()
            assert len(rings) == rang + 1
    finally:
        sys.setswitchinterval(switching)


def test_outputs_are_found_on_the_worker_after_start_and_queued_cues_wait_for_them(engine):
    searches = []
    rings = []
    shown = threading.Event()

    def find():
        searches.append((threading.current_thread().name, shown.is_set()))
        return None, "no sound device: cues ring the terminal bell"

    sound = CuePlayer(default_tones(), find)
    sound.handle(engine.start(), engine)  # the first cue is asked for before the app exists
    sound.attach_bell(lambda: rings.append(1))
    shown.set()
    sound.start()
    assert sound.wait_idle()
    sound.close()
    assert searches == [("limber-sound", True)]
    assert rings == [1]
    assert sound.notice == "no sound device: cues ring the terminal bell"


def test_a_failing_output_falls_back_to_the_next_and_says_so(engine):
    broken = FakeOutput("simpleaudio", fail=True)
    rings = []
    sound = player([broken, BellOutput(lambda: rings.append(1))])
    sound.handle(engine.start(), engine)
    assert sound.wait_idle()
    sound.handle([Countdown(engine.clock(), 0, 3)], engine)  # the bell is only for segment changes
    assert sound.wait_idle()
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
    assert why.startswith("simpleaudio is not installed (to add it: ")  # the command: tests/test_installed.py
    assert why.endswith("simpleaudio-patched): cues ring the terminal bell")


def finishes(handle, within: float = 10.0) -> bool:
    """Whether a system player's process ends in time (a real process; the timeout is only a guard)."""
    try:
        handle._process.wait(timeout=within)
    except subprocess.TimeoutExpired:
        return False
    return not handle.is_playing()


def test_a_system_player_gets_each_sound_written_once(tmp_path):
    out = CommandOutput(["true"], tmp_path)
    sample = load_wav(default_tones()["go"])
    first = out.play(sample)
    second = out.play(sample)
    assert len(list(tmp_path.glob("cue-*.wav"))) == 1
    assert load_wav(next(tmp_path.glob("cue-*.wav"))) == sample
    assert finishes(first) and finishes(second)


def test_a_routine_can_bring_its_own_sounds(engine, tmp_path):
    custom = tmp_path / "gong.wav"
    Sample(b"\x10\x00" * 100, 1, 2, 44100).to_wav(custom)
    out = FakeOutput()
    sound = player([out], volume=100)
    sound.use_routine({"go": custom}, PLAN)
    sound.handle(engine.start() + engine.skip(), engine)
    assert sound.wait_idle()
    sound.close()
    assert out.samples[-1].frames == b"\x10\x00" * 100


def test_system_player_files_follow_the_sound_not_the_object(tmp_path):
    out = CommandOutput(["true"], tmp_path)
    beep = Sample(b"\x10\x00" * 50, 1, 2, 44100)
    same_sound = Sample(b"\x10\x00" * 50, 1, 2, 44100)
    other_sound = Sample(b"\x20\x00" * 50, 1, 2, 44100)
    for sample in (beep, same_sound, other_sound):
        assert finishes(out.play(sample))
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
