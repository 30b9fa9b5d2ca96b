"""Reading and writing the person's files safely: only regular files read, and capped; writes whole or not at all."""

from __future__ import annotations

import errno
import os
import stat
import time

TYPE_CHECKING = False
if TYPE_CHECKING:
    from pathlib import Path
# pathlib (and the `re` it loads) is imported where a Path is made: `limber status` reads its
# state file through read_regular without either (benchmarks/status.py).


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
    a full disk part-way leaves the old file as it was, and raises WriteFailed. A rename
    replaces a link at `path` rather than writing through it. The temporary's name carries
    this process's id, so one left by a process killed mid-write is swept away by the next
    write to the folder.
    Returns the backup's path when one was kept.
    """
    from pathlib import Path

    path = Path(path)
    try:
        found = path.lstat()
    except FileNotFoundError:
        pass
    else:
        # A device, FIFO or socket is never renamed over: replacing /dev/null with a file would
        # break the whole machine. (A link is replaced, not written through.)
        if not (stat.S_ISREG(found.st_mode) or stat.S_ISLNK(found.st_mode)):
            cause = NotARegularFile(errno.EINVAL, "not a regular file")
            raise WriteFailed(path, cause)
    path.parent.mkdir(parents=True, exist_ok=True)
    sweep_leftovers(path.parent)
    data = text if isinstance(text, bytes) else text.encode("utf-8")
    backup = None
    temporary, handle = _new_temporary(path)
    try:
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
            if sync:
                os.fsync(handle)
        finally:
            os.close(handle)
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o7777)
            if keep_backup:
                backup = backup_path(path)
                # A hard link keeps the old contents under the backup name without copying them.
                backup.unlink(missing_ok=True)
                try:
                    os.link(path, backup)
                except OSError:
                    write_atomically(backup, read_regular(path, BACKUP_LIMIT), sync=sync)
        os.replace(temporary, path)
    except WriteFailed:
        temporary.unlink(missing_ok=True)
        raise  # the backup's own write failed, and says so
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise WriteFailed(path, error) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return backup


class WriteFailed(OSError):
    """A write that did not happen (a full disk, above all): the file is as it was before.

    Its errno is the cause's (ENOSPC, EDQUOT...), and it reads as one line that says which
    file was not saved and that nothing was lost, for a command to print as it stands.
    """

    def __init__(self, path: Path, cause: OSError):
        from pathlib import Path

        super().__init__(cause.errno, cause.strerror or str(cause))
        self.path = Path(path)

    def __str__(self) -> str:
        from .printable import printable  # a file's name may hold anything

        return f"{printable(str(self.path))}: not saved ({self.strerror}); the file is as it was"


BACKUP_LIMIT = 64 * 1024 * 1024  # bytes: a backup copied rather than linked is never bigger
STALE_SECONDS = 24 * 60 * 60  # a temporary this old is a leftover whoever made it
GRACE_SECONDS = 60  # a dead writer's temporary younger than this may be another machine's, mid-write

# `.NAME.PID.RANDOM.tmp`; older limbers wrote `.NAME.RANDOM.tmp` (8 of [a-z0-9_]).
# A pattern, compiled by `re` on first use: `limber status` reads a file without loading `re`.
_TEMPORARY = r"\.(?P<name>.+?)\.(?:(?P<pid>[0-9]{1,10})\.)?[a-z0-9_]{8}\.tmp"


def _new_temporary(path: Path) -> tuple[Path, int]:
    """A fresh file beside `path`, opened for writing, made here and by no one else."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    name = path.name[:200]  # room for the rest within the 255 bytes a name may have
    while True:
        temporary = path.with_name(f".{name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        try:
            return temporary, os.open(temporary, flags, 0o600)
        except FileExistsError:
            continue


def sweep_leftovers(folder: Path, now: float | None = None) -> None:
    """Remove temporaries that `write_atomically` left in `folder` when its process was killed.

    One whose process is gone is a leftover (after a short grace, in case the folder is shared
    with another machine, whose processes cannot be seen from here); one older than a day is a
    leftover whoever made it. Anything else, the person's own files above all, is left alone.
    """
    import re

    now = time.time() if now is None else now
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = re.fullmatch(_TEMPORARY, name)
        if match is None:
            continue
        leftover = os.path.join(folder, name)
        try:
            age = now - os.lstat(leftover).st_mtime
            pid = match["pid"]
            if pid is None:
                # An older limber's name says less: only one beside the file it was for, and old.
                stale = age > STALE_SECONDS and os.path.lexists(os.path.join(folder, match["name"]))
            else:
                stale = age > STALE_SECONDS or (age > GRACE_SECONDS and not _running(int(pid)))
            if stale:
                os.unlink(leftover)
        except OSError:
            continue  # gone already, or not ours to remove


def _running(pid: int) -> bool:
    if pid <= 0:
        return False  # 0 and below name process groups, never a writer
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # another person's process
    except (OverflowError, OSError):
        return False
    return True


def backup_path(path: Path) -> Path:
    return path.with_name(path.name + "~")
