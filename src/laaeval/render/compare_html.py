"""The comparison as one self-contained HTML page: a heatmap, the matrix with its exact
numbers, and the programme view, trends and agreement. Printed on A4 landscape."""

from __future__ import annotations

from typing import Any

from ..report import svg
from ..report.html import band_style, environment
from ..text import coverage_pct, fmt_score
from .compare_common import View, band_code, several_assessors
from .compare_text import agreement_lines, band_lines, cell_text, shortfall_lines, trend_lines

TEMPLATE = "compare.html.j2"


def render(v: View) -> str:
    from ..report.views import report_date

    c = v.comparison
    rows = [r for _, section in v.sections for r in section]
    context: dict[str, Any] = {
        "c": c,
        "v": v,
        "generated": report_date(),
        "keys": [col.id for col in c.columns],
        "heatmap": svg.comparison_heatmap(c, rows) if rows else None,
        "with_assessor": several_assessors(c),
        "cell_text": cell_text,
        "band_code": band_code,
        "band_style": band_style,
        "score": fmt_score,
        "coverage": lambda cell: coverage_pct(cell.judged, cell.total),
        "lists": [
            ("Bands across pilots", list(band_lines(c))),
            ("Least evidenced: the questions to ask first", list(shortfall_lines(v))),
            ("Changes between rounds", [line for t in v.trends for line in trend_lines(t)]),
            ("Agreement between assessors",
             [line for a in v.agreements for line in agreement_lines(a)]),
            ("Files left out", [e.one_line() for e in c.skipped]),
        ],
    }  # fmt: skip
    return environment("laaeval").get_template(TEMPLATE).render(context)
