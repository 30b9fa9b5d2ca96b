"""Counts in words: the one place limber makes a noun plural."""

from limber.words import counted


def test_one_is_singular_and_every_other_count_plural():
    assert [counted(n, "step") for n in (0, 1, 2, 11)] == ["0 steps", "1 step", "2 steps", "11 steps"]
