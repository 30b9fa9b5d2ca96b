"""The `log` and `stats` commands' arguments: kept apart from the commands themselves, so that
building the command line (which every `limber play` does) never imports SQLite."""

from __future__ import annotations

import argparse

DEFAULT_COUNT = 20


def add_commands(commands) -> None:
    """Register `log` and `stats` on the command line's subparsers."""
    log = commands.add_parser("log", help="the latest sessions: when, routine, time, outcome")
    log.add_argument("-n", type=_count, default=DEFAULT_COUNT, metavar="N",
                     help=f"how many sessions (default {DEFAULT_COUNT})")
    shown = log.add_mutually_exclusive_group()
    shown.add_argument("--json", action="store_true", help="print them as JSON")
    shown.add_argument("--export", choices=("csv", "json", "ics"),
                       help="every session as CSV, JSON or an iCalendar file (one event a session)")
    shown.add_argument("--path", action="store_true", help="print where the history file is")
    log.add_argument("-o", "--output", metavar="FILE", help="write the export to FILE instead of standard output")

    stats = commands.add_parser("stats", help="streaks, minutes this week against the goal, a calendar")
    stats.add_argument("--json", action="store_true", help="print them as JSON")


def _count(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number from 1 up")
    return int(text)
