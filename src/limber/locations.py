"""Where limber keeps things: the person's config folder, its cache, and a private scratch folder."""

from __future__ import annotations

import os
import stat
from pathlib import Path

APP_NAME = "limber"


def config_dir() -> Path:
    """The person's folder: `~/.config/limber` on Linux (LIMBER_CONFIG_DIR overrides it, for tests)."""
    override = os.environ.get("LIMBER_CONFIG_DIR")
    if override:
        return Path(override)
    import platformdirs  # only where it is needed: `limber status` asks for none of these

    return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False))


def cache_dir() -> Path:
    """What limber can always make again: `~/.cache/limber` on Linux (LIMBER_CACHE_DIR overrides it)."""
    override = os.environ.get("LIMBER_CACHE_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False))


class NotPrivate(OSError):
    """A folder limber will not keep things in: a link, someone else's, or open to others' writing."""


def data_dir() -> Path:
    """What limber records (the history): `~/.local/share/limber` on Linux (LIMBER_DATA_DIR overrides it)."""
    override = os.environ.get("LIMBER_DATA_DIR")
    if override:
        return Path(override)
    import platformdirs

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def private_folder(path: Path) -> Path:
    """`path` as a folder that only this person can write in, made (mode 0700) if it is missing.

    Anything limber writes or reads back there must be what limber put there: another local
    account that could plant a link or a file in it could make limber write where they chose,
    or read what they wrote. So a folder that is a link, belongs to someone else, or that
    others may write in is refused (NotPrivate), never repaired: its contents cannot be trusted.
    """
    path = Path(path)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)  # limber's own folder, if made here, is private too
    try:
        os.mkdir(path, 0o700)
    except FileExistsError:
        pass
    found = os.lstat(path)
    if stat.S_ISLNK(found.st_mode):
        raise NotPrivate(f"{path}: a link, not a folder of limber's own")
    if not stat.S_ISDIR(found.st_mode):
        raise NotPrivate(f"{path}: not a folder")
    if not _ours(found):
        raise NotPrivate(f"{path}: belongs to someone else")
    if found.st_mode & 0o022:
        raise NotPrivate(f"{path}: others can write in it")
    if found.st_mode & 0o077:
        os.chmod(path, 0o700)  # ours and safe, only more open to reading than it need be
    return path


def runtime_dir() -> Path:
    """Where a running limber says what it is doing (the reminder's state for `limber status`).

    `$XDG_RUNTIME_DIR/limber` where the session has such a folder of its own (in memory, gone at
    log-out, so a state file can never outlive a reboot), else the cache folder.
    LIMBER_RUNTIME_DIR overrides it, for tests. Neither made nor checked here: a reader only looks.
    """
    override = os.environ.get("LIMBER_RUNTIME_DIR")
    if override:
        return Path(override)
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and _own_runtime_dir(Path(runtime)):
        return Path(runtime) / APP_NAME
    return cache_dir()


def scratch_dir() -> Path:
    """A private folder for files made on the fly (cue WAVs for a system player), made if missing.

    `$XDG_RUNTIME_DIR/limber` where the session has such a folder of its own (in memory, and
    cleared at log-out), else `cues` in the cache folder; and if neither can be trusted, a
    fresh folder made for this run alone. Never a fixed name in the shared temporary folder,
    where another account could have put a link first.
    """
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    choices = [Path(runtime) / APP_NAME] if runtime and _own_runtime_dir(Path(runtime)) else []
    choices.append(cache_dir() / "cues")
    for folder in choices:
        try:
            return private_folder(folder)
        except OSError:
            continue
    import tempfile

    return Path(tempfile.mkdtemp(prefix=f"{APP_NAME}-cues-"))  # 0700, under a name no one could guess


def _own_runtime_dir(folder: Path) -> bool:
    try:
        found = os.stat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(found.st_mode) and _ours(found) and not found.st_mode & 0o022


def _ours(found: os.stat_result) -> bool:
    geteuid = getattr(os, "geteuid", None)
    return geteuid is None or found.st_uid == geteuid()  # Windows keeps owners otherwise
