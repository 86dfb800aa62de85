"""Putting together two sets of changes to one file, made apart: ours and someone else's.

While ``laaeval assess`` has a file open, someone may edit it in a text editor. If the two
sets of changes touch different places (the editor fixed a summary, the sitting rated an
indicator), both can be kept; where they touch the same place, neither side is chosen for
the user. Like :mod:`laaeval.files.patch`, this works on plain data, not on what it means.
"""

from __future__ import annotations

from typing import Any


class Clash(Exception):
    """Both sides changed the same place; ``where`` is its key path."""

    def __init__(self, where: str) -> None:
        super().__init__(where)
        self.where = where


def merge(base: Any, ours: Any, theirs: Any, ignore: frozenset[str] = frozenset(),
          where: str = "") -> Any:  # fmt: skip
    """``base`` with both our changes and theirs, or :class:`Clash` where they meet.

    Mappings merge key by key; lists item by item where both keep the same items and at
    most one side adds to the end. Top-level keys in ``ignore`` (such as a timestamp each
    side sets) take our value whatever theirs says.

    Sameness here is Python's ``==`` (fast, but 1 == 1.0): what is written is read back
    and compared strictly afterwards (:func:`laaeval.files.patch.patch`), so a value that
    differs only in type is caught there."""
    if ours == base:
        return theirs
    if theirs == base or ours == theirs:
        return ours
    if isinstance(base, dict) and isinstance(ours, dict) and isinstance(theirs, dict):
        return _merge_maps(base, ours, theirs, ignore, where)
    if isinstance(base, list) and isinstance(ours, list) and isinstance(theirs, list):
        return _merge_lists(base, ours, theirs, where)
    raise Clash(where or "the whole file")


def _merge_maps(base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any],
                ignore: frozenset[str], where: str) -> dict[str, Any]:  # fmt: skip
    out: dict[str, Any] = {}
    for key in [*theirs, *(k for k in ours if k not in theirs)]:
        path = f"{where} › {key}" if where else key
        if key in ignore and key in ours:
            out[key] = ours[key]
            continue
        missing = object()
        value = merge(base.get(key, missing), ours.get(key, missing),
                      theirs.get(key, missing), where=path)  # fmt: skip
        if value is not missing:
            out[key] = value
    return out


def _merge_lists(base: list[Any], ours: list[Any], theirs: list[Any], where: str) -> list[Any]:
    if len(ours) < len(base) or len(theirs) < len(base):
        raise Clash(where)  # an item taken out: which one moved is anyone's guess
    common = [merge(b, o, t, where=f"{where} › item {n + 1}")
              for n, (b, o, t) in enumerate(zip(base, ours, theirs, strict=False))]  # fmt: skip
    ours_added, theirs_added = ours[len(base) :], theirs[len(base) :]
    if ours_added and theirs_added:
        raise Clash(where)
    return common + (ours_added or theirs_added)
