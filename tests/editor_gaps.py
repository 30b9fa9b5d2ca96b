"""Where the JSON Schema cannot say what `limber validate` says: the known gaps, each with its reason.

docs/routine-format.md ("Editor support") lists the same gaps for people. A test holds each
corpus file named here to its gap (limber flags it, the editor does not), so a gap that closes
shows up and leaves this list.
"""

from __future__ import annotations

import re
from fractions import Fraction

from limber.routine.limits import MAX_STEP_SECONDS

# Corpus files (relative to tests/routines) that limber flags and the schema cannot.
KNOWN_GAPS = {
    "invalid/yes-as-name.yaml":
        "YAML 1.1, which limber reads, makes `Yes` true; an editor reads YAML 1.2, where it is text",
    "invalid/decimal-reps.yaml":
        "an editor sees the number 5, not how it is written: JSON Schema cannot tell 5.0 from 5",
    "invalid/decimal-sets.yaml":
        "an editor sees the number 2, not how it is written: JSON Schema cannot tell 2.0 from 2",
    "invalid/exponent-reps.yaml":
        "YAML 1.2 reads 1e1 as the number 10; limber asks for digits",
    "invalid/long-rep-step.yaml":
        "reps x rep_time is a product of two keys (one perhaps in `defaults`): no schema keyword multiplies",
    "invalid/parts-over-a-day.yaml":
        "a duration in several units is checked part by part: a pattern cannot add the parts up",
}

_PART = re.compile(r"([0-9.]+)\s*([hHmMsS])")
_SCALE = {"h": 3600, "m": 60, "s": 1}


def parts_decide_alone(text: str, least: float, above: bool) -> bool:
    """Whether a duration's parts, each taken alone, say what their sum says about the range:
    the schema's pattern checks each part (each within 24 hours, one reaching the least), the
    validator checks the sum. True for anything but text in several units."""
    parts = [Fraction(number) * _SCALE[unit.lower()] for number, unit in _PART.findall(text)
             if re.fullmatch(r"[0-9]*\.?[0-9]*", number) and number.strip(".")]
    if len(parts) < 2:
        return True
    low = Fraction(least).limit_denominator(1000)
    reaches = (lambda value: value > low) if above else (lambda value: value >= low)
    by_sum = sum(parts) <= MAX_STEP_SECONDS and reaches(sum(parts))
    by_parts = all(part <= MAX_STEP_SECONDS for part in parts) and any(reaches(part) for part in parts)
    return by_sum == by_parts


# -- a table of durations, for holding the schema's patterns to the validator -----------------

# A field of each kind of range, as a step on one line with the duration in it.
DURATION_FIELDS = {
    "duration": ("  - {{name: A, duration: {}}}", 0, True),  # more than 0
    "rest": ("  - {{rest: {}}}", 0, False),  # 0 or more
    "rep_time": ("  - {{name: A, reps: 1, rep_time: {}}}", 0.5, False),  # at least half a second
}

_NUMBERS = ["0", "00", "0.0", ".5", "0.5", "0.49", "0.50", "0.51", "1", "1.", "2.5", "30", "007", "59", "60", "90",
            "1439", "1440", "1440.0", "1440.01", "1441", "23", "23.99", "24", "24.0", "24.001", "0024", "25",
            "86399.9", "86400", "86400.000", "86400.1", "86401", "100000", "0.008", "0.0083", "0.0084", "0.009",
            "0.00013", "0.00014", "0.000138", "0.000139", "0.0001388", "0.0001389", "."]
_UNITS = ["h", "m", "s", "H", "M", "S", " m", " s"]
_CLOCK_FIRST = ["0", "00", "1", "01", "23", "0023", "24", "0024", "25", "59", "1439", "1440", "01440", "1441"]
_CLOCK_SECONDS = ["00", "00.0", "00.4", "00.5", "00.50", "00.49", "01", "30", "59", "60", "00.", "5", "00.00"]
_ODD = ["", " ", " 30s ", "1h 2m 3s", "1m30s", "30x", "soon", "1:75", "1_0", "-5", "-0.5s", "1s1m", "m", "1::30",
        "1h1h", "1 h 2 m 3 s", "5 minutes", "manual"]


def duration_texts() -> list[str]:
    """Durations in every form, near every limit, and text that is not a duration."""
    texts = set(_NUMBERS) | set(_ODD)
    texts |= {number + unit for number in _NUMBERS for unit in _UNITS}
    for first in _CLOCK_FIRST:
        for seconds in _CLOCK_SECONDS:
            texts.add(f"{first}:{seconds}")
            texts |= {f"{first}:{minutes}:{seconds}" for minutes in ("00", "01", "59", "60")}
    # Several units: every pair of a few parts, and the three at once.
    few = ["0", "0.3", "0.5", "1", "23", "24", "59", "60", "1439", "1440", "86400", ".0001"]
    for h in few:
        for m in few:
            texts |= {f"{h}h{m}m", f"{h}h {m}m", f"{m}m{h}s", f"{h}h {m}m {m}s", f"{h}h{h}s"}
    return sorted(texts)


def table_routine(field: str, texts: list[str], *, quoted: bool) -> tuple[str, dict[int, str]]:
    """A routine with one step for each text in `field` (quoted or as plain YAML), and the line
    (1-based) of each step's text. Plain texts YAML would change (spaces at either end) are left out."""
    template = DURATION_FIELDS[field][0]
    lines = ["name: Table", "defaults: {get_ready: 0}", "steps:"]
    where: dict[int, str] = {}
    for text in texts:
        if not quoted and (text != text.strip() or not text):
            continue
        lines.append(template.format(_quote(text) if quoted else text))
        where[len(lines)] = text
    return "\n".join(lines) + "\n", where


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


# Names: blank in every way Python's str.strip() knows, control characters, line breaks.
NAME_TEXTS = ["A", " A ", "", " ", "\t", "\n", "\u00a0", "\u3000", "\u2003", "\u200b", "\ufeff", "A\x1bB", "A\x07",
              "A\rB", "A\nB", "\nA\n", "A\tB", "\u202eA", "A\u2066", "\x85", "A\x9b", "Café", "日本", "A\x7f", "\x1c"]


def name_routine(texts: list[str]) -> tuple[str, dict[int, str]]:
    """A routine with one step named by each text (in double quotes), and each step's line."""
    import json

    lines = ["name: Names", "steps:"]
    where: dict[int, str] = {}
    for text in texts:
        lines.append(f"  - {{name: {json.dumps(text)}, duration: 5}}")
        where[len(lines)] = text
    return "\n".join(lines) + "\n", where
