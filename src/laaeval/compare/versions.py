"""Files recorded against two versions of a framework, compared on the newer version's
columns through its crosswalk (:mod:`..model.revision`).

An older file's score goes into a column where the column is the same criterion, or one
renamed (*moved*: PA6 takes PA4's score). A column that is new, or made by splitting or
merging older criteria, shows no score for older files (``·``): a score of the old
criterion would not mean the same. An older criterion that was dropped keeps a column of
its own at the end (*dropped*), empty for newer files. Levels and aspects are matched by
id; one whose criteria differ between the versions is marked, and older files show no
score in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from ..model.framework import Criterion, Framework
from ..model.revision import DROPPED, MERGED, RENAMED, SPLIT, Revision, revises, revision
from .matrix import ABSENT, Column, PilotRow, columns_for, mismatch

NEW, MOVED, CHANGED = "new", "moved", "changed"  # with DROPPED, the marks a column can have
SYMBOLS = {NEW: "+", MOVED: "←", CHANGED: "~", DROPPED: "×"}


@dataclass(frozen=True)
class Across:
    """The newer version, the revisions from each older one, and the marked columns."""

    target: Framework
    revisions: tuple[Revision, ...]
    columns: tuple[Column, ...]
    # Per older version (by fingerprint): each column's one like-for-like older id, if any.
    sources: dict[str, dict[str, str | None]] = field(default_factory=dict)


def reconcile(rows: Sequence[tuple[PilotRow, Framework]],
              frameworks: Sequence[tuple[Framework, str]],
              by: str) -> tuple[Framework, tuple[Column, ...], list[PilotRow],
                                tuple[Framework, ...]]:  # fmt: skip
    """Rows of several versions on the newest one's columns, or the refusal: files of
    frameworks that are not one version and the version it revises cannot be compared."""
    target = newest([f for f, _ in frameworks])
    if target is None:
        apart = [(x, y) for x in frameworks for y in frameworks
                 if x is not y and not revises(x[0], y[0]) and not revises(y[0], x[0])]
        (first, first_file), (other, file) = apart[0] if apart else frameworks[:2]
        raise mismatch(first, first_file, other, file)
    older = tuple(f for f, _ in frameworks if f is not target)
    a = across(target, older, by)
    return target, a.columns, [remap(row, used, a) for row, used in rows], older


def newest(frameworks: Sequence[Framework]) -> Framework | None:
    """The version that revises every other one given, if there is one."""
    for f in frameworks:
        if all(g is f or revises(f, g) for g in frameworks):
            return f
    return None


def across(target: Framework, older: Sequence[Framework], by: str) -> Across:
    revisions = tuple(revision(old, target) for old in older)
    columns = [_marked(col, revisions, by) for col in columns_for(target, by)]
    seen = {col.id for col in columns}
    for rev in revisions:
        for col in columns_for(rev.old, by):
            if col.id not in seen and _dropped(col.id, rev, by):
                seen.add(col.id)
                columns.append(replace(col, mark=DROPPED, note=(
                    f"dropped in version {target.version}: only files recorded against "
                    f"version {rev.old.version} have it")))  # fmt: skip
    sources = {rev.old.hash: {col.id: rev.one_to_one(col.id) for col in columns}
               for rev in revisions}  # fmt: skip
    return Across(target, revisions, tuple(columns), sources)


def _dropped(ident: str, rev: Revision, by: str) -> bool:
    if by == "criterion":
        return rev.fates[ident].kind == DROPPED
    return ident not in {col.id for col in columns_for(rev.new, by)}


def _marked(col: Column, revisions: Sequence[Revision], by: str) -> Column:
    for rev in revisions:
        old = rev.old.version
        if by != "criterion":
            if col.id not in {c.id for c in columns_for(rev.old, by)}:
                return replace(col, mark=NEW, note=f"new in version {rev.new.version}")
            if _members(rev, col.id):
                return replace(col, mark=CHANGED, note=(
                    f"its criteria differ between versions {old} and {rev.new.version}: files "
                    f"recorded against version {old} have no like-for-like score for it"))
            continue
        sources = rev.sources_of(col.id)
        if not sources:
            return replace(col, mark=NEW, note=(
                f"new in version {rev.new.version}: files recorded against version {old} "
                "have no score for it"))  # fmt: skip
        source = rev.one_to_one(col.id)
        if source is None:
            kind = rev.fates[sources[0]].kind
            how = {SPLIT: "split from", MERGED: "merged from"}.get(kind, "made from")
            return replace(col, mark=CHANGED, note=(
                f"{how} {' and '.join(sources)} of version {old}: files recorded against "
                f"version {old} have no like-for-like score for it"))  # fmt: skip
        if source != col.id:
            return replace(col, mark=MOVED, note=(
                f"was {source} in version {old}: files recorded against version {old} show "
                f"their {source} score here"))  # fmt: skip
        if _reworded(rev.old.criteria_by_id[source], rev.new.criteria_by_id[col.id]):
            return replace(col, note=(
                f"the same criterion, its wording or indicators changed in version "
                f"{rev.new.version} (laaeval diff shows how): scores of both versions are shown"))
    return col


def _reworded(a: Criterion, b: Criterion) -> bool:
    return (a.text != b.text or [(i.id, i.text) for i in a.indicators]
            != [(i.id, i.text) for i in b.indicators])  # fmt: skip


def _members(rev: Revision, group: str) -> bool:
    """Whether a level or aspect (at any depth) holds different criteria in the two
    versions."""
    def ids(f: Framework) -> set[str]:
        found = f.groups_by_id.get(group)
        return {c.id for c in found.criteria} if found is not None else set()

    mapped = set()
    for old_id in ids(rev.old):
        fate = rev.fates[old_id]
        mapped.add(fate.new[0] if fate.kind in ("same", RENAMED) else f"~{old_id}")
    return mapped != ids(rev.new)


def remap(row: PilotRow, used: Framework, a: Across) -> PilotRow:
    """A row on the newer version's columns (and the dropped ones at the end)."""
    rev = next((r for r in a.revisions if r.old.hash == used.hash), None)
    by_criterion = bool(a.columns) and a.columns[0].id in a.target.criteria_by_id
    cells = {}
    for col in a.columns:
        if rev is None:  # a file of the newer version
            cells[col.id] = ABSENT if col.mark == DROPPED else row.cells[col.id]
        elif col.mark == DROPPED:
            cells[col.id] = row.cells.get(col.id, ABSENT)
        elif not by_criterion:  # a level or aspect: the same id, and the same criteria
            cells[col.id] = ABSENT if col.mark else row.cells.get(col.id, ABSENT)
        else:
            source = a.sources[used.hash][col.id]
            cells[col.id] = row.cells[source] if source else ABSENT
    ratings = row.ratings
    if rev is not None:
        ratings = {new: row.ratings[old] for old, fate in rev.fates.items()
                   if old in row.ratings and fate.kind in ("same", RENAMED)
                   for new in fate.new}  # fmt: skip
    return replace(row, cells=cells, ratings=ratings)


def legend(columns: Sequence[Column]) -> list[str]:
    """What each mark means, column by column, and the cell that shows no score."""
    marked = [col for col in columns if col.mark]
    reworded = [col.id for col in columns if col.note and not col.mark]
    if not marked and not reworded:
        return []
    lines = [f"{col.id}{SYMBOLS[col.mark]} {col.note}" for col in marked]
    if reworded:
        lines.append(f"{', '.join(reworded)}: the same criteria, with their wording or "
                     "indicators changed (laaeval diff shows how); both versions' scores shown")
    lines.append("· no score to compare: the version the file was recorded against has no "
                 "such column, or none like for like")
    return lines
