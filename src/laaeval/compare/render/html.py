"""The comparison as one self-contained HTML page: a heatmap, the matrix with its exact
numbers, and the programme view, trends and agreement. Printed on A4 landscape."""

from __future__ import annotations

from typing import Any

from ...report.html import band_style, environment
from ...report.views import report_date
from ...text import coverage_pct, fmt_score
from ..views import View, band_code, several_assessors
from .heatmap import comparison_heatmap
from .lines import cell_text, column_label, other_views

TEMPLATE = "compare.html.j2"
TITLES = {"versions": "Across versions", "bands": "Bands across pilots",
          "least": "Least evidenced: the questions to ask first",
          "changes": "Changes between rounds", "agreement": "Agreement between assessors",
          "skipped": "Files left out"}  # fmt: skip


def render(v: View) -> str:
    c = v.comparison
    rows = [r for _, section in v.sections for r in section]
    context: dict[str, Any] = {
        "c": c,
        "v": v,
        "generated": report_date(),
        "keys": [col.id for col in c.columns],
        "labels": {col.id: column_label(col) for col in c.columns},
        "heatmap": comparison_heatmap(c, rows) if rows else None,
        "with_assessor": several_assessors(c),
        "cell_text": cell_text,
        "band_code": band_code,
        "band_style": band_style,
        "score": fmt_score,
        "coverage": lambda cell: coverage_pct(cell.judged, cell.total),
        "lists": [(TITLES[kind], lines) for kind, lines in other_views(v)],
    }
    return environment("laaeval.compare").get_template(TEMPLATE).render(context)
