"""GitHub-flavoured Markdown, readable as plain text too: the score table (``laaeval score
--format markdown``) and the report, which has the same content as the HTML report, for a
wiki, a pull request or a word processor.

Every user string is escaped (table cells cannot break their table; no text can become
a link, HTML, or a heading), and only http and https addresses are written as links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from ..model.framework import Framework
from ..scoring.counts import judged_fraction
from ..scoring.result import NOT_APPLICABLE, Assessment, CriterionScore, GroupScore
from ..text import fmt_score, md_escape, md_line
from .rows import Row, gaps_summary, group_label, table_rows
from .views import (
    MET_BY_HEADING,
    AspectView,
    CriterionView,
    Digest,
    EvidenceEntry,
    PilotView,
    pilot_views,
    report_date,
    report_title,
)
from .words import (
    MET_BY_FLAG,
    about_text,
    band_text,
    criterion_sentence,
    flags,
    group_flags,
    group_sentence,
    inner_groups,
    judgement_text,
    quoted,
    score_units,
    short_strength,
    strength_text,
    summary_title,
)

Cell = str | None  # None: a cell left empty by design, written "| |"


def table(header: Sequence[str], align: str, rows: Iterable[Sequence[Cell]],
          page: int = 75) -> list[str]:  # fmt: skip
    """A Markdown table: ``align`` has a letter per column, ``l`` or ``r``; a cell of None
    is left empty (an empty text is a value that happens to be empty).

    The dashes under the header are as long as the column needs (a long text's column
    longest, within a page's width): pandoc, and so Word, sizes a wide table's columns
    by them, where equal dashes gave every column the same narrow share."""
    body = [_row(row) for row in rows]
    widths = [max(map(len, h.split()), default=1) for h in header]  # a heading can wrap
    for row in rows_seen(body):
        for n, cell in enumerate(row[: len(widths)]):
            widths[n] = max(widths[n], len(cell))
    dashes = _dashes(widths, page)
    rule = "".join(("-" * (d - 1) + ":|") if a == "r" else ("-" * d + "|")
                   for a, d in zip(align, dashes, strict=False))  # fmt: skip
    return [_row(header), f"|{rule}", *body]


def rows_seen(body: Sequence[str]) -> Iterator[list[str]]:
    """The cells of rows already written, split at unescaped pipes."""
    for line in body:
        yield [cell.strip() for cell in re.split(r"(?<!\\)\|", line)[1:-1]]


def _dashes(widths: Sequence[int], page: int = 75) -> list[int]:
    """Each column's share of a page of ``page`` characters (a page of Word holds about
    75), from what it holds: a short column (a score, a band, a heading's longest word)
    room for its longest entry and the cell's margins, so that no word is split letter
    by letter; the longer texts share what is left, and wrap at their spaces."""
    if sum(widths) + 3 * len(widths) <= page:
        return [max(3, w + 3) for w in widths]
    base = [max(5, w + 3) if w <= 16 else 0 for w in widths]
    longs = [w for w in widths if w > 16]
    room = max(page - sum(base), 18 * len(longs))
    return [b or max(18, round(room * w / sum(longs))) for b, w in zip(base, widths, strict=True)]


def _row(cells: Sequence[Cell]) -> str:
    return "|" + "".join(" |" if cell is None else f" {cell} |" for cell in cells)


def bullets(lines: Iterable[str]) -> list[str]:
    return [f"- {md_escape(line)}" for line in lines]


# -- the score table ---------------------------------------------------------------------


def render_scores(assessments: Sequence[Assessment]) -> str:
    return "".join(score_chunks(assessments))


def score_chunks(assessments: Iterable[Assessment]) -> Iterator[str]:
    """The score tables an assessment at a time, a blank line between them, so that
    ``score`` keeps only the one it is printing."""
    for n, a in enumerate(assessments):
        yield ("\n" if n else "") + flowed(_scores(a))  # line by line, as if joined


def _scores(a: Assessment) -> str:
    record, framework = a.record, a.framework
    lines = [f"## {md_escape(record.pilot.name)} — {md_escape(record.pilot.round)}", ""]
    details = [f"Framework: {md_escape(framework.title)} ({framework.id} version "
               f"{md_escape(framework.version)})"]  # fmt: skip
    if record.assessor:
        details.append(f"Assessor: {md_escape(record.assessor)}")
    lines += [f"- {d}" for d in details] + [""]
    header = ("ID", "Criterion", "Judged", "Score", "Band", "Evidence", "Flags")
    rows = (_score_row(row, framework) for row in table_rows(a))
    lines += table(header, "llrrlll", rows)
    gaps = gaps_summary(a)
    if gaps:
        lines += ["", *bullets(gaps)]
    return "\n".join(lines) + "\n"


def _score_row(row: Row, framework: Framework) -> list[Cell]:
    if row.kind == "heading":
        return [None, f"**{md_escape(row.title)}**", *[None] * 5]
    c = row.criterion
    if c is not None:
        if not c.applicable:
            return [c.id, md_escape(c.text), None, None, None, "not applicable", None]
        return [c.id, md_escape(c.text), judged_fraction(c), fmt_score(c.score),
                md_escape(band_text(c)), short_strength(c), flags(c)]  # fmt: skip
    g = row.group
    assert g is not None
    return [None, f"**{md_escape(group_label(g))}**", judged_fraction(g),
            f"**{fmt_score(g.score)}**", md_escape(band_text(g)), None,
            md_escape(group_flags(g, framework))]  # fmt: skip


# -- the report --------------------------------------------------------------------------


def render_report(assessments: Sequence[Assessment], generated: str | None = None) -> str:
    views = pilot_views(assessments)
    d = 1 if len(views) > 1 else 0  # each pilot gets a heading of its own when several
    lines = [f"# {md_escape(report_title(assessments))}", ""]
    lines += [f"Generated on {generated or report_date()} by laaeval. Every score comes from "
              "the judgements and evidence set out below.", ""]  # fmt: skip
    for view in views:
        lines += _pilot(view, d)
    return flowed("\n".join(lines).rstrip("\n") + "\n")


def _h(level: int, text: str) -> list[str]:
    return [f"{'#' * level} {text}", ""]


def _para(text: str | None, indent: str = "") -> list[str]:
    """A paragraph of the user's own text: escaped; a blank line starts a new paragraph,
    and a single line break is kept as a line break. Every line is indented by ``indent``
    (the continuation lines of a list item's paragraph line up under its first)."""
    if not text:
        return []
    out = []
    for paragraph in text.strip().split("\n\n"):
        out += [indent + kept(paragraph, indent), ""]
    return out


def kept(text: str | None, indent: str = "") -> str:
    """The user's text escaped, each of its line breaks kept as a Markdown hard break
    (a backslash at the end of the line), the lines after the first indented."""
    lines = [md_line(line) for line in (text or "").strip().splitlines() if line.strip()]
    return ("\\\n" + indent).join(lines)


WIDTH = 100  # the plain text wraps here, so that it reads in a terminal or an editor


def flowed(document: str, width: int = WIDTH) -> str:
    """Every paragraph and list item wrapped at ``width`` characters (tables and headings
    stay on their lines); a line that would begin with a mark that starts a block is
    escaped, so wrapping never makes a list, a heading or a quote."""
    import textwrap

    out = []
    for line in document.split("\n"):
        if len(line) <= width or line.startswith(("|", "#", "    ", "```")):
            out.append(line)
            continue
        hard = line.endswith("\\")
        body = line[:-1] if hard else line
        width_here = width - 1 if hard else width
        lead = re.match(r"^(\s*(?:[-*+] |> |\d+[.)] )?)", body).group(1)  # type: ignore[union-attr]
        rest = lead if ">" in lead else " " * len(lead)
        parts = textwrap.wrap(body[len(lead):], width_here - len(lead), break_long_words=False,
                              break_on_hyphens=False)  # fmt: skip
        for n, part in enumerate(parts):
            if n:
                part = _BLOCK_START.sub(r"\\\g<0>", part, count=1)
                part = _LIST_NUMBER.sub(r"\1\\\2", part, count=1)
            out.append((lead if n == 0 else rest) + part)
        if hard:
            out[-1] += "\\"
    return "\n".join(out)


_BLOCK_START = re.compile(r"^[#>+*=-]")
_LIST_NUMBER = re.compile(r"^(\d+)([.)])")


def _pilot(view: PilotView, d: int) -> list[str]:
    a = view.assessment
    lines: list[str] = []
    if d:
        pilot = a.record.pilot
        lines += _h(1 + d, f"{md_escape(pilot.name)} ({md_escape(pilot.round)})")
    lines += [f"- **{md_escape(label)}:** {md_escape(value)}" for label, value in view.details]
    lines.append("")
    lines += _summary(view, d)
    lines += _h(2 + d, "Method and caveats")
    for heading, paragraphs in view.method:
        lines += _h(3 + d, md_escape(heading))
        for paragraph in paragraphs:
            lines += _para(paragraph)
    lines += _glance(view, d)
    framework = a.framework
    for aspect in view.aspects:
        lines += _h(2 + d, md_escape(aspect.group.title))
        lines += _group_text(aspect.group, framework)
        for level in aspect.levels:
            lines += _h(3 + d, md_escape(level.group.title))
            lines += _group_text(level.group, framework)
            for cv in level.criteria:
                lines += _criterion(cv, 4 + d, framework)
        for cv in aspect.criteria:
            lines += _criterion(cv, 3 + d, framework)
    return lines


def _about(about: list[tuple[str, str]]) -> list[str]:
    """The framework's description and guidance, each line of it a paragraph."""
    lines = []
    for lead, text in about:
        for paragraph in text.strip().split("\n"):
            if paragraph.strip():
                bold = f"**{md_escape(lead.strip())}** " if lead else ""
                lines += [bold + md_line(" ".join(paragraph.split())), ""]
                lead = ""
    return lines


def _group_text(g: GroupScore, framework: Framework) -> list[str]:
    lines = _about(about_text(g))
    lines += [md_line(group_sentence(g, framework)), "", *_para(g.narrative)]
    inner = inner_groups(g, framework)
    if inner:
        lines += [f"{'  ' * depth}- **{md_escape(title)}:** {md_escape(sentence)}"
                  for depth, title, sentence in inner] + [""]
    return lines


def _summary(view: PilotView, d: int) -> list[str]:
    a = view.assessment
    g, framework = a.overall, a.framework
    lines = _h(2 + d, "Summary")
    lines += [f"**Overall:** {md_escape(group_sentence(g, framework))}", ""]
    lines += _para(g.narrative)
    header = ["Part of the framework", "Score", "Band", "Criteria scored", "Indicators judged",
              "Contested"]  # fmt: skip
    lines += table(header, "lrlrrr", _summary_rows(view))
    lines.append("")
    lines += _digest(view.digest, framework)
    return lines


def _summary_rows(view: PilotView) -> Iterator[list[Cell]]:
    current = ""
    for depth, group in view.summary:
        if depth == 1:
            current = group.title
        name = summary_title(depth, group.title, current, md_escape)
        name = "**Overall**" if depth == 0 else f"**{name}**" if depth == 1 else name
        yield [name, md_escape(score_units(group)), md_escape(band_text(group)),
               f"{group.criteria_scored}/{group.criteria_applicable}",
               judged_fraction(group), str(group.contested)]  # fmt: skip


def _digest(digest: Digest, framework: Framework) -> list[str]:
    def listed(title: str, criteria: Sequence[CriterionScore], say: object) -> list[str]:
        if not criteria:
            return []
        items = [f"- **{md_escape(c.id)}** {md_escape(c.text)}{say(c)}" for c in criteria]
        return [f"**{title}**", "", *items, ""]

    def scored(c: CriterionScore) -> str:
        return f" — {fmt_score(c.score)}, {md_escape(band_text(c))}"

    lines = listed("Strongest criteria", digest.strongest, scored)
    lines += listed("Weakest criteria", digest.weakest, scored)
    for label, criteria in digest.verdicts:
        lines += listed(md_escape(label), criteria, lambda c: "")
    if digest.disputes:
        lines += ["**Where people disagree**", ""]
        lines += [f"- **{md_escape(k.criterion.id)}** {md_escape(k.criterion.text)} — "
                  f"{md_escape(k.sides)}" for k in digest.disputes]  # fmt: skip
        lines.append("")
    if len(digest.unjudged) > 6:  # a long list of work to do: the ids are enough here
        ids = ", ".join(md_escape(c.id) for c in digest.unjudged)
        lines += ["**Not yet judged**", "", f"{len(digest.unjudged)} criteria: {ids}.", ""]
    else:
        lines += listed("Not yet judged", digest.unjudged, lambda c: "")
    lines += listed("Provisional scores (too little judged for a band)", digest.provisional,
                    scored)  # fmt: skip
    lines += listed(MET_BY_HEADING, digest.met_by, lambda c: f" — {MET_BY_FLAG[c.met_by]}")
    return lines


def _glance(view: PilotView, d: int) -> list[str]:
    # Four columns, the evidence and flags in italics after the criterion's text: a page
    # of Word is about 75 characters wide, and with seven columns it split them letter by
    # letter ("Scor e", "Amb er").
    header = ("Criterion", "Judged", "Score", "Band")
    rows = _glance_rows(view)
    return [*_h(2 + d, "All criteria at a glance"), *table(header, "llrl", rows), ""]


def _glance_rows(view: PilotView) -> Iterator[list[Cell]]:
    for aspect in view.aspects:
        yield [f"**{md_escape(aspect.group.title)}**", None, None, None]
        for cv in _criteria_of(aspect):
            c = cv.score
            text = f"**{md_escape(c.id)}** {md_escape(c.text)}"
            if not c.applicable:
                yield [text + " *(not applicable)*", "n/a", None, None]
                continue
            judged = "as a whole" if c.basis == "criterion" else judged_fraction(c)
            notes = "; ".join(n for n in (short_strength(c), flags(c)) if n)
            noted = f" *(evidence: {md_escape(notes)})*" if notes else ""
            yield [text + noted, judged, fmt_score(c.score), md_escape(band_text(c))]


def _criteria_of(aspect: AspectView) -> Iterator[CriterionView]:
    for level in aspect.levels:
        yield from level.criteria
    yield from aspect.criteria


def _criterion(cv: CriterionView, h: int, framework: Framework) -> list[str]:
    c = cv.score
    lines = _h(h, f"{md_escape(c.id)} {md_escape(c.text)}")
    lines += _about(about_text(framework.criteria_by_id[c.id]))
    if not c.applicable:
        return [*lines, md_line(criterion_sentence(c, framework)), ""]
    lines += [md_line(criterion_sentence(c, framework)), ""]
    if c.rationale:
        lines += [f"**Rationale:** {kept(c.rationale)}", ""]
    lines += _para(c.narrative)
    lines += _indicators(c, framework.scale_max)
    lines += _contested(cv, h + 1)
    lines += _evidence(cv, h + 1)
    if cv.gaps:
        lines += _h(h + 1, "Sources of evidence still to consult")
        for gap in cv.gaps:
            types = f" ({md_escape('; '.join(gap.types))})" if gap.types else ""
            lines.append(f"- {md_line(gap.text)}{types}")
        lines.append("")
    return lines


def _indicators(c: CriterionScore, scale_max: int) -> list[str]:
    """Each indicator as a list item: long text reads better as a list than in a table,
    in a terminal and in a word processor alike."""
    if len(c.indicators) == 1 and c.indicators[0].direct:
        i = c.indicators[0]
        return [f"Judged directly (this criterion has no indicators): "
                f"{md_escape(judgement_text(i, scale_max))}.", ""]  # fmt: skip
    lines = ["**Indicators**", ""]
    for i in c.indicators:
        evidence = strength_text(i) + ("; contested" if i.contested else "")
        evidence += "; rated with no evidence" if i.unsupported else ""
        head = (f"- **{md_escape(i.id)}** {md_escape(i.text)} — "
                f"{md_escape(judgement_text(i, scale_max))}; evidence: {evidence}.")  # fmt: skip
        more = []
        if i.rationale:
            more.append(f"  Rationale: {kept(i.rationale, '  ')}")
        if i.status == NOT_APPLICABLE and i.not_applicable_reason:
            more.append(f"  Not applicable: {md_escape(i.not_applicable_reason)}.")
        # Each on a line of its own: a hard break ends the line before.
        lines += [line + "\\" for line in [head, *more][:-1]] + [[head, *more][-1]]
    return [*lines, ""]


def _contested(cv: CriterionView, h: int) -> list[str]:
    if not cv.contested:
        return []
    heading = ("Where people disagree" if cv.score.contested
               else "Where views differ (the assessor finds no dispute)")  # fmt: skip
    lines = _h(h, heading)
    for point in cv.contested:
        what = "(the criterion as a whole)" if point.point == cv.score.id else point.text
        supports, challenges = point.sides
        lines.append(f"- **{md_escape(point.point)}** {md_escape(what)}: supported by "
                     f"{md_escape(supports)}; challenged by {md_escape(challenges)}.")  # fmt: skip
    return [*lines, ""]


def _evidence(cv: CriterionView, h: int) -> list[str]:
    if not cv.evidence:
        return ["No evidence recorded yet.", ""]
    lines = _h(h, "Evidence, by perspective")
    for group in cv.evidence:
        lines += [f"**{md_escape(group.label)}**", ""]
        for entry in group.entries:
            lines += _item(entry)
    return lines


def _stances(entry: EvidenceEntry) -> str:
    """ "supports PN3, PN3.2; challenges PN8" """
    return "; ".join(f"{stance} {', '.join(map(md_escape, points))}"
                     for stance, points in entry.by_stance)  # fmt: skip


def _item(entry: EvidenceEntry) -> list[str]:
    item = entry.item
    if entry.home:
        stances = _stances(entry)
        return [f"- **{md_escape(item.id)}** {md_escape(entry.who)}: {stances}; set out in full "
                f"under {md_escape(entry.home)}.", ""]  # fmt: skip
    sources = "; ".join(entry.source_labels)
    what = f"{md_escape(sources)} ({entry.kinds})" if sources else "synthesis"
    stances = _stances(entry)
    extent = f"; {md_escape(entry.extent)}" if entry.extent else ""
    head = f"- **{md_escape(item.id)}** {md_escape(entry.who)}, {what}{extent}: {stances}."
    # Each part a paragraph of the list item (indented, blank lines between), so that the
    # line breaks survive in a word processor and the plain text reads as it is laid out.
    lines = [head, "", *_para(item.summary, "  ")]
    if item.quote:
        lines += [f"  > {md_escape(quoted(item.quote))}", ""]
    where = [md_escape(entry.where)] if entry.where else []
    if item.link:
        where.append(f"<{entry.link}>" if entry.link else (
            f"{md_escape(item.link)} (not a web address, so not made a link)"))  # fmt: skip
    if where:
        lines += [f"  Where: {'; '.join(where)}.", ""]
    return lines
