"""Counts said as a person says them: "1 step", "3 steps", "0 problems"."""

from __future__ import annotations


def counted(count: int, noun: str) -> str:
    """`count` and `noun`, the noun plural unless the count is one (limber's nouns all add an s)."""
    return f"{count} {noun}{'' if count == 1 else 's'}"
