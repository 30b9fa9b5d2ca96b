"""Shell completion: the script `limber completion SHELL` prints, loaded into a real bash and asked as Tab asks."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from limber import cli

LIMBER = Path(sys.executable).with_name("limber")


def bash_complete(line: str, env: dict | None = None) -> list[str]:
    """What bash offers for Tab at the end of `line`, with limber's completion script loaded."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not installed")
    words = line.split(" ")
    # Tab calls the completion function with COMP_* set as bash sets them: the command, the
    # word being completed and the word before it.
    script = (
        'source <(limber completion bash)\n'
        'COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}; read -r -a COMP_WORDS <<< "$1"\n'
        '[[ "$1" == *" " ]] && COMP_WORDS+=("")\n'
        'COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))\n'
        '_python_argcomplete limber "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"\n'
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    environment = {**os.environ, **(env or {}), "PATH": f"{LIMBER.parent}{os.pathsep}{os.environ['PATH']}"}
    result = subprocess.run(["bash", "--norc", "--noprofile", "-c", script, "bash", line], capture_output=True,
                            text=True, env=environment, timeout=30)
    assert result.returncode == 0, result.stderr
    assert len(words) >= 2
    return sorted(word.strip() for word in result.stdout.splitlines() if word.strip())


def test_commands_complete_in_bash():
    assert bash_complete("limber pl") == ["plan", "play"]
    assert bash_complete("limber comp") == ["completion"]


def test_routine_names_complete_for_every_command_that_takes_one(own_folders):
    assert bash_complete("limber play de") == ["desk-back-stretches"]
    mine = own_folders / "config" / "routines"
    mine.mkdir(parents=True)
    (mine / "lunch-stretch.yaml").write_text("name: Lunch\nsteps:\n  - {name: Reach, duration: 10s}\n")
    for line in ("limber plan lu", "limber edit lu", "limber play lu", "limber serve lu"):
        assert bash_complete(line) == ["lunch-stretch"], line
    assert bash_complete("limber new --from up") == ["upper-back-quick"]
    assert bash_complete("limber play ") == ["desk-back-stretches", "lunch-stretch", "upper-back-quick"]


def test_a_routine_given_as_a_path_completes_as_a_path(tmp_path):
    (tmp_path / "stretch.yaml").write_text("name: x\n")
    assert bash_complete(f"limber play {tmp_path}/str") == [f"{tmp_path}/stretch.yaml"]


def test_options_complete_too():
    assert "--host" in bash_complete("limber serve --")


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_each_shell_gets_a_script_it_can_read(shell, capsys):
    assert cli.main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert "limber" in script
    if shutil.which(shell) is None:
        pytest.skip(f"{shell} is not installed: its script is printed but not parsed here")
    check = subprocess.run([shell, "-n"], input=script, capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, check.stderr


def test_an_unknown_shell_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as leaving:
        cli.main(["completion", "tcsh"])
    assert leaving.value.code == cli.USAGE


def test_fish_completes_commands_and_routine_names():
    if shutil.which("fish") is None:
        pytest.skip("fish is not installed")
    environment = {**os.environ, "PATH": f"{LIMBER.parent}{os.pathsep}{os.environ['PATH']}"}
    script = 'limber completion fish | source; complete -C "limber pl"; echo ==; complete -C "limber play de"'
    result = subprocess.run(["fish", "--no-config", "-c", script], capture_output=True, text=True,
                            env=environment, timeout=30)
    commands, names = result.stdout.split("==\n")
    assert [line.split("\t")[0] for line in commands.splitlines()] == ["plan", "play"]
    assert names.split() == ["desk-back-stretches"]
