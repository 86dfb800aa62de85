"""One framework version against the version it revises: what became of every criterion
and indicator of the older one (its *fate*), worked out from the newer version's crosswalk
(:mod:`.crosswalk`), or, where there is none, by matching ids.

``migrate``, ``diff`` and ``compare`` all read a :class:`Revision`; the checks here (old ids
that exist, nothing lost without a word) are the ones ``validate`` makes of a crosswalk.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..errors import LaaevalError, UsageError, shorten, unknown
from ..files import schema, yamlio
from .catalogue import available
from .crosswalk import DROPPED, MERGED, NEW, RENAMED, SPLIT, Change, old_side_key
from .framework import Framework

SAME = "same"  # the same id in both versions, no entry naming it


@dataclass(frozen=True)
class Fate:
    """What became of one criterion or indicator of the older version."""

    kind: str  # same | renamed | split | merged | dropped
    new: tuple[str, ...]  # its successors (none when dropped)
    together: tuple[str, ...] = ()  # for merged: every old id merged with it
    note: str | None = None
    implied: bool = False  # follows from its criterion (renamed or dropped)


@dataclass(frozen=True)
class Revision:
    old: Framework
    new: Framework
    declared: bool  # from the newer version's crosswalk; False: ids matched as they are
    fates: Mapping[str, Fate]  # every criterion and indicator id of the older version
    added: tuple[str, ...]  # ids only the newer version has, criteria and indicators
    notes: Mapping[str, str] = field(default_factory=dict)  # new id -> why it is new

    def sources_of(self, new_id: str) -> list[str]:
        """The older ids whose fate leads to ``new_id``."""
        return [old for old, fate in self.fates.items() if new_id in fate.new]

    def one_to_one(self, new_id: str) -> str | None:
        """The one older id that became ``new_id`` unchanged or renamed, if there is one."""
        sources = self.sources_of(new_id)
        if len(sources) == 1 and self.fates[sources[0]].kind in (SAME, RENAMED):
            return sources[0]
        return None


def revises(new: Framework, old: Framework) -> bool:
    """Whether ``new`` says it revises exactly ``old``."""
    r = new.revises
    return (r is not None and r.id == old.id and r.version == old.version
            and (r.fingerprint is None or r.fingerprint == old.hash))  # fmt: skip


def revised_by(new: Framework) -> Framework:
    """The older version ``new`` revises, found as any framework is; one line if not."""
    r = new.revises
    if r is None:
        raise UsageError(f"{new.id} version {new.version} does not say which version it "
                         "revises (revises: {version: ...})", file=new.origin)  # fmt: skip
    data = _lines_of(new)
    line = yamlio.line_of(data, "revises") if data is not None else None
    found = [e.framework for e in available()
             if e.framework is not None and e.framework.id == r.id]  # fmt: skip
    matching = [f for f in found if f.version == r.version]
    if not matching:
        have = ", ".join(sorted({f.version for f in found})) or "none"
        raise UsageError(f"revises {r.id} version {shorten(r.version)}, which laaeval cannot "
                         f"find (versions of {r.id} found: {have}); put that version's file in "
                         "a frameworks folder or in LAAEVAL_FRAMEWORKS", file=new.origin,
                         line=line, path="revises")  # fmt: skip
    exact = [f for f in matching if r.fingerprint in (None, f.hash)]
    old = (exact or matching)[0]
    if r.fingerprint is not None and r.fingerprint != old.hash:
        raise UsageError(f"revises {r.id} version {r.version} with fingerprint "
                         f"{r.fingerprint[7:19]}, but the file found ({old.origin}) has "
                         f"fingerprint {old.hash[7:19]}: its text is not the text revised",
                         file=new.origin, line=line, path="revises › fingerprint")  # fmt: skip
    return old


def revision(old: Framework, new: Framework) -> Revision:
    """``new`` against ``old``: through ``new``'s crosswalk if it revises ``old``, else by
    matching ids. Raises the first problem with the crosswalk."""
    if not revises(new, old):
        return by_id(old, new)
    found, problems = declared(old, new)
    if problems:
        raise problems[0]
    return found


def check_revision(new: Framework) -> list[LaaevalError]:
    """Every problem with ``new``'s crosswalk that needs the older version to see, or the
    one line saying the older version cannot be found; none if it revises nothing."""
    if new.revises is None:
        return []
    try:
        old = revised_by(new)
    except LaaevalError as exc:
        return [exc]
    return declared(old, new)[1]


def by_id(old: Framework, new: Framework) -> Revision:
    """No crosswalk: an id in both versions is the same criterion or indicator."""
    new_ids = _ids(new)
    fates = {i: Fate(SAME, (i,)) if i in new_ids else Fate(DROPPED, ()) for i in _ids(old)}
    old_ids = set(fates)
    return Revision(old, new, False, fates, tuple(i for i in new_ids if i not in old_ids))


def declared(old: Framework, new: Framework) -> tuple[Revision, list[LaaevalError]]:
    """The crosswalk worked out, and every problem with it, each naming line and key path."""
    data = _lines_of(new)
    problems = schema.Problems(data if data is not None else {}, new.origin)

    def problem(message: str, container: Any, key: Any, path: list[Any]) -> None:
        problems.add(message, container, key, path)

    entries = (data or {}).get("crosswalk") or []
    old_ids, new_ids = _ids(old), _ids(new)
    fates: dict[str, Fate] = {}
    notes: dict[str, str] = {}
    for change in new.crosswalk:
        entry = entries[change.index] if change.index < len(entries) else {}
        _check_old_side(change, entry, old, old_ids, problem)
        if change.kind == NEW:
            if change.new[0] in old_ids:
                problem(f"{change.new[0]} is new, but version {old.version} has "
                        f"{change.new[0]} too; if it is the same, leave it out of the crosswalk",
                        entry, NEW, ["crosswalk", change.index, NEW])  # fmt: skip
            if change.note:
                notes[change.new[0]] = change.note
            continue
        for ident in change.old:
            together = change.old if change.kind == MERGED else ()
            fates[ident] = Fate(change.kind, change.new, together, change.note)
    _implied(old, new, fates)
    for ident in old_ids:
        if ident not in fates and ident in new_ids:
            fates[ident] = Fate(SAME, (ident,))
    _check_complete(old, new, fates, data, problem)
    declared_new = {c.new[0] for c in new.crosswalk if c.kind == NEW}
    reached = {n for fate in fates.values() for n in fate.new}
    added = tuple(i for i in new_ids if i not in reached)
    for ident in added:
        if ident in new.criteria_by_id and ident not in declared_new:
            problem(f"{ident} is not in version {old.version}, and the crosswalk does not say "
                    f"where it comes from: add - new: {ident} (or say what it was renamed, "
                    "split or merged from)", data, "crosswalk", ["crosswalk"])  # fmt: skip
    _check_one_source(fates, data, problem)
    ordered = {i: fates[i] for i in old_ids if i in fates}
    return Revision(old, new, True, ordered, added, notes), list(problems)


def _check_old_side(change: Change, entry: Any, old: Framework, old_ids: Mapping[str, Any],
                    problem: Any) -> None:  # fmt: skip
    key = old_side_key(change)
    for m, ident in enumerate(change.old):
        if ident in old_ids:
            continue
        listed = change.kind == MERGED
        container = entry.get(key) if listed and isinstance(entry, dict) else entry
        problem(unknown(f"criterion or indicator of version {old.version}", ident, old_ids),
                container, m if listed else key,
                ["crosswalk", change.index, key, *([m] if listed else [])])  # fmt: skip


def _implied(old: Framework, new: Framework, fates: dict[str, Fate]) -> None:
    """Indicators follow their criterion where it was renamed (OLD.n becomes NEW.n) or
    dropped, unless the crosswalk says otherwise."""
    units = new.units_by_id
    for criterion in old.criteria:
        fate = fates.get(criterion.id)
        if fate is None or fate.kind not in (RENAMED, DROPPED) or fate.implied:
            continue
        for indicator in criterion.indicators:
            if indicator.id in fates:
                continue
            if fate.kind == DROPPED:
                if indicator.id not in units:
                    fates[indicator.id] = Fate(DROPPED, (), note=fate.note, implied=True)
                continue
            prefix = criterion.id + "."
            if indicator.id.startswith(prefix):
                successor = fate.new[0] + "." + indicator.id[len(prefix):]
                if successor in units:
                    fates[indicator.id] = Fate(RENAMED, (successor,), implied=True)


def _check_complete(old: Framework, new: Framework, fates: Mapping[str, Fate], data: Any,
                    problem: Any) -> None:  # fmt: skip
    """Nothing of the older version may be lost without a word."""
    for ident in _ids(old):
        if ident not in fates:
            problem(f"{ident} of version {old.version} is not in this version, and the "
                    "crosswalk does not say what became of it: add it as renamed, split, "
                    "merged or dropped", data, "crosswalk" if data and "crosswalk" in data
                    else "revises", ["crosswalk" if data and "crosswalk" in data
                                     else "revises"])  # fmt: skip


def _check_one_source(fates: Mapping[str, Fate], data: Any, problem: Any) -> None:
    """Two older ids may become one only through one merged entry."""
    sources: dict[str, list[str]] = {}
    for old_id, fate in fates.items():
        for new_id in fate.new:
            sources.setdefault(new_id, []).append(old_id)
    for new_id, olds in sources.items():
        merged = {fates[o].together for o in olds}
        if len(olds) > 1 and not (len(merged) == 1 and set(olds) <= set(next(iter(merged)))):
            described = " and ".join(f"{o} ({_how(fates[o])})" for o in olds)
            problem(f"{new_id} would be both {described}; say what became of each, or list "
                    f"them as merged into {new_id}", data, "crosswalk", ["crosswalk"])


def _how(fate: Fate) -> str:
    return {SAME: "the same id", RENAMED: "renamed", SPLIT: "split",
            MERGED: "merged"}.get(fate.kind, fate.kind)  # fmt: skip


def _ids(f: Framework) -> dict[str, None]:
    """Every criterion and indicator id, in the framework's order."""
    out: dict[str, None] = {}
    for c in f.criteria:
        out[c.id] = None
        for i in c.indicators:
            out[i.id] = None
    return out


def _lines_of(f: Framework) -> Any:
    """The framework file read again with the line of every key, for messages."""
    try:
        return yamlio.load_path(f.origin)
    except LaaevalError:
        return None


__all__ = ["DROPPED", "MERGED", "NEW", "RENAMED", "SAME", "SPLIT", "Fate", "Revision"]
