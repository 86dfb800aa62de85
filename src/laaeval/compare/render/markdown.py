"""The comparison as GitHub-flavoured Markdown: the matrix, then the other views."""

from __future__ import annotations

from collections.abc import Iterator

from ...report.markdown import Cell, bullets, table
from ...text import coverage_pct, fmt_score, md_escape
from ..views import View, band_code, several_assessors
from .lines import cell_text, column_label, other_views

TITLES = {"versions": "Across versions", "bands": "Bands across pilots", "least": "Least evidenced",
          "changes": "Changes between rounds", "agreement": "Agreement between assessors",
          "skipped": "Left out"}  # fmt: skip


def render(v: View) -> str:
    c = v.comparison
    keys = [col.id for col in c.columns]
    codes = "; ".join(f"{band_code(b)} {md_escape(b.label)}" for b in c.framework.bands)
    out = [
        f"## Comparison by {c.by}: {c.framework.id} version {md_escape(c.framework.version)}",
        "",
        f"Cells show the score and band ({codes}); * marks a provisional score (too little "
        "judged for a band); v a verdict such as too early to say; n/a is not applicable; – is "
        "not yet scored" + ("; · no score to compare (see Across versions)" if c.older else "")
        + ".",
        "",
        *table(["Pilot", "Round", "Overall", "Coverage",
                *(md_escape(column_label(col)) for col in c.columns)], "llrr" + "r" * len(keys),
               _matrix(v, keys)),
    ]  # fmt: skip
    for kind, lines in other_views(v):
        if lines:
            out += ["", f"### {TITLES[kind]}", "", *bullets(line.strip() for line in lines)]
    return "\n".join(out) + "\n"


def _matrix(v: View, keys: list[str]) -> Iterator[list[Cell]]:
    c = v.comparison
    with_assessor = several_assessors(c)
    for heading, rows in v.sections:
        if heading:
            yield [f"**{md_escape(heading)}**", None, None, None, *[None] * len(keys)]
        for r in rows:
            coverage = coverage_pct(r.overall.judged, r.overall.total)
            cov = "–" if coverage is None else f"{coverage:.1f}%"
            name = r.pilot + (f" ({r.assessor})" if with_assessor and r.assessor else "")
            yield [md_escape(name), md_escape(r.round), cell_text(r.overall), cov,
                   *(cell_text(r.cells[k]) for k in keys)]  # fmt: skip
    summaries = c.summaries
    yield ["*Mean score*", None, fmt_score(summaries["overall"].mean), None,
           *(fmt_score(summaries[k].mean) for k in keys)]  # fmt: skip
    yield ["*Assessments with evidence*", None, None, None,
           *(f"{summaries[k].evidenced}/{summaries[k].applicable}" for k in keys)]  # fmt: skip
