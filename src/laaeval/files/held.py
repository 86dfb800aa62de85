"""A file that one program edits over a long time while people may edit it too: the
evidence file ``laaeval assess`` keeps open for a sitting.

* **One sitting at a time.** A lock (``fcntl.flock`` on ``.NAME.laaeval-lock`` beside the
  file) keeps a second ``assess`` off the same file. The kernel lets go of it when the
  process ends, however it ends, so a crash cannot leave it stuck; the lock file says who
  holds it, so the refusal can too.
* **Never over someone else's change.** Before each save the file must still be what was
  last read or written (the same bytes, by SHA-256, and the same size, time and inode).
  If not, the caller is told (:class:`ChangedOnDisk`), and can merge or keep both.
* **Through links, whole or not at all.** A symbolic link is followed and the real file is
  saved (the temporary file beside it); everything else is :func:`output.write_output`'s.
"""

from __future__ import annotations

import contextlib
import errno
import getpass
import hashlib
import os
import socket
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LaaevalError, UsageError
from . import yamlio
from .output import (
    WriteError,
    check_folder_writable,
    check_replaceable,
    clean_stale,
    resolved,
    write_atomic,
    write_output,
)
from .patch import patch

LOCK_MARK = ".laaeval-lock"


class Locked(UsageError):
    """Another sitting has the file open."""


class ChangedOnDisk(Exception):
    """The file is no longer what we last read or wrote: someone else changed it."""


@dataclass(frozen=True)
class Seen:
    """What a file was when we last read or wrote it."""

    digest: bytes
    size: int
    mtime_ns: int
    inode: tuple[int, int]

    @classmethod
    def of(cls, content: bytes, info: os.stat_result) -> Seen:
        return cls(hashlib.sha256(content).digest(), info.st_size, info.st_mtime_ns,
                   (info.st_dev, info.st_ino))  # fmt: skip


class HeldFile:
    """An evidence file held open by one sitting: its text and data as last read or
    written, the lock, and saving that re-writes only what changed."""

    def __init__(self, path: str) -> None:
        self.name = path  # as the user wrote it, for messages
        self.target = resolved(path)  # the real file, links followed
        self.text: str | None = None
        self.data: Any = None  # the text as read, with the lines of every key
        self.seen: Seen | None = None
        self._lock: int | None = None

    # -- before the first question --------------------------------------------------------

    def check_writable(self) -> None:
        """Refuse now, before anything is asked, a file we could not save."""
        with contextlib.suppress(FileNotFoundError):
            check_replaceable(self.name, os.stat(self.target), "evidence file")
        check_folder_writable(self.target, "evidence file")

    def lock(self) -> None:
        """Hold the sitting's lock, or say who does. (Where the system has no ``flock``, as
        on Windows, there is no lock; the check before each save still guards the file.)"""
        try:
            import fcntl
        except ImportError:  # pragma: no cover - not on POSIX
            return

        path = self.lock_path
        while True:
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o644)
            except OSError as exc:
                raise WriteError(f"cannot save here ({exc.strerror})", file=self.name,
                                 reason=exc.errno) from None  # fmt: skip
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as exc:
                holder = os.read(fd, 500).decode("utf-8", "replace").strip()
                os.close(fd)
                if exc.errno not in (errno.EAGAIN, errno.EACCES, errno.EWOULDBLOCK):
                    raise WriteError(f"cannot lock the file ({exc.strerror})", file=self.name,
                                     reason=exc.errno) from None  # fmt: skip
                raise Locked(_held_by(holder), file=self.name) from None
            # The file may have been removed by the sitting that just let go: lock that one.
            if _same_inode(fd, path):
                break
            os.close(fd)
        with contextlib.suppress(OSError):  # who holds it is a courtesy: a full disk is no bar
            os.ftruncate(fd, 0)
            os.write(fd, _holder().encode())
        self._lock = fd
        clean_stale(self.target.parent)  # temporary files a killed sitting left behind

    @property
    def lock_path(self) -> Path:
        return self.target.parent / f".{self.target.name}{LOCK_MARK}"

    def unlock(self) -> None:
        if self._lock is None:
            return
        with contextlib.suppress(OSError):
            os.unlink(self.lock_path)
        os.close(self._lock)
        self._lock = None

    # -- reading and saving ---------------------------------------------------------------

    def read(self) -> bytes:
        """The file's bytes, read afresh from disk (never from a cache), remembered."""
        content, info = yamlio.read_bytes_and_stat(self.target, self.name)
        self.seen = Seen.of(content, info)
        return content

    def remember(self, text: str, data: Any) -> None:
        """The text just read, and the data it was read as (with its lines)."""
        self.text, self.data = text, data

    def changed(self) -> bytes | None:
        """The file's bytes if someone changed it since we last read or wrote it, else None."""
        try:
            content, info = yamlio.read_bytes_and_stat(self.target, self.name)
        except LaaevalError:
            if self.seen is None and not os.path.lexists(self.target):
                return None  # a new file, still not there: as expected
            return b""  # gone, or made unreadable: changed
        if self.seen is None:
            return content  # a new file, but someone made one first
        now = Seen.of(content, info)
        if now.digest != self.seen.digest:
            return content
        self.seen = now  # touched, not changed: the same bytes
        return None

    def save(self, new: Any) -> None:
        """Write ``new`` (plain data), changing only what differs from the text last read
        or written; :class:`ChangedOnDisk` if the file changed meanwhile."""
        if self.changed() is not None:
            raise ChangedOnDisk
        text, data = self.render(new)
        write_output(self.name, text, "evidence file")
        self.text, self.data = text, data
        self.seen = Seen.of(text.encode("utf-8"), os.stat(self.target))

    def render(self, new: Any) -> tuple[str, Any]:
        """The text ``new`` would be saved as, and that text read back."""
        if self.text is None:
            text = yamlio.dumps(new)
            return text, yamlio.loads(text)
        return patch(self.text, self.data, new)

    def keep_beside(self, new: Any, label: str = "assess") -> Path:
        """Write ``new`` to a file of its own beside the evidence file, such as
        ``NAME.assess-20050314-170500.yaml``: our version, when the file is someone
        else's now."""
        text, _ = self.render(new)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        stem, suffix = self.target.stem, self.target.suffix or ".yaml"
        for n in range(100):
            extra = f"-{n}" if n else ""
            path = self.target.with_name(f"{stem}.{label}-{stamp}{extra}{suffix}")
            if not os.path.lexists(path):
                write_atomic(path, text)
                return path
        raise WriteError("cannot find a free name to keep your version", file=self.name)


def _same_inode(fd: int, path: Path) -> bool:
    try:
        mine, now = os.fstat(fd), os.stat(path)
    except OSError:
        return False
    return (mine.st_dev, mine.st_ino) == (now.st_dev, now.st_ino)


def _holder() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "someone"
    started = time.strftime("%H:%M on %d %B %Y")
    return f"{user}\n{socket.gethostname()}\n{os.getpid()}\n{started}\n"


def _held_by(text: str) -> str:
    parts = text.splitlines()
    if len(parts) >= 4:
        user, host, pid, started = (part[:80] for part in parts[:4])
        who = f"by {user} on {host} (process {pid}, since {started})"
    else:
        who = "by another laaeval"
    return (f"this file is already open in laaeval assess {who}; finish that sitting first "
            "(a sitting that was killed lets go of the file at once)")  # fmt: skip
