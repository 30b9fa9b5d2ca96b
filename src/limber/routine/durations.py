"""Durations as people write them in routine files: 30, 2.5, 45s, 1m30s, 0.5m, 1h, 1:30, 01:02:03."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from .limits import MAX_STEP_SECONDS
from ..words import counted

if TYPE_CHECKING:  # fractions (and decimal with it) only when a schema is built, never on the play path
    from fractions import Fraction

__all__ = ["MAX_STEP_SECONDS", "DurationError", "describe_duration", "format_duration", "parse_duration"]

# Python reads at most 4,300 digits into an int; a count of hours or minutes this long is
# already past every limit, so it stands for "far too long" without being read.
_LONGEST_COUNT = 20

# The grammar, in pieces both the parser below and the JSON Schema's patterns are built from
# (`duration_pattern`); a test holds the two together over a table of durations.
# Patterns, not compiled ones: `re` compiles each on first use and keeps it, so starting the
# player (which reads no durations when the routine comes from the read cache) does not pay.
# Only constructs that read the same in Python and in JavaScript (editors' regex engine).
SPACE = " \t\r\n"  # what may stand around a duration and between its parts
_S = r"[ \t\r\n]*"
_NUMBER = r"(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"
_SECS = r"[0-5][0-9](?:\.[0-9]+)?"  # the SS of a clock, with any fraction
_PLAIN = rf"^{_NUMBER}$"
_UNITS = rf"^(?:(?P<h>{_NUMBER}){_S}[hH]{_S})?(?:(?P<m>{_NUMBER}){_S}[mM]{_S})?(?:(?P<s>{_NUMBER}){_S}[sS])?$"
_CLOCK = rf"^(?:(?P<h>[0-9]+):(?P<hm>[0-5][0-9])|(?P<m>[0-9]+)):(?P<s>{_SECS})$"
_UNIT_SECONDS = {"h": 3600, "m": 60, "s": 1}


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
    compact = text.strip(SPACE)
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
        parts.append(counted(minutes, "minute"))
    if secs or not parts:
        parts.append(counted(secs, "second"))
    return " ".join(parts)


# -- the grammar as a JSON Schema pattern, with the range built in -----------------------------


def _below(bound: int) -> str:
    """Digits (leading zeros allowed, at least one) for a whole number under `bound` (> 0)."""
    digits = str(bound)
    shorter = ["[0-9]" + (f"{{1,{len(digits) - 1}}}" if len(digits) > 2 else "")] if len(digits) > 1 else []
    same = [digits[:k] + f"[0-{int(d) - 1}]" + (f"[0-9]{{{len(digits) - k - 1}}}" if k < len(digits) - 1 else "")
            for k, d in enumerate(digits) if d != "0"]
    return "(?:" + "|".join(shorter + same) + ")"


def _at_most(bound: int) -> str:
    """A decimal (30, 2.5, .5, 007) of at most `bound`."""
    return rf"(?:0*(?:{_below(bound)}(?:\.[0-9]*)?|\.[0-9]+|{bound}(?:\.0*)?))"


def _expansion(value: Fraction) -> tuple[str, str]:
    """The digits after the point of a value in [0, 1): a lead-in and the part that repeats."""
    seen: dict[int, int] = {}
    digits: list[str] = []
    remainder = value.numerator
    while remainder not in seen:
        seen[remainder] = len(digits)
        remainder *= 10
        digits.append(str(remainder // value.denominator))
        remainder %= value.denominator
    start = seen[remainder]
    return "".join(digits[:start]), "".join(digits[start:])


def _fraction_at_least(least: Fraction, *, above: bool) -> str:
    """The digits after the point of a value under 1 that is at least `least` (more when `above`)."""
    lead, period = _expansion(least)

    def bigger(digit: str) -> str | None:
        return f"[{int(digit) + 1}-9]" if digit != "9" else None

    fractions = [f"{lead[:k]}{bigger(d)}[0-9]*" for k, d in enumerate(lead) if bigger(d)]
    fractions += [f"{lead}(?:{period})*{period[:j]}{bigger(d)}[0-9]*" for j, d in enumerate(period) if bigger(d)]
    if period == "0" and not above:
        fractions.append(f"{lead}0*")  # the value itself, written out with any trailing zeros
    return "(?:" + "|".join(fractions) + ")"


def _at_least(least: Fraction, *, above: bool) -> str:
    """A decimal of at least `least` (more than it when `above`), for 0 <= least < 1."""
    if least == 0 and not above:
        return _NUMBER
    return rf"(?:0*[1-9][0-9]*(?:\.[0-9]*)?|0*\.{_fraction_at_least(least, above=above)})"


def _ranged(least: Fraction, above: bool, most: int) -> str:
    """A decimal within the range: the lower bound looked ahead for, the upper one matched."""
    if least == 0 and not above:
        return _at_most(most)
    return rf"(?={_at_least(least, above=above)}(?![0-9.])){_at_most(most)}"


def duration_pattern(least: float = 0, *, above: bool = False, most: int = MAX_STEP_SECONDS) -> str:
    """A regex (for JSON Schema's `pattern`) for duration text from `least` (exclusive when `above`;
    under a second) to `most` seconds (whole hours), in the forms `parse_duration` reads.

    Exact for seconds, a single unit and clocks. Text in several units is held to the range part
    by part (each part within `most`, one part reaching `least` on its own): the sum of the parts
    cannot be said in a regex, so `23h 90m` passes here and is refused by the validator.
    """
    from fractions import Fraction

    low = Fraction(least).limit_denominator(1000)
    assert 0 <= low < 1 and most % 3600 == 0

    def units(reaching: str | None) -> str:
        pieces = []
        for unit, scale in _UNIT_SECONDS.items():
            number = _ranged(low / scale, above, most // scale) if unit == reaching else _at_most(most // scale)
            piece = f"{number}{_S}[{unit}{unit.upper()}]" + (_S if unit != "s" else "")
            pieces.append(piece if unit == reaching else f"(?:{piece})?")
        return rf"(?=[0-9.]+{_S}[hHmMsS])" + "".join(pieces)  # at least one part

    hours = most // 3600
    clocks = [rf"0*(?:{_below(hours)}:[0-5][0-9]:{_SECS}|{hours}:00:00(?:\.0+)?)",
              rf"0*(?:{_below(most // 60)}:{_SECS}|{most // 60}:00(?:\.0+)?)"]
    if low == 0:
        forms = [_at_most(most), units(None)] + clocks
        guard = "(?=[^1-9]*[1-9])" if above else ""  # a digit not 0: more than nothing, in any form
    else:
        # A clock reaches the least when a digit before its point is not 0, or by its fraction.
        floor = rf"(?=[0-9:]*[1-9]|[0:]*\.{_fraction_at_least(low, above=above)})"
        forms = [_ranged(low, above, most)] + [units(unit) for unit in _UNIT_SECONDS] + [floor + c for c in clocks]
        guard = ""
    return rf"^{_S}{guard}(?:{'|'.join(forms)}){_S}$"
