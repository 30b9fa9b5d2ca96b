"""Durations as people write them in routine files: 30, 2.5, 45s, 1m30s, 0.5m, 1h, 1:30, 01:02:03."""

from __future__ import annotations

import math
import re

from .limits import MAX_STEP_SECONDS

__all__ = ["MAX_STEP_SECONDS", "DurationError", "describe_duration", "format_duration", "parse_duration"]

# Python reads at most 4,300 digits into an int; a count of hours or minutes this long is
# already past every limit, so it stands for "far too long" without being read.
_LONGEST_COUNT = 20

# The same language as the JSON Schema's pattern (routine/schema.py; a test holds them together).
# Patterns, not compiled ones: `re` compiles each on first use and keeps it, so starting the
# player (which reads no durations when the routine comes from the read cache) does not pay.
_NUMBER = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_PLAIN = rf"^{_NUMBER}$"
_UNITS = rf"(?i)^(?:(?P<h>{_NUMBER})\s*h\s*)?(?:(?P<m>{_NUMBER})\s*m\s*)?(?:(?P<s>{_NUMBER})\s*s)?$"
_CLOCK = r"^(?:(?P<h>[0-9]+):(?P<hm>[0-5][0-9])|(?P<m>[0-9]+)):(?P<s>[0-5][0-9](?:\.[0-9]+)?)$"


class DurationError(ValueError):
    """The text is not a duration; the message says what a duration looks like."""


HINT = "write seconds (30, 2.5), units (45s, 2m, 1m30s, 1h) or M:SS (1:30)"


def parse_duration(text: str) -> float:
    """Seconds for a duration written as text.

    The text is the scalar exactly as it stands in the file, so `1:30` is 90 s
    and `010` is 10 s whatever YAML 1.1 would have made of them.
    Thousands of digits read as infinity (float() takes them; int() would refuse), so the
    caller's own limit refuses them in its own words.
    """
    compact = text.strip()
    if not compact:
        raise DurationError(f"empty duration: {HINT}")
    if re.match(_PLAIN, compact):
        return float(compact)
    clock = re.match(_CLOCK, compact)
    if clock:
        hours = clock["h"] or "0"
        minutes = clock["hm"] if clock["h"] is not None else clock["m"]
        if len(hours) > _LONGEST_COUNT or len(minutes) > _LONGEST_COUNT:
            return math.inf
        return int(hours) * 3600 + int(minutes) * 60 + float(clock["s"])
    units = re.match(_UNITS, compact)
    if units and any(units.group(g) for g in "hms"):
        return sum(float(units[g] or 0) * scale for g, scale in (("h", 3600), ("m", 60), ("s", 1)))
    shown = compact if len(compact) <= 24 else compact[:20] + "…"
    if any(ch.isdigit() and not ch.isascii() for ch in compact):
        raise DurationError(f"{shown!r} is not a duration: use the digits 0-9, as in 30, 45s or 1:30")
    raise DurationError(f"{shown!r} is not a duration: {HINT}")


def format_duration(seconds: float | None) -> str:
    """Short clock text for a length of time: 0:45, 1:30, 1:02:03; a dash when untimed."""
    if seconds is None or math.isnan(seconds):
        return "—"
    if math.isinf(seconds):
        return "∞" if seconds > 0 else "0:00"
    whole = max(0, math.ceil(seconds - 1e-9))
    hours, rest = divmod(whole, 3600)
    minutes, secs = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02d}:{secs:02d}"
    return f"{minutes}:{secs:02d}"


def describe_duration(seconds: float) -> str:
    """Words for a length of time, as the coach would say it: "30 seconds", "1 minute 30 seconds"."""
    if not math.isfinite(seconds):
        return "no set time"
    whole = max(0, round(seconds))
    minutes, secs = divmod(whole, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute" + ("s" if minutes != 1 else ""))
    if secs or not parts:
        parts.append(f"{secs} second" + ("s" if secs != 1 else ""))
    return " ".join(parts)
