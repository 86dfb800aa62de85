"""Where frameworks are found: shipped with laaeval, in ./frameworks, or in the folders named
by ``LAAEVAL_FRAMEWORKS``; and choosing one by id (and version) or by path."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import LaaevalError, UsageError, shorten, unknown
from ..files.yamlio import line_of, load_path
from .framework import Framework, load_framework


def shipped_dir() -> Path:
    """Frameworks installed with laaeval (or, in a source checkout, the repo's folder)."""
    package = Path(__file__).resolve().parents[1]  # src/laaeval, or site-packages/laaeval
    packaged = package / "frameworks"
    if packaged.is_dir():
        return packaged
    return package.parents[1] / "frameworks"


def search_dirs() -> list[tuple[str, Path]]:
    """Where frameworks are looked for, in order: the user's own, then shipped ones."""
    dirs: list[tuple[str, Path]] = []
    for entry in os.environ.get("LAAEVAL_FRAMEWORKS", "").split(os.pathsep):
        if entry:
            dirs.append(("local", Path(entry)))
    local = Path("frameworks")
    shipped = shipped_dir()
    if local.is_dir() and local.resolve() != shipped.resolve():
        dirs.append(("local", local))
    dirs.append(("shipped", shipped))
    return dirs


@dataclass(frozen=True)
class Listed:
    where: str  # "shipped" or "local"
    path: Path
    framework: Framework | None
    error: LaaevalError | None = None


def available(naming: str | None = None) -> list[Listed]:
    """Every framework file in the search folders; a local copy identical to a shipped
    framework (as in a source checkout) is listed once, as shipped. With ``naming``, only
    the files whose text names it (a framework's id is written in its file): finding one
    framework by its id then reads that one, not every framework there is."""
    found = []
    for where, directory in search_dirs():
        for path in sorted(directory.glob("*.yaml")) + sorted(directory.glob("*.yml")):
            if naming is not None and not _names(path, naming):
                continue
            try:
                found.append(Listed(where, path, load_framework(path)))
            except LaaevalError as exc:
                found.append(Listed(where, path, None, exc))
    shipped = {e.framework.hash for e in found if e.where == "shipped" and e.framework}
    return [
        e for e in found
        if e.where == "shipped" or e.framework is None or e.framework.hash not in shipped
    ]  # fmt: skip


def _names(path: Path, text: str) -> bool:
    try:
        return text.encode("utf-8") in path.read_bytes()
    except OSError:
        return True  # read it as a framework, to say what is wrong with it


def resolve(ref: str, version: str | None = None) -> Framework:
    """A framework by path, or by id (and version) among local and shipped ones."""
    if ref.endswith((".yaml", ".yml")) or os.sep in ref or Path(ref).is_file():
        return load_framework(ref)
    candidates = [
        entry.framework
        for entry in available(naming=ref)
        if entry.framework is not None and entry.framework.id == ref
    ]
    if version is not None:
        matching = [f for f in candidates if f.version == version]
        if matching:
            return matching[0]
        if candidates:
            have = ", ".join(sorted({f.version for f in candidates}))
            raise UsageError(
                f"framework {shorten(ref)} version {shorten(version)} is not installed "
                f"(installed: {have}); point to the right file with --framework"
            )
    if candidates:
        return candidates[0]
    known = sorted({e.framework.id for e in available() if e.framework is not None})
    raise UsageError(
        unknown("framework", ref, known)
        + f" (known: {', '.join(known) or 'none'}; or give the path to a framework file)"
    )


def command_name(framework: Framework) -> str:
    """How to name this framework on a command line so that it is found again: its id if
    laaeval finds it by id (shipped, or in a framework folder), else its file's path."""
    try:
        found = resolve(framework.id, framework.version)
    except LaaevalError:
        found = None
    if found is not None and found.hash == framework.hash:
        return framework.id
    import shlex

    return shlex.quote(framework.origin)


def resolve_recorded(recorded: Mapping[str, Any], name: str) -> Framework:
    """The framework an evidence file says it was recorded against (its ``framework:`` id
    and version); if it is not installed, the error names the file and the line."""
    try:
        return resolve(recorded["id"], recorded["version"])
    except UsageError as exc:
        if exc.file:  # the id looked like a path, and that file is what is wrong
            raise
        raise UsageError(exc.message + "; if it is a framework file of your own, pass it "
                         "with --framework PATH (or put it in ./frameworks)", file=name,
                         line=_line_of_framework(recorded, name), path="framework") from None


def _line_of_framework(recorded: Mapping[str, Any], name: str) -> int | None:
    """The line of ``framework: id``; data from the cache has no lines, so read the file."""
    line = line_of(recorded, "id")
    if line is None:
        try:
            line = line_of(load_path(name)["framework"], "id")
        except (LaaevalError, KeyError, TypeError):
            return None
    return line
