"""Makes limber's cue sounds: `python sounds/make_cues.py` rewrites the WAV files beside it.

Each cue is a few sine partials under a smooth envelope (a soft attack, an exponential
decay and a short fade to zero), so nothing clicks and nothing is harsh. 16-bit PCM,
mono, 44.1 kHz. Each phase has its own shape so it can be told apart with eyes closed.
"""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 44_100
PEAK = 0.55  # of full scale: loud enough across a room, never clipping when partials add up
# Quieter cues for the calm phases and the per-rep tick.
LOUDNESS = {"rest": 0.8, "rep": 0.45, "countdown": 0.9}


def note(freq: float, seconds: float, *, decay: float = 6.0, partials=((1, 1.0), (2, 0.25), (3, 0.08)),
         attack: float = 0.008, release: float = 0.02) -> list[float]:
    """One bell-like note: partials of `freq` with a soft attack and an exponential decay."""
    count = int(seconds * RATE)
    total = sum(weight for _, weight in partials)
    out = []
    for i in range(count):
        t = i / RATE
        value = sum(weight * math.sin(2 * math.pi * freq * multiple * t) for multiple, weight in partials) / total
        envelope = math.exp(-decay * t)
        if t < attack:
            envelope *= t / attack
        remaining = seconds - t
        if remaining < release:
            envelope *= remaining / release
        out.append(value * envelope)
    return out


def silence(seconds: float) -> list[float]:
    return [0.0] * int(seconds * RATE)


def mix_sequence(*parts: list[float]) -> list[float]:
    out: list[float] = []
    for part in parts:
        out.extend(part)
    return out


CUES = {
    # A short wooden tick for each of the last three seconds.
    "countdown": lambda: note(1175, 0.11, decay=30, partials=((1, 1.0), (2.7, 0.2))),
    # Work starts: a bright rising pair.
    "go": lambda: mix_sequence(note(659, 0.13, decay=12), note(988, 0.42, decay=6)),
    # Rest: a low, soft falling pair.
    "rest": lambda: mix_sequence(note(587, 0.16, decay=10), note(392, 0.55, decay=4.5)),
    # Switch sides: two quick blips of the same pitch.
    "switch": lambda: mix_sequence(note(784, 0.12, decay=20), silence(0.05), note(784, 0.16, decay=16)),
    # Halfway: one clear bell.
    "halfway": lambda: note(1319, 0.5, decay=7, partials=((1, 1.0), (2, 0.4), (4.2, 0.1))),
    # A very soft tick per rep (off by default).
    "rep": lambda: note(1568, 0.05, decay=60),
    # The end: a rising arpeggio.
    "finish": lambda: mix_sequence(
        note(523, 0.14, decay=8), note(659, 0.14, decay=8), note(784, 0.14, decay=8), note(1047, 0.9, decay=3.5)
    ),
}


def write_wav(path: Path, samples: list[float], loudness: float = 1.0) -> None:
    peak = max(1e-9, max(abs(s) for s in samples))
    scale = PEAK * loudness * 32767 / peak
    frames = b"".join(struct.pack("<h", int(round(s * scale))) for s in samples)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(RATE)
        wav.writeframes(frames)


def main(folder: Path) -> None:
    for name, make in CUES.items():
        write_wav(folder / f"{name}.wav", make(), LOUDNESS.get(name, 1.0))
        print(f"wrote {folder / name}.wav")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent)
