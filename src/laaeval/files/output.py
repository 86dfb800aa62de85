"""Writing the files a user asks for: whole or not at all, and never over one of the inputs.

Every command that writes a file (``assess``, ``report``, ``compare --output``) goes through
:func:`write_output`; every command that writes a file it was not given to edit checks first
with :func:`refuse_overwriting`, so a mistyped command cannot replace an evidence file or a
framework.

A regular file is replaced by renaming a complete temporary file over it, so a crash at any
moment leaves the old file or the new one. Anything that is not a regular file (a device
such as /dev/null, a named pipe) is written to directly: renaming over it would replace the
device node itself. A symbolic link is followed, so the file it points to gets the new
content and the link stays a link. A file with other names (hard links) or no write
permission is refused rather than replaced, because replacing it would leave the other
names holding the old content, or overrule the owner's decision that it must not change.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import BinaryIO

from ..errors import UsageError

# Temporary files are named ".NAME.laaeval-tmp-XXXXXXXX" beside the file they will become,
# so a person can tell what left them, and the next run can clear away stale ones of ours.
TEMP_MARK = ".laaeval-tmp-"
STALE_SECONDS = 300  # older than any write in progress could be
_cleaned: set[str] = set()  # folders already cleared of stale temporary files this run


class WriteError(UsageError):
    """A file could not be written (a full disk, a folder that cannot be written to).

    ``reason`` is the operating system's errno, so a caller can tell a full disk apart."""

    def __init__(self, message: str, *, file: str | None = None, reason: int | None = None,
                 line: int | None = None, path: str | None = None) -> None:  # fmt: skip
        super().__init__(message, file=file, line=line, path=path)
        self.reason = reason


class Binary:
    """A binary file (a workbook) written by ``save`` straight into the file being made,
    rather than whole in memory first: ``save`` is given the open file and must write all
    of it (openpyxl's ``Workbook.save`` takes a file as well as a name)."""

    __slots__ = ("save",)

    def __init__(self, save: Callable[[BinaryIO], object]) -> None:
        self.save = save

    def whole(self) -> bytes:
        """The file's bytes, for standard output or a pipe, where it cannot be written in
        place: a zip is written the same way into memory as into a file on disk."""
        import io

        buffer = io.BytesIO()
        self.save(buffer)
        return buffer.getvalue()


Content = str | bytes | Binary | Iterable[str]

LOOP = "the links in this path lead round in a circle (a symbolic link loop)"


def resolved(path: str | os.PathLike[str]) -> Path:
    """The real path of ``path``, with every symbolic link followed; one line if they loop."""
    try:
        return Path(path).resolve()
    except RuntimeError:  # Python before 3.13 reports a loop this way
        raise UsageError(LOOP, file=str(path)) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UsageError(LOOP, file=str(path)) from None
        raise UsageError(f"cannot be reached ({exc.strerror})", file=str(path)) from None


def _identity(path: str | os.PathLike[str]) -> tuple[int, int] | None:
    try:
        info = os.stat(path)
    except OSError:
        return None
    return info.st_dev, info.st_ino


def same_file(a: str | os.PathLike[str], b: str | os.PathLike[str]) -> bool:
    """Whether two names reach the same file: the same real path, or the same file on disk
    (a hard link, or a path through a link)."""
    if resolved(a) == resolved(b):
        return True
    first = _identity(a)
    return first is not None and first == _identity(b)


def refuse_overwriting(
    output: str | os.PathLike[str],
    inputs: Sequence[str | os.PathLike[str]],
    what: str,
    frameworks: Iterable[str | os.PathLike[str]] = (),
) -> None:
    """Refuse to write ``what`` (a report, a comparison) at ``output`` if it is one of the
    ``inputs`` or one of the ``frameworks`` laaeval knows: a mistyped command must not
    replace an evidence file or a framework with its own output."""
    if str(output) == "-":
        return
    for source in inputs:
        if same_file(output, source):
            raise UsageError(
                f"the {what} would overwrite an evidence file; choose another --output",
                file=str(output),
            )
    for framework in frameworks:
        if same_file(output, framework):
            raise UsageError(
                f"the {what} would overwrite a framework file; choose another --output",
                file=str(output),
            )


def backup_name(name: str, suffix: str) -> str:
    """A free name for a copy of ``name`` kept beside it: ``name + suffix``, or with -2, -3…
    after it when that is taken (a link that points nowhere counts as taken)."""
    backup = name + suffix
    n = 2
    while os.path.lexists(backup):
        backup = f"{name}{suffix}-{n}"
        n += 1
        if n > 1000:
            raise UsageError("there are too many copies of this file already", file=name)
    return backup


def write_output(path: str | os.PathLike[str], text: Content, what: str) -> None:
    """Write a file the user asked for: a regular file atomically, a device or pipe
    directly; anything that cannot be written is one line naming the file. ``bytes`` are
    written as they are (a Word document), a :class:`Binary` by its ``save``, text as
    UTF-8. Text may come in pieces (a large comparison, rendered as it is written): the
    file is replaced only once the last piece is written or saved, so a failure on the way
    leaves the old one."""
    name = str(path)
    info = _stat(name)
    if info is not None and not stat.S_ISREG(info.st_mode):
        _write_directly(name, text, what, info)
        return
    target = resolved(name)
    if info is not None:
        check_replaceable(name, info, what)
    try:
        write_atomic(target, text, like=info)
    except OSError as exc:
        raise WriteError(_cannot_write(what, exc), file=name, reason=exc.errno) from None


def _cannot_write(what: str, exc: OSError) -> str:
    if exc.errno == errno.ENOSPC:
        return f"cannot write the {what}: the disk is full"
    reason = exc.strerror or type(exc).__name__
    return f"cannot write the {what} here ({reason})"


def _stat(name: str) -> os.stat_result | None:
    """What ``name`` is (links followed), or None if there is nothing there yet."""
    try:
        return os.stat(name)
    except FileNotFoundError:
        return None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise UsageError(LOOP, file=name) from None
        raise UsageError(f"cannot be reached ({exc.strerror})", file=name) from None


def check_replaceable(name: str, info: os.stat_result, what: str) -> None:
    """Refuse to replace a file that is read-only, or that has other names."""
    if read_only(name, info):
        raise WriteError(
            f"the {what} is read-only, so laaeval will not replace it; make it writable "
            "first, or choose another name",
            file=name, reason=errno.EACCES,
        )  # fmt: skip
    if info.st_nlink > 1:
        raise WriteError(
            f"the {what} has {info.st_nlink - 1} other name(s) (hard links); saving would "
            "leave them holding the old version, so laaeval will not; work on a copy of it",
            file=name, reason=errno.EMLINK,
        )  # fmt: skip


def read_only(name: str, info: os.stat_result) -> bool:
    """No one may write it (mode 0444), or we may not. The mode bits are read as well as
    asking the system, because the system lets the administrator write anything."""
    return not info.st_mode & 0o222 or not os.access(name, os.W_OK)


def check_folder_writable(path: str | os.PathLike[str], what: str) -> None:
    """Refuse, before any work is done, a file whose folder cannot take a new file: a
    read-only folder, one we may not write to, or a read-only disk."""
    folder = resolved(path).parent
    try:
        info = os.stat(folder)
    except OSError as exc:
        raise UsageError(f"there is no folder to save the {what} in ({exc.strerror})",
                         file=str(path)) from None  # fmt: skip
    if not info.st_mode & 0o222 or not os.access(folder, os.W_OK):
        raise WriteError(f"the folder is read-only, so the {what} cannot be saved there",
                         file=str(path), reason=errno.EACCES)  # fmt: skip
    try:  # a read-only or full disk only shows itself when we try
        import tempfile

        fd, probe = tempfile.mkstemp(prefix=f".{resolved(path).name}{TEMP_MARK}", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise WriteError(_cannot_write(what, exc), file=str(path), reason=exc.errno) from None


def _write_directly(name: str, text: Content, what: str, info: os.stat_result) -> None:
    """A device or a pipe: write to it as it is (never rename over it)."""
    if stat.S_ISDIR(info.st_mode):
        raise UsageError(f"this is a folder; give a file name for the {what}", file=name)
    flags = os.O_WRONLY | getattr(os, "O_CLOEXEC", 0)
    if stat.S_ISFIFO(info.st_mode):
        flags |= getattr(os, "O_NONBLOCK", 0)  # fails at once, not waits, if no one reads
    try:
        fd = os.open(name, flags)
    except OSError as exc:
        if exc.errno == errno.ENXIO:
            raise UsageError(f"nothing is reading from this pipe, so the {what} was not "
                             "written", file=name) from None  # fmt: skip
        raise WriteError(_cannot_write(what, exc), file=name, reason=exc.errno) from None
    try:
        os.set_blocking(fd, True)
        if isinstance(text, Binary):
            text = text.whole()
        for piece in (text,) if isinstance(text, (str, bytes)) else text:
            data = piece if isinstance(piece, bytes) else piece.encode("utf-8")
            while data:
                data = data[os.write(fd, data) :]
    except OSError as exc:
        raise WriteError(_cannot_write(what, exc), file=name, reason=exc.errno) from None
    finally:
        os.close(fd)


def temp_prefix(target: Path) -> str:
    return f".{target.name}{TEMP_MARK}"


def clean_stale(directory: Path, now: float | None = None) -> None:
    """Remove temporary files of ours, in ``directory``, left by a run that was killed.

    Only names with our mark, and only ones older than any write still in progress could
    be; once per folder per run, because listing a folder costs more than a save."""
    key = str(directory)
    if key in _cleaned:
        return
    _cleaned.add(key)
    cutoff = (time.time() if now is None else now) - STALE_SECONDS
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(".") and TEMP_MARK in entry.name:
            with contextlib.suppress(OSError):
                if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                    os.unlink(entry.path)


def write_atomic(
    path: str | os.PathLike[str],
    text: Content,
    durable: bool = True,
    like: os.stat_result | None = None,
) -> None:
    """Replace ``path`` with ``text`` so that a crash at any moment leaves either the old
    file or the new one, never a half-written one. Keeps the old file's permissions and,
    where the system allows, its owner and extended attributes.

    ``durable`` also waits until the disk has the new file (fsync): right for the user's
    work, needless for a cache that can be rebuilt, where it costs most of the write."""
    import tempfile  # only when writing: it costs several milliseconds to import

    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    clean_stale(directory)
    if like is None:
        with contextlib.suppress(FileNotFoundError):
            like = os.stat(target)
    fd, tmp = tempfile.mkstemp(prefix=temp_prefix(target), dir=directory)
    try:
        binary = isinstance(text, (bytes, Binary))
        with (os.fdopen(fd, "wb") if binary
              else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as handle:  # fmt: skip
            if isinstance(text, Binary):
                text.save(handle)
            elif binary or isinstance(text, str):
                handle.write(text)
            else:  # pieces of text, each written as it comes
                for piece in text:
                    handle.write(piece)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        _keep_metadata(tmp, target, like)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if durable:
        _sync_folder(directory)


def _keep_metadata(tmp: str, target: Path, like: os.stat_result | None) -> None:
    if like is None:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        return
    os.chmod(tmp, stat.S_IMODE(like.st_mode))
    chown = getattr(os, "chown", None)  # not on Windows
    if chown is not None and (like.st_uid, like.st_gid) != (os.getuid(), os.getgid()):
        with contextlib.suppress(OSError):  # only the administrator may give a file away
            chown(tmp, like.st_uid, like.st_gid)
    _copy_xattrs(target, tmp)


def _copy_xattrs(source: Path, tmp: str) -> None:
    """Extended attributes (labels, tags, quarantine marks), where the platform has them."""
    listxattr = getattr(os, "listxattr", None)
    if listxattr is None:
        return
    try:
        names = listxattr(source)
    except OSError:
        return
    for attr in names:
        with contextlib.suppress(OSError):
            os.setxattr(tmp, attr, os.getxattr(source, attr))


def _sync_folder(directory: Path) -> None:
    """Make the rename itself durable."""
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
