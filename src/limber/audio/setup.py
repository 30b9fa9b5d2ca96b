"""Putting the sound together for a session: settings, cue files, the best output that works, the voice."""

from __future__ import annotations

from ..config import ConfigError, Settings, load_settings
from ..library import bundled_sounds_dir, cache_dir
from ..printable import printable
from ..routine import CUE_NAMES
from .player import CuePlayer


def default_tones() -> dict:
    folder = bundled_sounds_dir()
    if folder is None:
        return {}
    return {name: folder / f"{name}.wav" for name in CUE_NAMES if (folder / f"{name}.wav").exists()}


def _find_output():
    """Run on the sound's own thread once the first frame is up: probing a device takes a while."""
    from .outputs import choose_output, scratch_folder

    return choose_output(scratch_folder())


def sound_from_settings(*, mute: bool = False, volume: int | None = None, voice: bool | None = None) -> CuePlayer:
    notes = []
    try:
        settings = load_settings()
    except ConfigError as error:  # a bad config never stops a session: say so on the notice line
        settings = Settings()
        notes.append(f"config.yaml has problems; using defaults: {printable(str(error.problems[0]))}")
    tones = default_tones()
    tones.update(settings.sounds)
    phrasebook = None
    want_voice = settings.voice if voice is None else voice
    if want_voice:
        from .voice import Phrasebook, find_speech_engine

        engine = find_speech_engine()
        if engine is None:
            notes.append("no speech engine (espeak-ng or say): the coach uses tones")
        else:
            phrasebook = Phrasebook(engine, cache_dir() / "voice")
    return CuePlayer(
        tones,
        _find_output,
        volume=settings.volume if volume is None else volume,
        muted=mute,
        phrasebook=phrasebook,
        rep_ticks=settings.rep_ticks,
        notice="; ".join(notes) or None,
    )
