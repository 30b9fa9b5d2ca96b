"""limber installed as an app: the wheel built from this checkout, `pipx install`ed with sound into a temporary place."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# What pip says when it cannot reach an index: then the test cannot run here, which is not a failure of limber.
OFFLINE = ("No matching distribution", "Could not find a version", "Failed to establish a new connection",
           "Temporary failure in name resolution", "Network is unreachable", "ProxyError")


def run(command: list[str], env: dict, what: str, timeout: float = 180) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, env=env, timeout=timeout, cwd=env.get("HOME"))
    if result.returncode != 0:
        said = result.stdout + result.stderr
        if any(sign in said for sign in OFFLINE):
            pytest.skip(f"{what}: pip could not fetch what it needs (no network or index): {said.strip()[-300:]}")
        pytest.fail(f"{what} failed ({result.returncode}):\n{said[-3000:]}")
    return result


@pytest.mark.slow
def test_pipx_installs_the_wheel_with_sound(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path / "home"), "PIPX_HOME": str(tmp_path / "pipx"),
           "PIPX_BIN_DIR": str(tmp_path / "bin"), "PIPX_MAN_DIR": str(tmp_path / "man"),
           "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    for name in ("LIMBER_CUES", "VIRTUAL_ENV"):
        env.pop(name, None)
    (tmp_path / "home").mkdir()
    try:
        import pipx  # noqa: F401
    except ImportError:
        run([sys.executable, "-m", "pip", "install", "-q", "pipx"], env, "installing pipx into the test venv")

    wheels = tmp_path / "wheels"
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(wheels), str(ROOT)], env,
        "building the wheel")
    (wheel,) = wheels.glob("limber-*.whl")
    run([sys.executable, "-m", "pipx", "install", f"{wheel}[audio]"], env, "pipx install", timeout=240)

    limber = tmp_path / "bin" / "limber"
    assert limber.exists()
    version = run([str(limber), "--version"], env, "limber --version")
    assert version.stdout.strip().startswith("limber ")
    plan = run([str(limber), "plan", "desk-back-stretches"], env, "limber plan").stdout
    assert "Total 8:03 in 26 segments" in plan  # the bundled routines shipped inside the wheel

    # The audio extra came along: simpleaudio imports in pipx's own venv for limber.
    python = tmp_path / "pipx" / "venvs" / "limber" / "bin" / "python"
    run([str(python), "-c", "import simpleaudio"], env, "importing simpleaudio in the pipx venv")
    # Without the serve extra, `limber serve` says the command for a pipx install.
    served = subprocess.run([str(limber), "serve"], capture_output=True, text=True, env=env, timeout=60)
    assert served.returncode == 2
    assert "pipx inject limber textual-serve" in served.stderr
