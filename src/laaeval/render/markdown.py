"""The tabulated assessment as GitHub-flavoured Markdown, safe whatever the evidence says."""

from __future__ import annotations

from collections.abc import Sequence

from ..scoring.score import Assessment
from ..text import fmt_score, md_escape
from .rows import flags, gaps_summary, table_rows


def render(assessments: Sequence[Assessment]) -> str:
    return "\n".join(_one(a) for a in assessments)


def _one(a: Assessment) -> str:
    record, framework = a.record, a.framework
    lines = [f"## {md_escape(record.pilot.name)} — {md_escape(record.pilot.round)}", ""]
    details = [f"Framework: {md_escape(framework.title)} ({framework.id} version "
               f"{md_escape(framework.version)})"]  # fmt: skip
    if record.assessor:
        details.append(f"Assessor: {md_escape(record.assessor)}")
    lines += [f"- {d}" for d in details] + [""]
    lines.append("| ID | Criterion | Judged | Score | Band | Evidence | Flags |")
    lines.append("|---|---|--:|--:|---|---|---|")
    for row in table_rows(a):
        if row.kind == "heading":
            lines.append(f"| | **{md_escape(row.title)}** | | | | | |")
        elif row.criterion is not None:
            c = row.criterion
            if not c.applicable:
                lines.append(f"| {c.id} | {md_escape(c.text)} | | | | not applicable | |")
                continue
            band = c.band.label if c.band else "–"
            lines.append(
                f"| {c.id} | {md_escape(c.text)} | {c.judged}/{c.total} | {fmt_score(c.score)} "
                f"| {band} | {c.strength} | {flags(c)} |"
            )
        elif row.group is not None:
            g = row.group
            label = {"level": f"{g.title} subtotal", "aspect": f"{g.title}: total",
                     "overall": "Overall"}[row.kind]  # fmt: skip
            band = g.band.label if g.band else "–"
            contested = f"{g.contested} contested" if g.contested else ""
            lines.append(
                f"| | **{md_escape(label)}** | {g.judged}/{g.total} | **{fmt_score(g.score)}** "
                f"| {band} | | {contested} |"
            )
    gaps = gaps_summary(a)
    if gaps:
        lines += ["", *[f"- {md_escape(line)}" for line in gaps]]
    return "\n".join(lines) + "\n"
