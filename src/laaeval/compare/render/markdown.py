"""The comparison as GitHub-flavoured Markdown: the matrix, then the other views."""

from __future__ import annotations

from collections.abc import Iterator

from ...report.markdown import Cell, bullets, table
from ...text import coverage_pct, md_escape
from ..views import View
from .heatmap import parts
from .lines import (
    PASSES,
    cell_text,
    column_key,
    column_label,
    legend_parts,
    mean_rows,
    means_note,
    other_views,
    pass_text,
)

TITLES = {"versions": "Across versions", "bands": "Bands across pilots", "least": "Least evidenced",
          "changes": "Changes between rounds", "agreement": "Agreement between assessors",
          "skipped": "Left out"}  # fmt: skip


def render(v: View) -> str:
    c = v.comparison
    keys = [col.id for col in c.columns]
    labels = {col.id: column_label(col) for col in c.columns}  # PL7+, PA6← across versions
    legend = legend_parts(c)
    note = means_note(c)
    out = [
        f"## Comparison by {c.by}: {c.framework.id} version {md_escape(c.framework.version)}",
        "",
        f"Cells show the {md_escape(legend[0])}.",
        "",
        *bullets(legend[1:]),
        "",
    ]
    # In parts of a few columns, as the HTML is: a table of 45 columns is too wide for any
    # page, and a word processor splits its every cell letter by letter.
    chunks = parts(keys)
    for n, chunk in enumerate(chunks):
        if len(chunks) > 1:
            out += [*([""] if out[-1] else []),
                    f"**Part {n + 1} of {len(chunks)}: {chunk[0]} to {chunk[-1]}**", ""]
        passes = [PASSES] if c.gated else []
        out += table(["Pilot", "Round", "Overall", "Coverage", *passes,
                      *(md_escape(labels[k]) for k in chunk)],
                     "llrr" + "l" * len(passes) + "r" * len(chunk), _matrix(v, chunk))
    out += ["", md_escape(note)] if note else []  # fmt: skip
    key = column_key(c, md_escape)
    if key:  # a deep framework: what each column is and where it sits
        out += ["", "### Columns", "",
                *table(["ID", "Level"], "ll", ([md_escape(k), t] for k, t in key))]
    for kind, lines in other_views(v):
        if lines:
            out += ["", f"### {TITLES[kind]}", "", *bullets(line.strip() for line in lines)]
    return "\n".join(out) + "\n"


def _matrix(v: View, keys: list[str]) -> Iterator[list[Cell]]:
    c = v.comparison
    partly = c.by == "criterion"
    gated = c.gated
    for heading, rows in v.sections:
        if heading:
            yield [f"**{md_escape(heading)}**", None, None, None, *[None] * (gated + len(keys))]
        for r in rows:
            coverage = coverage_pct(r.overall.judged, r.overall.total)
            cov = "–" if coverage is None else f"{coverage:.1f}%"
            yield [md_escape(v.name(r)), md_escape(r.round), cell_text(r.overall), cov,
                   *([pass_text(r.passed)] if gated else []),
                   *(cell_text(r.cells[k], partly) for k in keys)]  # fmt: skip
    for title, overall, cells in mean_rows(c, keys):
        yield [f"*{title}*", None, overall or None, None, *[None] * gated,
               *(cells[k] for k in keys)]  # fmt: skip
