"""Writing files so that nothing is ever lost: atomically, with the previous version kept if asked."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class NotARegularFile(OSError):
    """A device, FIFO, socket or folder where a file was expected: never opened for reading."""


class FileTooLarge(OSError):
    """A file longer than its reader's cap; reading stopped at the cap."""

    def __init__(self, path: Path | str, limit: int):
        super().__init__(f"{path}: larger than {limit:,} bytes")
        self.limit = limit


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file (or a link to one), at most `limit` of them.

    Anything else is refused before it is read: `/dev/zero` would never end, a FIFO would
    wait for a writer that never comes. The cap is enforced while reading, not only by the
    size `stat` reports (a file may grow, and /proc files report 0). The file is opened
    without blocking and checked again once open, so a file swapped for a FIFO between the
    two looks cannot hang the reader.
    """
    before = os.stat(path)
    if stat.S_ISDIR(before.st_mode):
        raise IsADirectoryError(21, "is a folder, not a file", str(path))
    if not stat.S_ISREG(before.st_mode):
        raise NotARegularFile(f"{path}: not a regular file")
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    fd = os.open(path, flags)
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise NotARegularFile(f"{path}: not a regular file")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLarge(path, limit)
    finally:
        os.close(fd)
    return b"".join(chunks)


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
