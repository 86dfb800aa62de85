"""Writing the files a user asks for: whole or not at all, and never over one of the inputs.

Every command that writes a file (``assess``, ``report``, ``compare --output``) goes through
:func:`write_output`; every command that writes a file it was not given to edit checks first
with :func:`refuse_overwriting`, so a mistyped command cannot replace an evidence file.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

from ..errors import UsageError


def refuse_overwriting(
    output: str | os.PathLike[str], inputs: Sequence[str | os.PathLike[str]], what: str
) -> None:
    """Refuse to write ``what`` (a report, a comparison) at ``output`` if it is one of the
    ``inputs``: a mistyped command must not replace an evidence file with its own output."""
    target = Path(output).resolve()
    for source in inputs:
        if Path(source).resolve() == target:
            raise UsageError(
                f"the {what} would overwrite an evidence file; choose another --output",
                file=str(output),
            )


def write_output(path: str | os.PathLike[str], text: str | bytes, what: str) -> None:
    """Write a file the user asked for, atomically; a folder that is missing or cannot be
    written to is one line naming the file, not an OSError. ``bytes`` are written as they
    are (a workbook or a Word document); text as UTF-8."""
    try:
        write_atomic(path, text)
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(f"cannot write the {what} here ({reason})", file=str(path)) from None


def write_atomic(path: str | os.PathLike[str], text: str | bytes, durable: bool = True) -> None:
    """Replace ``path`` with ``text`` so that a crash at any moment leaves either the old
    file or the new one, never a half-written one. Keeps the old file's permissions.

    ``durable`` also waits until the disk has the new file (fsync): right for the user's
    work, needless for a cache that can be rebuilt, where it costs most of the write."""
    import tempfile  # only when writing: it costs several milliseconds to import

    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        binary = isinstance(text, bytes)
        with (os.fdopen(fd, "wb") if binary
              else os.fdopen(fd, "w", encoding="utf-8", newline="\n")) as handle:  # fmt: skip
            handle.write(text)
            handle.flush()
            if durable:
                os.fsync(handle.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    if not durable:
        return
    try:  # make the rename itself durable
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)
