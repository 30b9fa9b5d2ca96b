"""Cue sounds as PCM in memory: read once on the sound's thread, rescaled for the volume, never read while playing."""

from __future__ import annotations

import array
import io
import sys
from pathlib import Path

from ..record import record
from ..files import read_regular


@record
class Sample:
    """Sound ready to play: raw PCM frames and their format."""

    frames: bytes  # little-endian PCM
    channels: int
    sample_width: int  # bytes: 1 or 2
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.frames) / (self.channels * self.sample_width * self.rate)

    def at_volume(self, volume: int) -> Sample:
        """The same sound at `volume` percent (100 leaves the samples untouched)."""
        if volume >= 100:
            return self
        gain = max(0, volume) / 100
        if self.sample_width == 2:
            values = array.array("h")
            values.frombytes(self.frames)
            if sys.byteorder == "big":
                values.byteswap()
            scaled = array.array("h", (int(v * gain) for v in values))
            if sys.byteorder == "big":
                scaled.byteswap()
            return Sample(scaled.tobytes(), self.channels, self.sample_width, self.rate)
        # 8-bit WAV is unsigned, centred on 128.
        return Sample(bytes(int(128 + (b - 128) * gain) for b in self.frames), self.channels, 1, self.rate)

    def to_wav(self, path: Path) -> None:
        Path(path).write_bytes(self.wav_bytes())

    def wav_bytes(self) -> bytes:
        """The sound as a WAV file's bytes."""
        import wave  # loaded on the sound's thread, not at start-up

        out = io.BytesIO()
        with wave.open(out, "wb") as wav:
            wav.setnchannels(self.channels)
            wav.setsampwidth(self.sample_width)
            wav.setframerate(self.rate)
            wav.writeframes(self.frames)
        return out.getvalue()


# As routine/validate.py checks cue files: a cue is short, and a bigger file is never read whole.
MAX_WAV_BYTES = 16 * 1024 * 1024


def load_wav(path: Path) -> Sample:
    """A WAV file's sound. The file is read (a regular file only, at most 16 MiB) before it is
    parsed: a cue swapped for a FIFO or a device since it was checked cannot hang the sound's
    thread or fill memory. OSError (NotARegularFile, FileTooLarge) or wave.Error when it cannot be used."""
    import wave  # loaded on the sound's thread, not at start-up

    data = read_regular(path, MAX_WAV_BYTES)
    with wave.open(io.BytesIO(data), "rb") as wav:
        return Sample(wav.readframes(wav.getnframes()), wav.getnchannels(), wav.getsampwidth(), wav.getframerate())
