"""The comparison as one self-contained HTML page: a heatmap, the matrix with its exact
numbers, and the programme view, trends and agreement. Printed on A4 landscape.

A wide comparison (41 criteria) is laid out in parts of a few columns each, heatmap and
table alike, every part naming the pilots in full: so every column reaches paper, in type
no smaller than 8 points, and a table that runs over a page repeats its header."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Any

from ...report.html import band_style, environment
from ...report.views import report_date
from ...text import coverage_pct
from ..views import View, band_code
from .heatmap import comparison_heatmap, parts
from .lines import (
    cell_text,
    column_label,
    column_titles,
    legend_parts,
    mean_rows,
    means_note,
    other_views,
    pass_text,
)

TEMPLATE = "compare.html.j2"
TITLES = {"versions": "Across versions", "bands": "Bands across pilots",
          "least": "Least evidenced: the questions to ask first",
          "changes": "Changes between rounds", "agreement": "Agreement between assessors",
          "skipped": "Files left out"}  # fmt: skip


def render(v: View) -> str:
    return "".join(chunks(v))


def chunks(v: View) -> Iterator[str]:
    """The page a piece at a time, as Jinja writes it (the same text as :func:`render`):
    each heatmap is drawn, and each matrix row written, only as the page reaches it."""
    c = v.comparison
    rows = [r for _, section in v.sections for r in section]
    keys = [col.id for col in c.columns]
    chunks = parts(keys)
    names = [f"{v.name(r)} ({r.round})" for r in rows]
    partly = c.by == "criterion"
    context: dict[str, Any] = {
        "c": c,
        "v": v,
        "generated": report_date(),
        "labels": {col.id: column_label(col) for col in c.columns},
        "titles": column_titles(c),
        "parts": [
            {"keys": chunk, "label": _label(c.by, chunk, n, len(chunks)),
             "drawn": bool(rows and chunk),
             "heatmap": functools.partial(comparison_heatmap, c, rows, names, chunk),
             "means": mean_rows(c, chunk)}
            for n, chunk in enumerate(chunks)
        ],
        "legend": legend_parts(c),
        "means_note": means_note(c),
        "name": v.name,
        "cell_text": lambda cell: cell_text(cell, partly),
        "overall_text": cell_text,
        "band_code": band_code,
        "band_style": band_style,
        "coverage": lambda cell: coverage_pct(cell.judged, cell.total),
        "gated": c.gated,
        "pass_text": pass_text,
        "lists": [(TITLES[kind], lines) for kind, lines in other_views(v)],
    }  # fmt: skip
    return environment("laaeval.compare").get_template(TEMPLATE).generate(context)


def _label(by: str, chunk: list[str], n: int, count: int) -> str:
    if count == 1 or not chunk:
        return ""
    return f"part {n + 1} of {count}: {chunk[0]} to {chunk[-1]}"
