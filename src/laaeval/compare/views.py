"""What every comparison renderer shows, worked out once from the Comparison."""

from __future__ import annotations

from dataclasses import dataclass

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


def view(c: Comparison, sort: str | None = None, group_by: str | None = None) -> View:
    rows = sort_rows(c.rows, sort) if sort else list(c.rows)
    sections: list[tuple[str | None, list[PilotRow]]] = (
        [(f"{group_by}: {name}", members) for name, members in groups(rows, group_by)]
        if group_by
        else [(None, rows)]
    )
    scale = [p.value for p in c.framework.scale]
    return View(c, sections, least_evidenced(c), trends(c.rows), agreements(c.rows, scale))


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
