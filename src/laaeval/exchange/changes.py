"""What an import changed in the evidence file it updated, in words."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..model.evidence import EvidenceFile, item_data, to_data

LISTED = 8  # ids named before "and N more"


@dataclass(frozen=True)
class Changes:
    items_added: tuple[str, ...] = ()
    items_changed: tuple[str, ...] = ()
    items_removed: tuple[str, ...] = ()
    judgements_added: tuple[str, ...] = ()
    judgements_changed: tuple[str, ...] = ()
    judgements_removed: tuple[str, ...] = ()
    details: tuple[str, ...] = ()  # the other parts that changed: "pilot details", "caveats"…

    @property
    def none(self) -> bool:
        return not any(vars(self).values())

    def lines(self) -> list[str]:
        out = []
        items = _kinds(self.items_added, self.items_changed, self.items_removed)
        if items:
            out.append("Evidence items " + "; ".join(items) + ".")
        judged = _kinds(self.judgements_added, self.judgements_changed,
                        self.judgements_removed)  # fmt: skip
        if judged:
            out.append("Judgements " + "; ".join(judged) + ".")
        if self.details:
            out.append("Also changed: " + ", ".join(self.details) + ".")
        return out


def _kinds(added: tuple[str, ...], changed: tuple[str, ...],
           removed: tuple[str, ...]) -> list[str]:  # fmt: skip
    return [f"{word} {len(ids)} ({_ids(ids)})" for word, ids in
            (("added", added), ("changed", changed), ("removed", removed)) if ids]  # fmt: skip


def _ids(ids: tuple[str, ...]) -> str:
    shown = ", ".join(ids[:LISTED])
    return shown + (f" and {len(ids) - LISTED} more" if len(ids) > LISTED else "")


def changes(before: EvidenceFile | None, after: EvidenceFile) -> Changes:
    """Everything ``after`` says differently from ``before`` (None: a new file)."""
    if before is None:
        return Changes(items_added=tuple(i.id for i in after.evidence),
                       judgements_added=tuple(after.judgements))  # fmt: skip
    old_items = {i.id: item_data(i) for i in before.evidence}
    new_items = {i.id: item_data(i) for i in after.evidence}
    old_data, new_data = to_data(before), to_data(after)
    return Changes(
        *_diff(old_items, new_items),
        *_diff(old_data["judgements"], new_data["judgements"]),
        details=tuple(_details(old_data, new_data)),
    )


def _diff(old: Mapping[str, Any], new: Mapping[str, Any]) -> tuple[tuple[str, ...], ...]:
    added = tuple(k for k in new if k not in old)
    changed = tuple(k for k in new if k in old and new[k] != old[k])
    removed = tuple(k for k in old if k not in new)
    return added, changed, removed


_DETAILS = (("pilot", "the pilot's details"), ("assessor", "the assessor"),
            ("method", "the method"), ("caveats", "the caveats"), ("notes", "the notes"),
            ("narrative", "the narrative"), ("created", "when it was started"))  # fmt: skip


def _details(old: Mapping[str, Any], new: Mapping[str, Any]) -> list[str]:
    return [words for key, words in _DETAILS if old.get(key) != new.get(key)]

