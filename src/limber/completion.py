"""Shell completion for `limber` (bash, zsh, fish) through argcomplete, with routine names completed.

The shell scripts `limber completion SHELL` prints call `limber` back at each Tab with
argcomplete's environment variables set; `main` then hands the parser to `complete`, which
answers from the same parser and routine library the command itself uses, and exits.
"""

from __future__ import annotations

import sys

SHELLS = ("bash", "zsh", "fish")
# Which arguments name a routine: (subcommand, argument's dest).
ROUTINE_ARGUMENTS = {("play", "routine"), ("plan", "routine"), ("edit", "routine"), ("new", "source"),
                     ("serve", "routine")}


def add_commands(commands) -> None:
    """Register `completion SHELL` on the command line's subparsers."""
    completion = commands.add_parser("completion", help="print the shell completion script (bash, zsh or fish)")
    completion.add_argument("shell", choices=SHELLS, help="which shell the script is for")


def routine_names(prefix: str = "", **_) -> list[str]:
    """What a routine argument can be: a routine's name, or a path once the word looks like one."""
    if prefix.startswith((".", "/", "~")) or "/" in prefix:
        from argcomplete.completers import FilesCompleter

        return list(FilesCompleter()(prefix))
    from . import library

    return sorted({entry.stem for entry in library.playable_entries() if entry.stem.startswith(prefix)})


def _attach_completers(parser) -> None:
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, subparser in action.choices.items():
                for argument in subparser._actions:
                    if (name, argument.dest) in ROUTINE_ARGUMENTS:
                        argument.completer = routine_names


def complete(parser) -> None:
    """Answer the shell's completion request (argcomplete's environment is set) and exit."""
    import argcomplete

    _attach_completers(parser)
    argcomplete.autocomplete(parser, always_complete_options=False)  # options once "-" is typed; exits


def script(shell: str) -> str:
    import argcomplete

    return argcomplete.shellcode(["limber"], shell=shell)


def run(shell: str) -> int:
    sys.stdout.write(script(shell))
    return 0
