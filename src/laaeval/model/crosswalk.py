"""What a framework version says about the version it revises: ``revises`` (that version's
id, version and, optionally, its fingerprint) and ``crosswalk`` (what became of its criteria
and indicators: renamed, split, merged, dropped, or new).

This module reads and checks what the file itself says; what the crosswalk means against
the older version (which it must be able to find) is in :mod:`.revision`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from ..errors import shorten

RENAMED, SPLIT, MERGED, DROPPED, NEW = "renamed", "split", "merged", "dropped", "new"
KINDS = (RENAMED, SPLIT, MERGED, DROPPED, NEW)

Problem = Callable[[str, Any, Any, list[Any]], None]  # message, container, key, key path


@dataclass(frozen=True)
class Revises:
    """The version a framework revises (``id`` defaults to the framework's own)."""

    id: str
    version: str
    fingerprint: str | None = None


@dataclass(frozen=True)
class Change:
    """One crosswalk entry: old ids (none for a new one) to new ids (none when dropped)."""

    kind: str  # one of KINDS
    old: tuple[str, ...]
    new: tuple[str, ...]
    note: str | None = None
    index: int = 0  # its place in the crosswalk, for messages


def read_revises(data: Mapping[str, Any]) -> Revises | None:
    raw = data.get("revises")
    if raw is None:
        return None
    return Revises(raw.get("id", data["id"]), raw["version"], raw.get("fingerprint"))


def read_crosswalk(data: Mapping[str, Any]) -> tuple[Change, ...]:
    return tuple(_change(entry, n) for n, entry in enumerate(data.get("crosswalk") or ()))


def _change(entry: Mapping[str, Any], n: int) -> Change:
    note = entry.get("note")
    if RENAMED in entry:
        return Change(RENAMED, (entry[RENAMED],), (entry["to"],), note, n)
    if SPLIT in entry:
        return Change(SPLIT, (entry[SPLIT],), tuple(entry["into"]), note, n)
    if MERGED in entry:
        return Change(MERGED, tuple(entry[MERGED]), (entry["into"],), note, n)
    if DROPPED in entry:
        return Change(DROPPED, (entry[DROPPED],), (), note, n)
    return Change(NEW, (), (entry[NEW],), note, n)


def new_side_key(change: Change) -> str:
    """The key in a crosswalk entry that holds its ids in this (the newer) version."""
    return {RENAMED: "to", SPLIT: "into", MERGED: "into", NEW: NEW}[change.kind]


def old_side_key(change: Change) -> str:
    return change.kind


def check_own_side(data: Mapping[str, Any], ids: Mapping[str, Any], problem: Problem) -> None:
    """What can be checked without the older version: ids on the new side are this
    framework's own, no id is accounted for twice, and a crosswalk says what it revises."""
    entries = data.get("crosswalk") or []
    revised = data.get("revises")
    if revised and revised.get("id", data["id"]) == data["id"] and \
            revised["version"] == data["version"]:
        problem(f"version {shorten(data['version'])} cannot revise itself; give the version it "
                "revises", revised, "version", ["revises", "version"])  # fmt: skip
    if entries and "revises" not in data:
        problem("a crosswalk maps from an older version: say which with revises "
                '(such as revises: {version: "1.0"})', data, "crosswalk", ["crosswalk"])
    old_seen: dict[str, int] = {}
    new_seen: dict[str, int] = {}
    for change in read_crosswalk(data):
        entry, n = entries[change.index], change.index
        if change.kind != NEW:
            for m, ident in enumerate(change.old):
                key = old_side_key(change)
                where: list[Any] = ["crosswalk", n, key] + ([m] if change.kind == MERGED else [])
                container, place = (entry[key], m) if change.kind == MERGED else (entry, key)
                if ident.upper() in old_seen:
                    problem(f"{shorten(ident)} is already accounted for in crosswalk entry "
                            f"{old_seen[ident.upper()] + 1}", container, place, where)
                old_seen.setdefault(ident.upper(), n)
        if change.kind == DROPPED:
            if change.old[0].upper() in ids:
                problem(f"{shorten(change.old[0])} is dropped, but this version still has "
                        f"{shorten(change.old[0])}; say what it became instead (renamed, split "
                        "or merged)", entry, DROPPED, ["crosswalk", n, DROPPED])
            continue
        key = new_side_key(change)
        for m, ident in enumerate(change.new):
            listed = change.kind == SPLIT
            container, place = (entry[key], m) if listed else (entry, key)
            where = ["crosswalk", n, key] + ([m] if listed else [])
            if ident.upper() not in ids:
                problem(f"{shorten(ident)} is not a criterion or indicator of this version",
                        container, place, where)
            elif ident.upper() in new_seen:
                problem(f"{shorten(ident)} is already the new side of crosswalk entry "
                        f"{new_seen[ident.upper()] + 1}", container, place, where)
            new_seen.setdefault(ident.upper(), n)
