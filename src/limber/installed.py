"""How this limber was installed (pipx, uv tool, a venv, the system), and the command that adds an extra to it."""

from __future__ import annotations

import json
import os
import re
import shlex
import sys
from pathlib import Path

PIPX, UV_TOOL, VENV, SYSTEM = "pipx", "uv tool", "venv", "system"


def _data_home(environ, home: Path) -> Path:
    return Path(environ.get("XDG_DATA_HOME") or home / ".local" / "share")


def _within(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


def install_kind(prefix: Path, base_prefix: Path, environ=None, home: Path | None = None) -> str:
    """Which installer owns the environment at `prefix` (`sys.prefix`), from where it lies."""
    environ = os.environ if environ is None else environ
    home = Path.home() if home is None else home
    pipx_homes = [home / ".local" / "pipx", _data_home(environ, home) / "pipx"]
    if environ.get("PIPX_HOME"):
        pipx_homes.insert(0, Path(environ["PIPX_HOME"]))
    if any(_within(prefix, folder / "venvs") for folder in pipx_homes):
        return PIPX
    uv_tools = [_data_home(environ, home) / "uv" / "tools"]
    if environ.get("UV_TOOL_DIR"):
        uv_tools.insert(0, Path(environ["UV_TOOL_DIR"]))
    if (prefix / "uv-receipt.toml").exists() or any(_within(prefix, folder) for folder in uv_tools):
        return UV_TOOL
    if prefix != base_prefix:
        return VENV
    return SYSTEM


def extra_packages(extra: str) -> list[str]:
    """The packages an extra of limber adds, read from limber's own metadata."""
    from importlib import metadata

    try:
        requirements = metadata.requires("limber") or []
    except metadata.PackageNotFoundError:
        requirements = []
    found = []
    for requirement in requirements:
        if re.search(rf"""extra\s*==\s*['"]{re.escape(extra)}['"]""", requirement):
            found.append(re.split(r"[\s;<>=!~\[]", requirement, maxsplit=1)[0])
    return found or {"audio": ["simpleaudio-patched"], "serve": ["textual-serve"]}.get(extra, [])


def _source() -> str:
    """Where limber came from, as an installer takes it: a folder or file it was installed from, else its name."""
    from importlib import metadata
    from urllib.parse import unquote, urlparse

    try:
        text = metadata.distribution("limber").read_text("direct_url.json")
        url = json.loads(text)["url"] if text else ""
    except (metadata.PackageNotFoundError, ValueError, KeyError, TypeError):
        url = ""
    if url.startswith("file://"):
        return unquote(urlparse(url).path)
    return "limber"


def add_extra_command(extra: str, *, kind: str | None = None, python: str | None = None,
                      source: str | None = None) -> str:
    """The one command that adds `extra` to this very installation of limber."""
    packages = extra_packages(extra)
    if kind is None:
        kind = install_kind(Path(sys.prefix), Path(sys.base_prefix))
    if kind == PIPX:
        return shlex.join(["pipx", "inject", "limber", *packages])
    if kind == UV_TOOL:
        withs = [part for package in packages for part in ("--with", package)]
        return shlex.join(["uv", "tool", "install", *withs, source or _source()])
    if kind == VENV:
        return shlex.join([python or sys.executable, "-m", "pip", "install", *packages])
    return shlex.join(["python3", "-m", "pip", "install", "--user", *packages])
