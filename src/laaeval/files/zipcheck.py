"""Zip files from other people's machines (Excel workbooks, REFI-QDA projects), opened only
once their table of contents has been checked.

A zip can claim to hold a small file that unpacks to gigabytes (a zip bomb), name a member
``../../.bashrc`` (path traversal), or carry XML that declares entities that expand without
end. Each is refused in one line before anything is unpacked: the sizes the zip declares are
what Python's zipfile will unpack at most, so checking them is enough.
"""

from __future__ import annotations

import os
import re
import zipfile
from dataclasses import dataclass

from ..errors import UnreadableFileError, shorten

MAX_FILE = 128 * 1024 * 1024  # the zip itself
MAX_MEMBERS = 20_000
MAX_UNPACKED = 512 * 1024 * 1024  # all members together, unpacked
# Deflate cannot do better than about 1,032 to 1; real XML and text rarely pass 100 to 1.
# Only members that unpack to more than a megabyte are held to it: a tiny file of spaces
# packs very well and harms no one.
MAX_RATIO = 250
RATIO_FROM = 1024 * 1024
_DRIVE = re.compile(r"^[A-Za-z]:")
# An XML document declares entities only in a DOCTYPE, which must come before its first
# element: the start of each member is enough to see one.
_PROLOG = 8192
_DOCTYPE = (b"<!DOCTYPE", b"<!ENTITY", "<!DOCTYPE".encode("utf-16-le"),
            "<!DOCTYPE".encode("utf-16-be"))  # fmt: skip


@dataclass(frozen=True)
class Limits:
    max_file: int = MAX_FILE
    max_members: int = MAX_MEMBERS
    max_unpacked: int = MAX_UNPACKED
    max_ratio: float = MAX_RATIO


def open_zip(path: str | os.PathLike[str], what: str, limits: Limits = Limits()) -> zipfile.ZipFile:
    """The zip at ``path``, its table of contents checked; ``what`` names the kind of file
    in messages ("an Excel workbook (.xlsx)")."""
    name = str(path)
    try:
        size = os.stat(name).st_size
        if os.path.isdir(name):
            raise UnreadableFileError(f"this is a folder, not {what}", file=name)
        if size > limits.max_file:
            raise UnreadableFileError(f"the file is too large ({size // 2**20} MB; at most "
                                      f"{limits.max_file // 2**20} MB)", file=name)  # fmt: skip
        archive = zipfile.ZipFile(name)
    except FileNotFoundError:
        raise UnreadableFileError("no such file", file=name) from None
    except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError, ValueError):
        raise UnreadableFileError(f"this is not {what}: it is not a zip file", file=name) from None
    except OSError as exc:
        raise UnreadableFileError(f"cannot be read ({exc.strerror or exc})", file=name) from None
    try:
        check_members(archive, name, limits)
    except BaseException:
        archive.close()
        raise
    return archive


def check_members(archive: zipfile.ZipFile, name: str, limits: Limits = Limits()) -> None:
    infos = archive.infolist()
    if len(infos) > limits.max_members:
        raise UnreadableFileError(f"refused: the zip holds {len(infos)} files (at most "
                                  f"{limits.max_members})", file=name)  # fmt: skip
    seen: set[str] = set()
    total = 0
    for info in infos:
        refuse_member_name(info.filename, name)
        folded = info.filename.casefold()
        if folded in seen:
            raise UnreadableFileError(f"refused: the zip holds {shorten(info.filename)} twice, "
                                      "so which one is meant is unclear", file=name)  # fmt: skip
        seen.add(folded)
        if info.flag_bits & 0x1:
            raise UnreadableFileError("refused: it is password-protected; save a copy without "
                                      "a password and use that", file=name)  # fmt: skip
        total += info.file_size
        if total > limits.max_unpacked:
            raise UnreadableFileError(
                f"refused: it would unpack to more than {limits.max_unpacked // 2**20} MB "
                "(a zip bomb, or far larger than laaeval reads)", file=name)  # fmt: skip
        packed = max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and info.file_size / packed > limits.max_ratio:
            raise UnreadableFileError(
                f"refused: {shorten(info.filename)} would unpack to "
                f"{info.file_size // packed} times its packed size (a zip bomb)", file=name)


def refuse_member_name(member: str, name: str) -> None:
    """A member name that would land outside the folder it is unpacked into is refused,
    whether or not anything is unpacked: a file that tries it is not to be trusted."""
    parts = re.split(r"[\\/]", member)
    if (member.startswith(("/", "\\")) or _DRIVE.match(member) or ".." in parts
            or "\x00" in member):  # fmt: skip
        raise UnreadableFileError(
            f"refused: the zip names a file {shorten(member)} outside its own folder (path "
            "traversal)", file=name)  # fmt: skip


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, name: str) -> bytes:
    """A member's bytes; damage inside the zip is one line, not a traceback."""
    try:
        return archive.read(info)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError) as exc:
        raise UnreadableFileError(f"{shorten(info.filename)} inside it is damaged ({exc})",
                                  file=name) from None  # fmt: skip


def refuse_declarations(archive: zipfile.ZipFile, name: str, suffixes: tuple[str, ...]) -> None:
    """Refuse XML members (those ending with ``suffixes``) that declare a DOCTYPE: the way
    to declare entities that expand a small file without end. Office files and REFI-QDA
    projects never need one."""
    for info in archive.infolist():
        if not info.filename.lower().endswith(suffixes):
            continue
        try:
            with archive.open(info) as handle:
                start = handle.read(_PROLOG)
        except (zipfile.BadZipFile, EOFError, OSError, ValueError, RuntimeError) as exc:
            raise UnreadableFileError(f"{shorten(info.filename)} inside it is damaged ({exc})",
                                      file=name) from None  # fmt: skip
        if has_declarations(start):
            raise UnreadableFileError(
                f"refused: {shorten(info.filename)} declares XML entities (a way to make a "
                "small file expand without end)", file=name)  # fmt: skip


def has_declarations(start: bytes) -> bool:
    return any(mark in start for mark in _DOCTYPE)
