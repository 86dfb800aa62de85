"""GitHub-flavoured Markdown, readable as plain text too: the score table (``laaeval score
--format markdown``) and the report, which has the same content as the HTML report, for a
wiki, a pull request or a word processor.

Every user string is escaped (table cells cannot break their table; no text can become
a link, HTML, or a heading), and only http and https addresses are written as links.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Iterator, Sequence

from ..scoring.score import NOT_APPLICABLE, STRENGTHS, Assessment, CriterionScore, GroupScore
from ..text import fmt_coverage, fmt_score, md_escape, md_line, plural
from .rows import Row, flags, gaps_summary, group_label, table_rows
from .views import (
    AspectView,
    CriterionView,
    EvidenceEntry,
    PilotView,
    Said,
    pilot_views,
    rating_text,
    reading_notes,
    report_date,
    report_title,
    strength_counts,
)

Cell = str | None  # None: a cell left empty by design, written "| |"


def table(header: Sequence[str], align: str, rows: Iterable[Sequence[Cell]]) -> list[str]:
    """A Markdown table: ``align`` has a letter per column, ``l`` or ``r``; a cell of None
    is left empty (an empty text is a value that happens to be empty)."""
    rule = "".join("--:|" if a == "r" else "---|" for a in align)
    return [_row(header), f"|{rule}", *(_row(row) for row in rows)]


def _row(cells: Sequence[Cell]) -> str:
    return "|" + "".join(" |" if cell is None else f" {cell} |" for cell in cells)


def bullets(lines: Iterable[str]) -> list[str]:
    return [f"- {md_escape(line)}" for line in lines]


# -- the score table ---------------------------------------------------------------------


def render_scores(assessments: Sequence[Assessment]) -> str:
    return "\n".join(_scores(a) for a in assessments)


def _scores(a: Assessment) -> str:
    record, framework = a.record, a.framework
    lines = [f"## {md_escape(record.pilot.name)} — {md_escape(record.pilot.round)}", ""]
    details = [f"Framework: {md_escape(framework.title)} ({framework.id} version "
               f"{md_escape(framework.version)})"]  # fmt: skip
    if record.assessor:
        details.append(f"Assessor: {md_escape(record.assessor)}")
    lines += [f"- {d}" for d in details] + [""]
    header = ("ID", "Criterion", "Judged", "Score", "Band", "Evidence", "Flags")
    lines += table(header, "llrrlll", (_score_row(row) for row in table_rows(a)))
    gaps = gaps_summary(a)
    if gaps:
        lines += ["", *bullets(gaps)]
    return "\n".join(lines) + "\n"


def _score_row(row: Row) -> list[Cell]:
    if row.kind == "heading":
        return [None, f"**{md_escape(row.title)}**", *[None] * 5]
    c = row.criterion
    if c is not None:
        if not c.applicable:
            return [c.id, md_escape(c.text), None, None, None, "not applicable", None]
        return [c.id, md_escape(c.text), f"{c.judged}/{c.total}", fmt_score(c.score),
                _band_dash(c), c.strength, flags(c)]  # fmt: skip
    g = row.group
    assert g is not None
    contested = f"{g.contested} contested" if g.contested else ""
    return [None, f"**{md_escape(group_label(g))}**", f"{g.judged}/{g.total}",
            f"**{fmt_score(g.score)}**", _band_dash(g), None, contested]  # fmt: skip


def _band_dash(g: GroupScore | CriterionScore) -> str:
    return md_escape(g.band.label) if g.band else "–"


# -- the report --------------------------------------------------------------------------


def render_report(assessments: Sequence[Assessment], generated: str | None = None) -> str:
    views = pilot_views(assessments)
    d = 1 if len(views) > 1 else 0  # each pilot gets a heading of its own when several
    lines = [f"# {md_escape(report_title(assessments))}", ""]
    lines += [f"Generated on {generated or report_date()} by laaeval. Every score comes from "
              "the ratings and evidence set out below.", ""]  # fmt: skip
    for view in views:
        lines += _pilot(view, d)
    return "\n".join(lines).rstrip("\n") + "\n"


def _h(level: int, text: str) -> list[str]:
    return [f"{'#' * level} {text}", ""]


def _band(g: GroupScore | CriterionScore) -> str:
    return md_escape(g.band.label) if g.band else "no band"


def _pilot(view: PilotView, d: int) -> list[str]:
    a = view.assessment
    lines: list[str] = []
    if d:
        pilot = a.record.pilot
        lines += _h(1 + d, f"{md_escape(pilot.name)} ({md_escape(pilot.round)})")
    lines += [f"- **{md_escape(label)}:** {md_escape(value)}" for label, value in view.details]
    lines.append("")
    lines += _summary(view, d)
    lines += _h(2 + d, "How to read this report")
    for note in reading_notes(a.framework):
        lines += [md_line(note), ""]
    lines += _glance(view, d)
    for aspect in view.aspects:
        lines += _h(2 + d, md_escape(aspect.group.title))
        lines += [_verdict(aspect.group), ""]
        for level in aspect.levels:
            lines += _h(3 + d, md_escape(level.group.title))
            lines += [_verdict(level.group), ""]
            for cv in level.criteria:
                lines += _criterion(cv, 4 + d, a.framework.scale_max)
        for cv in aspect.criteria:
            lines += _criterion(cv, 3 + d, a.framework.scale_max)
    return lines


def _summary(view: PilotView, d: int) -> list[str]:
    a = view.assessment
    g = a.overall
    lines = _h(2 + d, "Summary")
    lines += [f"Overall score **{fmt_score(g.score)}**, band **{_band(g)}**, with {g.judged} "
              f"of {g.total} applicable indicators judged ({fmt_coverage(g.judged, g.total)} "
              "coverage).", ""]  # fmt: skip
    header = ["Part of the framework", "Score", "Band", "Judged", "Coverage",
              *(f"{s.capitalize()} (criteria)" for s in reversed(STRENGTHS)),
              "Contested criteria", "Ratings without evidence"]  # fmt: skip
    lines += table(header, "lrlrrrrrrrr", _summary_rows(view))
    lines.append("")
    missing = gaps_summary(a)
    if missing:
        lines += ["**Still missing or in dispute:**", "", *bullets(missing), ""]
    return lines


def _summary_rows(view: PilotView) -> Iterator[list[Cell]]:
    titles = {aspect.group.id: aspect.group.title for aspect in view.aspects}
    current = ""
    for depth, group in view.summary:
        if depth == 1:
            current = titles.get(group.id, group.title)
        name = {0: "**Overall**", 1: f"**{md_escape(group.title)}**",
                2: f"{md_escape(current)} › {md_escape(group.title)}"}[depth]  # fmt: skip
        counts = [str(group.strength[s]) for s in reversed(STRENGTHS)]
        yield [name, fmt_score(group.score), _band(group), f"{group.judged}/{group.total}",
               fmt_coverage(group.judged, group.total), *counts, str(group.contested),
               str(group.unsupported)]  # fmt: skip


def _glance(view: PilotView, d: int) -> list[str]:
    header = ("ID", "Criterion", "Score", "Band", "Judged", "Coverage", "Evidence", "Flags")
    rows = _glance_rows(view)
    return [*_h(2 + d, "All criteria at a glance"), *table(header, "llrlrrll", rows), ""]


def _glance_rows(view: PilotView) -> Iterator[list[Cell]]:
    for aspect in view.aspects:
        yield [None, f"**{md_escape(aspect.group.title)}**", *[None] * 6]
        for cv in _criteria_of(aspect):
            c = cv.score
            if not c.applicable:
                yield [md_escape(c.id), md_escape(c.text), *[None] * 4, "not applicable", None]
                continue
            yield [md_escape(c.id), md_escape(c.text), fmt_score(c.score), _band(c),
                   f"{c.judged}/{c.total}", fmt_coverage(c.judged, c.total), c.strength,
                   flags(c)]  # fmt: skip


def _criteria_of(aspect: AspectView) -> Iterator[CriterionView]:
    for level in aspect.levels:
        yield from level.criteria
    yield from aspect.criteria


def _verdict(g: GroupScore) -> str:
    if not g.criteria_applicable:
        return "Nothing here applies to this pilot."
    contested = ""
    if g.contested:
        contested = f"; {plural(g.contested, 'contested criterion', 'contested criteria')}"
    return (
        f"Score **{fmt_score(g.score)}**, band **{_band(g)}**; {g.judged} of {g.total} "
        f"applicable indicators judged ({fmt_coverage(g.judged, g.total)}); strength of "
        f"evidence: {strength_counts(g)}{contested}."
    )


def _criterion(cv: CriterionView, h: int, scale_max: int) -> list[str]:
    c = cv.score
    lines = _h(h, f"{md_escape(c.id)} {md_escape(c.text)}")
    if not c.applicable:
        return [*lines, f"Not applicable: {md_escape(c.not_applicable_reason)}.", ""]
    lines += [_criterion_verdict(c), ""]
    lines += _indicators(c, scale_max)
    lines += _contested(cv, h + 1)
    lines += _evidence(cv, h + 1)
    if cv.gaps:
        lines += _h(h + 1, "Sources of evidence still to consult")
        for gap in cv.gaps:
            types = f" ({md_escape('; '.join(gap.types))})" if gap.types else ""
            lines.append(f"- {md_line(gap.text)}{types}")
        lines.append("")
    return lines


def _criterion_verdict(c: CriterionScore) -> str:
    extra = ""
    if c.contested:
        extra += "; **contested**"
    if c.unsupported:
        n = c.unsupported
        extra += f"; **{plural(n, 'rating')} with no evidence behind {'it' if n == 1 else 'them'}**"
    return (
        f"Score **{fmt_score(c.score)}**, band **{_band(c)}**; {c.judged} of {c.total} judged "
        f"({fmt_coverage(c.judged, c.total)}); evidence: {c.strength}{extra}."
    )


def _indicators(c: CriterionScore, scale_max: int) -> list[str]:
    rows, notes = [], []
    for i in c.indicators:
        text = "Judged directly (this criterion has no indicators)" if i.direct else i.text
        evidence = i.strength
        if i.contested:
            evidence += "; contested"
        if i.unsupported:
            evidence += "; rated with no evidence"
        rows.append([md_escape(i.id), md_escape(text), md_escape(rating_text(i, scale_max)),
                     fmt_score(i.score), evidence])  # fmt: skip
        if i.rationale:
            notes.append(f"- **{md_escape(i.id)}:** {md_escape(i.rationale)}")
        if i.status == NOT_APPLICABLE and i.not_applicable_reason:
            notes.append(f"- **{md_escape(i.id)}** not applicable: "
                         f"{md_escape(i.not_applicable_reason)}")  # fmt: skip
    lines = [*table(("ID", "Indicator", "Rating", "Score", "Evidence"), "lllrl", rows), ""]
    if notes:
        lines += ["Rationales:", "", *notes, ""]
    return lines


def _contested(cv: CriterionView, h: int) -> list[str]:
    if not cv.contested:
        return []
    lines = _h(h, "Contested points")
    for point in cv.contested:
        lines += [f"{md_escape(point.indicator.id)}: who supports it and who challenges it.", ""]
        # Side by side, one row per pair: what each side said stays in its own column.
        pairs = itertools.zip_longest(map(_said, point.supports), map(_said, point.challenges),
                                      fillvalue="")  # fmt: skip
        lines += [*table(("Supports", "Challenges"), "ll", pairs), ""]
    return lines


def _said(s: Said) -> str:
    return f"**{md_escape(s.perspective)}** ({md_escape(s.item_id)}): {md_escape(s.summary)}"


def _evidence(cv: CriterionView, h: int) -> list[str]:
    if not cv.evidence:
        return ["No evidence recorded yet.", ""]
    lines = _h(h, "Evidence, by perspective")
    for group in cv.evidence:
        lines += [f"**{md_escape(group.label)}**", ""]
        for entry in group.entries:
            lines += _item(entry)
    return lines


def _item(entry: EvidenceEntry) -> list[str]:
    item = entry.item
    kind = f" ({entry.kind})" if entry.kind else ""
    when = f", {md_escape(item.date)}" if item.date else ""
    stances = ", ".join(f"{md_escape(unit)} ({stance})" for unit, stance in entry.stances)
    head = (f"- **{md_escape(item.id)}** {md_escape(entry.source_label)}{kind}{when}: "
            f"bears on {stances}.")  # fmt: skip
    lines = [head, "", f"  {md_line(item.summary)}", ""]
    if item.quote:
        lines += [f"  > “{md_escape(item.quote)}”", ""]
    where = []
    if item.reference:
        where.append(f"Where: {md_escape(item.reference)}")
    if item.link:
        shown = f"<{entry.link}>" if entry.link else (
            f"{md_escape(item.link)} (not a web address, so not made a link)")  # fmt: skip
        where.append(f"Link: {shown}")
    if where:
        lines += [f"  {'. '.join(where)}", ""]
    return lines
