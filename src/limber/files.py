"""Writing files so that nothing is ever lost: atomically, with the previous version kept if asked."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomically(path: Path, text: str | bytes, *, keep_backup: bool = False, sync: bool = True) -> Path | None:
    """Write `text` (or bytes) to `path` whole or not at all; with keep_backup, the old file becomes `path~`.

    The text goes to a temporary file in the same folder, is flushed to disk (unless `sync` is
    off, for a cache that can always be made again), then renamed over the old one: a crash or
    a full disk part-way leaves the old file as it was.
    Returns the backup's path when one was kept.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    backup = None
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        binary = isinstance(text, bytes)
        with os.fdopen(handle, "wb" if binary else "w", encoding=None if binary else "utf-8",
                       newline=None if binary else "") as out:
            out.write(text)
            out.flush()
            if sync:
                os.fsync(out.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
            if keep_backup:
                backup = backup_path(path)
                # A hard link keeps the old contents under the backup name without copying them.
                backup.unlink(missing_ok=True)
                try:
                    os.link(path, backup)
                except OSError:
                    backup.write_bytes(path.read_bytes())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return backup


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + "~")
