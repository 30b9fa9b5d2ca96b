"""The person's settings: `config.yaml` in their config folder (`~/.config/limber/` on Linux).

    volume: 80          # 0-100
    voice: false        # the spoken coach, where espeak-ng or say exists
    rep_ticks: false    # a soft tick on every rep of a timed rep step
    sounds:             # their own cue files, relative to the config folder
      go: gong.wav
    history: true       # keep every session in the history file (`limber log --path`)
    weekly_goal: 60     # minutes a week that `limber stats` measures against
    remind:             # break reminders (`limber remind`): see limber.remind.config
      every: 50m
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .record import field, record
from .library import cache_dir, config_dir, os_reason
from .routine.model import CUE_NAMES
from .routine.problems import Problem, RoutineError

if TYPE_CHECKING:
    from collections.abc import Callable

    from .routine.validate import NodeReader

# `remind` is read and checked by limber.remind.config, setting by setting, so a wrong reminder
# setting never costs the player its volume or sounds.
CONFIG_KEYS = ("volume", "voice", "rep_ticks", "sounds", "history", "weekly_goal", "remind")
DEFAULT_VOLUME = 80
DEFAULT_WEEKLY_GOAL = 60  # minutes


@record
class Settings:
    """What config.yaml sets, with limber's defaults for what it leaves out."""

    volume: int = DEFAULT_VOLUME
    voice: bool = False
    rep_ticks: bool = False
    sounds: dict[str, Path] = field(default_factory=dict)
    history: bool = True
    weekly_goal: int = DEFAULT_WEEKLY_GOAL
    path: Path | None = None


class ConfigError(Exception):
    """A config file that cannot be used, with every problem found in it (path:line:column).

    Kept apart from RoutineError: a bad config never stops a routine from playing; whoever
    loads the settings reports the first problem and carries on with the defaults."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def config_path() -> Path:
    return config_dir() / "config.yaml"


def load_settings(path: Path | None = None) -> Settings:
    """The settings, or defaults when there is no file; ConfigError lists what is wrong with a bad one."""
    path = path or config_path()
    try:
        if not path.exists():
            return Settings()
    except OSError as error:  # a folder on the way that cannot be searched
        raise ConfigError([Problem(str(path), 0, 0, os_reason(error))]) from None
    from .read_cache import read_through

    return read_through(path, read_settings, cache_dir() / "read")


def settings_or_defaults(report: Callable[[ConfigError], None] | None = None) -> Settings:
    """The settings, or the defaults when config.yaml has problems: a bad config never stops
    anything (the player's notice line says so; `report` is told where that is wanted too)."""
    try:
        return load_settings()
    except ConfigError as error:
        if report is not None:
            report(error)
        return Settings()


def read_settings(path: Path) -> Settings:
    """Read and check the config file now; ConfigError lists what is wrong."""
    from .routine.loader import compose, read_text
    from .routine.validate import NodeReader

    try:
        text = read_text(path)
        if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
            return Settings(path=path)  # empty, or every line commented out: nothing is set
        root = compose(text, str(path))
    except RoutineError as error:  # the routine reader's words for an unreadable file or bad YAML
        raise ConfigError(error.problems) from None
    reader = NodeReader(str(path), path.parent)
    keys = reader.mapping(root, "the config file")
    if keys is None:
        raise ConfigError(reader.problems)
    reader.unknown_keys(keys, CONFIG_KEYS, "the config file")
    volume, voice, rep_ticks, sounds = DEFAULT_VOLUME, False, False, {}
    if "volume" in keys:
        number = reader.whole_number(keys["volume"][1], "volume", minimum=0)
        if number is not None and number > 100:
            reader.problem(keys["volume"][1], "`volume` is from 0 to 100")
        elif number is not None:
            volume = number
    voice = _flag(reader, keys, "voice")
    rep_ticks = _flag(reader, keys, "rep_ticks")
    if "sounds" in keys:
        sounds = reader.sounds(keys["sounds"][1]) or {}
    history = _flag(reader, keys, "history", default=True)
    weekly_goal = DEFAULT_WEEKLY_GOAL
    if "weekly_goal" in keys:
        number = reader.whole_number(keys["weekly_goal"][1], "weekly_goal", minimum=1)
        if number is not None:
            weekly_goal = number
    if reader.problems:
        raise ConfigError(reader.problems)
    return Settings(volume=volume, voice=voice, rep_ticks=rep_ticks, sounds=sounds, history=history,
                    weekly_goal=weekly_goal, path=path)


def _flag(reader: NodeReader, keys: dict, name: str, default: bool = False) -> bool:
    import yaml

    if name not in keys:
        return default
    node = keys[name][1]
    if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
        return str(node.value).lower() in ("true", "yes", "on", "y")
    reader.problem(node, f"`{name}` should be true or false")
    return False


__all__ = ["CUE_NAMES", "ConfigError", "Problem", "Settings", "config_path", "load_settings"]
