"""The non-interactive commands, run as a person runs them: the real `limber` entry point in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from limber import cli

from tests.conftest import REPO, ROUTINES


def limber(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "limber", *args], capture_output=True, text=True, cwd=cwd, env=os.environ.copy(), timeout=60
    )


def test_validate_the_bundled_routines():
    result = limber("validate", *sorted(str(p) for p in ROUTINES.glob("*.yaml")))
    assert result.returncode == 0, result.stderr
    assert "desk-back-stretches.yaml: ok (Desk back stretches: 8 steps" in result.stdout


def test_validate_reports_problems_and_exits_1(write):
    path = write("name: X\nsteps:\n  - name: A\n    duraton: 5\n  - name: B\n    reps: -1\n")
    result = limber("validate", str(path))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"{path}:4:5: unknown key `duraton` in an exercise step; did you mean `duration`?",
        f"{path}:6:11: `reps` must be at least 1, not -1",
    ]
    assert "Traceback" not in result.stderr


def test_validate_goes_on_past_a_bad_file(write, tmp_path):
    bad = write("name: [\n", name="bad.yaml")
    result = limber("validate", str(bad), str(ROUTINES / "upper-back-quick.yaml"), str(tmp_path / "missing.yaml"))
    assert result.returncode == 1
    assert "upper-back-quick.yaml: ok" in result.stdout
    assert f"{tmp_path / 'missing.yaml'}: no such file" in result.stderr
    assert result.stderr.startswith(f"{bad}:")


def test_usage_errors_exit_2():
    assert limber("plan").returncode == 2
    assert limber("frobnicate").returncode == 2
    missing = limber("plan", "no-such-routine")
    assert missing.returncode == 2
    assert "no routine called 'no-such-routine'" in missing.stderr


def test_plan_json_by_name_from_another_folder(tmp_path):
    result = limber("plan", "--json", "desk-back-stretches", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["name"] == "Desk back stretches"
    assert data["untimed_segments"] == 0
    assert data["total_seconds"] == sum(s["seconds"] for s in data["segments"])


def test_plan_table_lists_segments_and_total():
    result = limber("plan", "upper")  # a unique prefix finds upper-back-quick
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Upper back, quick"
    assert lines[-1] == "Total 3:26 in 12 segments"
    assert any("switch" in line and "counter-clockwise" in line for line in lines)


def test_plan_of_an_invalid_routine_exits_1(write):
    path = write("name: X\nsteps: 5\n")
    result = limber("plan", str(path))
    assert result.returncode == 1
    assert result.stderr.startswith(f"{path}:2:8: the routine's `steps` should be a list")


def test_list_shows_bundled_routines_with_steps_and_time():
    result = limber("list")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["name", "title", "steps", "time", "where"]
    desk = next(line for line in lines if line.startswith("desk-back-stretches"))
    assert "Desk back stretches" in desk and " 8 " in desk and "bundled" in desk


def test_untimed_steps_are_counted_in_the_table(write):
    path = write("name: X\ndefaults: {get_ready: 0}\nsteps:\n  - {name: Pushups, reps: 10}\n")
    table = cli.plan_table(__import__("limber.library", fromlist=["load"]).load(path)[1])
    assert table.splitlines()[-1] == "Total 0:00 in 1 segments, plus 1 untimed (they wait for Enter)"


@pytest.mark.slow
def test_a_wheel_installed_elsewhere_finds_the_bundled_routines(tmp_path):
    """A non-editable install, run from another folder, still finds routines and sounds by name."""
    wheel_dir = tmp_path / "wheel"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheel_dir), str(REPO)],
        capture_output=True, text=True, timeout=300,
    )
    if build.returncode != 0:
        pytest.skip(f"could not build a wheel here: {build.stderr[-300:]}")
    target = tmp_path / "site"
    wheel = next(wheel_dir.glob("limber-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, timeout=300)
    env = {**os.environ, "PYTHONPATH": str(target)}
    result = subprocess.run([sys.executable, "-m", "limber", "plan", "--json", "desk"], capture_output=True, text=True,
                            cwd=tmp_path, env=env, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["name"] == "Desk back stretches"
    located = subprocess.run([sys.executable, "-c", "import limber.library as l; print(l.bundled_routines_dir())"],
                             capture_output=True, text=True, cwd=tmp_path, env=env, timeout=60)
    assert located.stdout.strip().startswith(str(target))
