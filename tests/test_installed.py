"""How limber was installed, told from where its environment lies, and the command that adds sound to it."""

from __future__ import annotations

import shlex
import sys
from pathlib import Path

from limber import installed
from limber.audio import outputs
from limber.installed import PIPX, SYSTEM, UV_TOOL, VENV, add_extra_command, extra_packages, install_kind

HOME = Path("/home/sam")
BASE = Path("/usr")


def kind(prefix: str, **environ: str) -> str:
    return install_kind(Path(prefix), BASE, environ=environ, home=HOME)


def test_pipx_in_each_of_its_homes():
    assert kind("/home/sam/.local/share/pipx/venvs/limber") == PIPX  # pipx 1.3 and later on Linux
    assert kind("/home/sam/.local/pipx/venvs/limber") == PIPX  # earlier pipx
    assert kind("/data/pipx/venvs/limber", PIPX_HOME="/data/pipx") == PIPX
    assert kind("/xdg/pipx/venvs/limber", XDG_DATA_HOME="/xdg") == PIPX


def test_uv_tool_in_its_folder_or_by_its_receipt(tmp_path):
    assert kind("/home/sam/.local/share/uv/tools/limber") == UV_TOOL
    assert kind("/opt/tools/limber", UV_TOOL_DIR="/opt/tools") == UV_TOOL
    elsewhere = tmp_path / "limber"
    elsewhere.mkdir()
    assert kind(str(elsewhere)) == VENV
    (elsewhere / "uv-receipt.toml").write_text("[tool]\n")
    assert kind(str(elsewhere)) == UV_TOOL


def test_a_venv_and_the_system():
    assert kind("/home/sam/src/limber/.venv") == VENV
    assert kind("/home/sam/.local/share/pipx-not/venvs/limber") == VENV
    assert install_kind(BASE, BASE, environ={}, home=HOME) == SYSTEM


def test_the_extras_packages_come_from_limbers_own_metadata():
    assert extra_packages("audio") == ["simpleaudio-patched"]
    assert extra_packages("serve") == ["textual-serve"]


def test_each_way_gets_its_own_command():
    assert add_extra_command("audio", kind=PIPX) == "pipx inject limber simpleaudio-patched"
    assert add_extra_command("audio", kind=UV_TOOL, source="limber") == \
        "uv tool install --with simpleaudio-patched limber"
    assert add_extra_command("serve", kind=UV_TOOL, source="/home/sam/my limber") == \
        "uv tool install --with textual-serve '/home/sam/my limber'"
    assert add_extra_command("audio", kind=VENV, python="/p/.venv/bin/python") == \
        "/p/.venv/bin/python -m pip install simpleaudio-patched"
    assert add_extra_command("audio", kind=SYSTEM) == "python3 -m pip install --user simpleaudio-patched"


def test_this_checkout_is_a_venv_and_says_its_own_python():
    # The tests run from the project's .venv: the command names that venv's Python.
    command = add_extra_command("audio")
    assert shlex.split(command) == [sys.executable, "-m", "pip", "install", "simpleaudio-patched"]


def test_the_sound_notice_names_the_command(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # as when it is not installed
    monkeypatch.setattr(outputs, "system_players", list)
    monkeypatch.setattr(installed, "install_kind", lambda prefix, base: PIPX)
    monkeypatch.delenv("LIMBER_CUES", raising=False)
    output, notice = outputs.choose_output(tmp_path)
    assert output is None
    assert notice == ("simpleaudio is not installed (to add it: pipx inject limber simpleaudio-patched): "
                      "cues ring the terminal bell")


def test_served_cues_go_to_the_browser(monkeypatch, tmp_path):
    monkeypatch.setenv("LIMBER_CUES", "bell")
    output, notice = outputs.choose_output(tmp_path)
    assert output is None and "a beep in the browser" in notice
