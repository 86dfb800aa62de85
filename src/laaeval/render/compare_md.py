"""The comparison as GitHub-flavoured Markdown: the matrix, then the other views."""

from __future__ import annotations

from ..text import coverage_pct, fmt_score, md_escape
from .compare_common import View, band_code, several_assessors
from .compare_text import agreement_lines, band_lines, cell_text, shortfall_lines, trend_lines


def render(v: View) -> str:
    c = v.comparison
    keys = [col.id for col in c.columns]
    codes = "; ".join(f"{band_code(b)} {md_escape(b.label)}" for b in c.framework.bands)
    out = [
        f"## Comparison by {c.by}: {c.framework.id} version {md_escape(c.framework.version)}",
        "",
        f"Cells show the score and band ({codes}); n/a is not applicable; – is not yet scored.",
        "",
        "| Pilot | Round | Overall | Coverage | " + " | ".join(keys) + " |",
        "|---|---|--:|--:|" + "--:|" * len(keys),
    ]
    with_assessor = several_assessors(c)
    for heading, rows in v.sections:
        if heading:
            out.append(f"| **{md_escape(heading)}** | | | |" + " |" * len(keys))
        for r in rows:
            coverage = coverage_pct(r.overall.judged, r.overall.total)
            cov = "–" if coverage is None else f"{coverage:.1f}%"
            cells = " | ".join(cell_text(r.cells[k]) for k in keys)
            name = r.pilot + (f" ({r.assessor})" if with_assessor and r.assessor else "")
            out.append(
                f"| {md_escape(name)} | {md_escape(r.round)} | {cell_text(r.overall)} "
                f"| {cov} | {cells} |"
            )
    means = " | ".join(fmt_score(c.summaries[k].mean) for k in keys)
    out.append(f"| *Mean score* | | {fmt_score(c.summaries['overall'].mean)} | | {means} |")
    evidenced = " | ".join(f"{c.summaries[k].evidenced}/{c.summaries[k].applicable}" for k in keys)
    out.append(f"| *Assessments with evidence* | | | | {evidenced} |")
    sections = [
        ("Bands across pilots", list(band_lines(c))),
        ("Least evidenced", list(shortfall_lines(v))),
        ("Changes between rounds", [line for t in v.trends for line in trend_lines(t)]),
        (
            "Agreement between assessors",
            [line for a in v.agreements for line in agreement_lines(a)],
        ),
        ("Left out", [e.one_line() for e in c.skipped]),
    ]
    for title, lines in sections:
        if lines:
            out += ["", f"### {title}", ""]
            out += [f"- {md_escape(line.strip())}" for line in lines]
    return "\n".join(out) + "\n"
