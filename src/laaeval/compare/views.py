"""What every comparison renderer shows, worked out once from the Comparison."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model.framework import Band
from .agreement import Agreement, agreements
from .matrix import Comparison, PilotRow, Shortfall, groups, least_evidenced, sort_rows
from .rounds import Trend, trends


@dataclass(frozen=True)
class View:
    """A comparison as renderers lay it out: ordered (and perhaps grouped) rows, the
    programme view, the trends and any assessor agreement."""

    comparison: Comparison
    sections: list[tuple[str | None, list[PilotRow]]]  # (group heading, rows)
    shortfalls: list[Shortfall]
    trends: list[Trend]
    agreements: list[Agreement]
    names: dict[int, str] = field(default_factory=dict)  # id(row) → how the row is named

    def name(self, row: PilotRow) -> str:
        """The pilot's name, with its assessor where the same pilot and round were assessed
        by more than one (and the file, where even that does not tell them apart)."""
        return self.names.get(id(row), row.pilot)

    def full_name(self, row: PilotRow) -> str:
        """Name, round and assessor: "Wealdshire County Council — final — Dr P. Ramsay"."""
        parts = [self.name(row), row.round]
        if row.assessor and row.assessor not in parts[0]:
            parts.append(row.assessor)
        return " — ".join(parts)


def view(c: Comparison, sort: str | None = None, group_by: str | None = None) -> View:
    rows = sort_rows(c.rows, sort) if sort else list(c.rows)
    sections: list[tuple[str | None, list[PilotRow]]] = (
        [(f"{group_by}: {name}", members) for name, members in groups(rows, group_by)]
        if group_by
        else [(None, rows)]
    )
    scale = [p.value for p in c.framework.scale]
    return View(c, sections, least_evidenced(c), trends(c.rows), agreements(c.rows, scale),
                names_of(c.rows))  # fmt: skip


def names_of(rows: Sequence[PilotRow]) -> dict[int, str]:
    """How each row is named so that no two read the same: the pilot, then its assessor
    where one pilot and round has several files, then the file where that is not enough."""
    files: Counter[tuple[str, str]] = Counter()
    same: Counter[tuple[str, str, str]] = Counter()
    for r in rows:
        files[(r.pilot.casefold(), r.round.casefold())] += 1
        same[(r.pilot.casefold(), r.round.casefold(), (r.assessor or "").casefold())] += 1
    out = {}
    for r in rows:
        name = r.pilot
        if files[(r.pilot.casefold(), r.round.casefold())] > 1:
            name += f" ({r.assessor or 'no assessor named'})"
            if same[(r.pilot.casefold(), r.round.casefold(), (r.assessor or "").casefold())] > 1:
                name += f" [{os.path.basename(r.file) or 'no file'}]"
        out[id(r)] = name
    return out


def band_code(band: Band | None) -> str:
    """A short form of a band name for a narrow cell: Amber/Green → A/G, Red → R."""
    if band is None:
        return ""
    if band.short:
        return band.short
    return "/".join(part.strip()[:1].upper() for part in band.label.split("/"))


def several_assessors(c: Comparison) -> bool:
    seen: dict[tuple[str, str], set[str | None]] = {}
    for r in c.rows:
        seen.setdefault((r.pilot.casefold(), r.round.casefold()), set()).add(r.assessor)
    return any(len(s) > 1 for s in seen.values())


def signed(delta: float | None) -> str:
    return "–" if delta is None else f"{delta:+.1f}"
