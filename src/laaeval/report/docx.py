"""The report as a Word document (.docx), with the same content in the same order as the HTML
report: the one-page summary, the pilot's details, the method and its caveats, the charts,
every criterion at a glance, then each criterion in detail with its evidence set out once.

Headings are Word's own Heading 1 to 5, so the navigation pane and a table of contents work
(one is at the start, filled in when Word opens the document); tables write band names out
and tint them in the band's colour; the charts are pictures (report/charts.py); pages are
A4 and numbered in the footer. Everything said comes from report/views.py and words.py.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..scoring.counts import judged_fraction
from ..scoring.result import NOT_APPLICABLE, Assessment, CriterionScore, GroupScore
from ..text import fmt_score
from . import charts, svg, wordml
from .rows import gaps_summary, in_units
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
from .wordml import safe
from .words import (
    MET_BY_FLAG,
    about_text,
    band_text,
    criterion_sentence,
    flags,
    group_sentence,
    inner_groups,
    judgement_text,
    quoted,
    score_units,
    short_strength,
    strength_text,
    summary_title,
)

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table

HEADER_FILL = "#d9e2ec"
GROUP_FILL = "#eeeeee"
WIDTH_MM = 174  # the text's width on A4 with the margins wordml.a4 sets
CONTENTS_DEPTH = 2  # headings listed in the table of contents


@dataclass
class Writer:
    """The document being written, and how deep each pilot's headings start."""

    doc: Document
    d: int  # 1 when several pilots each need a heading of their own
    headings: list[tuple[int, str]] = field(default_factory=list)  # for the contents
    styles: wordml.StyleIds = field(init=False)

    def __post_init__(self) -> None:
        self.styles = wordml.StyleIds(self.doc)

    def heading(self, level: int, text: str, page_break: bool = False) -> None:
        if level <= CONTENTS_DEPTH:
            self.headings.append((level, text))
        paragraph = self.styles.paragraph(self.doc, wordml.heading_style(level), safe(text))
        paragraph.paragraph_format.keep_with_next = True
        if page_break:
            paragraph.paragraph_format.page_break_before = True

    def para(self, text: str | None, bold_lead: str | None = None, style: str | None = None,
             italic: bool = False) -> Any:  # fmt: skip
        paragraph = self.styles.paragraph(self.doc, style)
        if bold_lead:
            paragraph.add_run(safe(bold_lead)).bold = True
        if text:
            run = paragraph.add_run(safe(text))
            run.italic = italic
        return paragraph

    def paras(self, text: str | None) -> None:
        """The user's own text, its blank lines kept as paragraphs."""
        for part in (text or "").strip().split("\n\n"):
            if part.strip():
                self.para(" ".join(part.split()))

    def bullet(self, text: str, lead: str | None = None) -> Any:
        return self.para(text, lead, style="List Bullet")


def render(assessments: Sequence[Assessment]) -> bytes:
    from docx import Document

    views = pilot_views(assessments)
    doc = Document()
    _setup(doc, report_title(assessments))
    w = Writer(doc, 1 if len(views) > 1 else 0)
    generated = report_date()
    w.styles.paragraph(doc, wordml.heading_style(0), safe(report_title(assessments)))
    w.para(f"Generated on {generated} by laaeval. Every score comes from the judgements and "
           "evidence set out below.", italic=True)  # fmt: skip
    contents = _contents(w)
    if len(views) > 1:
        _heatmap(w, assessments)
    for view in views:
        _pilot(w, view)
    w.para(f"Produced by laaeval on {generated}.", italic=True)
    _fill_contents(w, contents)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def _setup(doc: Document, title: str) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    wordml.a4(doc)
    wordml.british(doc)
    doc.styles["Normal"].font.size = Pt(10)
    doc.styles["Normal"].font.name = "Calibri"
    doc.core_properties.title = safe(title)
    doc.core_properties.author = "laaeval"
    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    footer.add_run(f"{safe(title)} · page ")
    wordml.field(footer, "PAGE", "1")
    footer.add_run(" of ")
    wordml.field(footer, "NUMPAGES", "1")
    wordml.update_fields_on_open(doc)


def _contents(w: Writer) -> Any:
    """Where the table of contents goes (filled in once every heading is written): a
    paragraph to put it before, taken out once it is."""
    w.para("Contents", style="TOC Heading")
    w.para("Page numbers are added when Word updates the table (it offers to when the "
           "document is opened; or References › Update Table).", italic=True)
    return w.doc.add_paragraph()


def _fill_contents(w: Writer, anchor: Any) -> None:
    """The headings, listed, as the result of a TOC field: Word puts page numbers to them
    when it updates the field; a program that does not update fields shows the list."""
    from docx.shared import Mm, Pt

    entries = []
    for level, text in w.headings:
        paragraph = anchor.insert_paragraph_before(safe(text))
        paragraph.paragraph_format.left_indent = Mm(6 * (level - 1))
        paragraph.paragraph_format.space_after = Pt(0)
        entries.append(paragraph)
    if entries:
        wordml.field_around(entries[0], entries[-1],
                            f'TOC \\o "1-{CONTENTS_DEPTH}" \\h \\z \\u')  # fmt: skip
    anchor._p.getparent().remove(anchor._p)


def _picture(w: Writer, chart: charts.Chart, scale: float = 0.26) -> None:
    """A chart, ``scale`` millimetres to a unit of its layout (0.26: the HTML report's
    charts as they print on A4), never wider than the page."""
    from docx.shared import Mm

    shown = min(WIDTH_MM, chart.width / charts.S * scale)
    w.doc.add_picture(io.BytesIO(chart.png), width=Mm(shown))
    picture = w.doc.inline_shapes[-1]
    picture._inline.docPr.set("descr", safe(chart.title))  # alternative text
    w.para(chart.title, style="Caption")


def _heatmap(w: Writer, assessments: Sequence[Assessment]) -> None:
    w.heading(1, "All pilots side by side")
    chart, key = charts.heatmap(assessments)
    _picture(w, chart, scale=0.36)
    for line in key:
        w.bullet(line)
    w.para("Each cell shows a criterion's score, tinted by its band; a star marks a provisional "
           "score (too little judged for a band), n/a a criterion that does not apply to that "
           "pilot, and – one with no score. Each pilot's section gives the band in words.")


# -- a pilot ---------------------------------------------------------------------------------


def _pilot(w: Writer, view: PilotView) -> None:
    a, d = view.assessment, w.d
    if d:
        pilot = a.record.pilot
        w.heading(1, f"{pilot.name} ({pilot.round})", page_break=True)
    w.heading(1 + d, "Summary", page_break=not d)  # after the contents, or a pilot's heading
    _summary(w, view)
    w.heading(1 + d, "Details")
    _table(w, ("", ""), [(label, value) for label, value in view.details], (45, 129),
           header=False, bold_first=True)  # fmt: skip
    w.heading(1 + d, "Method and caveats")
    for heading, texts in view.method:
        w.heading(2 + d, heading)
        for text in texts:
            if heading == "Caveats":
                w.bullet(" ".join(text.split()))
            else:
                w.paras(text)
    _charts(w, view)
    _glance(w, view)
    for aspect in view.aspects:
        _aspect(w, aspect, a)


def _summary(w: Writer, view: PilotView) -> None:
    from docx.shared import Mm

    a = view.assessment
    g, framework = a.overall, a.framework
    w.para(group_sentence(g, framework), bold_lead="Overall: ")
    w.paras(g.narrative)
    rows, bands = [], []
    current = ""
    for depth, group in view.summary:
        if depth == 1:
            current = group.title
        # A group within a level is indented by its paragraph (below), which holds when
        # its title wraps, as leading spaces would not.
        name = "Overall" if depth == 0 else summary_title(min(depth, 2), group.title, current)
        if depth > 2:
            name = group.title
        rows.append((name, score_units(group), band_text(group),
                     f"{group.criteria_scored}/{group.criteria_applicable}",
                     judged_fraction(group), str(group.contested)))  # fmt: skip
        bands.append(group.band)
    # A score in the framework's own units ("37.5 (1.13 of 3)") needs a wider column.
    widths: tuple[float, ...] = (56, 16, 28, 24, 26, 24)
    if any(in_units(g) for _, g in view.summary):
        widths = (48, 30, 28, 20, 24, 24) if framework.bands else (62, 30, 12, 21, 24, 25)
    table = _table(w, ("Part of the framework", "Score", "Band", "Criteria scored",
                       "Indicators judged", "Contested"), rows, widths,
                   bands=(2, bands))  # fmt: skip
    for n, (depth, _) in enumerate(view.summary, start=1):
        for paragraph in table.rows[n].cells[0].paragraphs:
            if depth > 2:
                paragraph.paragraph_format.left_indent = Mm(3 * (depth - 2))
            if depth < 2:
                for run in paragraph.runs:
                    run.bold = True
    _digest(w, view.digest)


def _digest(w: Writer, digest: Digest) -> None:
    h = 2 + w.d

    def listed(title: str, criteria: Sequence[CriterionScore], scored: bool) -> None:
        if not criteria:
            return
        w.heading(h, title)
        for c in criteria:
            tail = f" — {fmt_score(c.score)}, {band_text(c)}" if scored else ""
            w.bullet(f"{c.text}{tail}", lead=f"{c.id} ")

    listed("Strongest criteria", digest.strongest, True)
    listed("Weakest criteria", digest.weakest, True)
    for label, criteria in digest.verdicts:
        listed(label, criteria, False)
    if digest.disputes:
        w.heading(h, "Where people disagree")
        for k in digest.disputes:
            w.bullet(f"{k.criterion.text} — {k.sides}", lead=f"{k.criterion.id} ")
    if len(digest.unjudged) > 6:
        w.heading(h, "Not yet judged")
        w.para(f"{len(digest.unjudged)} criteria: {', '.join(c.id for c in digest.unjudged)}.")
    else:
        listed("Not yet judged", digest.unjudged, False)
    listed("Provisional scores (too little judged for a band)", digest.provisional, True)
    if digest.met_by:
        w.heading(h, MET_BY_HEADING)
        for c in digest.met_by:
            w.bullet(f"{c.text} — {MET_BY_FLAG[c.met_by or '']}", lead=f"{c.id} ")


def _charts(w: Writer, view: PilotView) -> None:
    a, d = view.assessment, w.d
    w.heading(1 + d, "Charts")
    shown = [("Coverage: how much has been judged", charts.coverage_chart),
             ("Strength of evidence", charts.strength_chart)]
    if any(c.score is not None for c in a.criteria):
        shown.insert(0, ("Score by criterion", charts.score_by_criterion))
    for heading, draw in shown:
        w.heading(2 + d, heading)
        _picture(w, draw(a))
    missing = gaps_summary(a)
    if missing:
        w.heading(2 + d, "Still missing, uncertain or in dispute")
        for line in missing:
            w.bullet(line)


def _glance(w: Writer, view: PilotView) -> None:
    w.heading(1 + w.d, "All criteria at a glance")
    scale_max = view.assessment.framework.scale_max
    rows: list[tuple[str, ...]] = []
    bands: list[Any] = []
    groups: list[int] = []
    for aspect in view.aspects:
        groups.append(len(rows) + 1)
        rows.append((aspect.group.title, "", "", "", "", "", ""))
        bands.append(None)
        for cv in _criteria_of(aspect):
            c = cv.score
            if not c.applicable:
                rows.append((c.id, c.text, "not applicable", "", "", "", ""))
            else:
                judgement = (judgement_text(c, scale_max) if c.basis == "criterion"
                             else f"{judged_fraction(c)} indicators judged")  # fmt: skip
                rows.append((c.id, c.text, judgement, fmt_score(c.score), band_text(c),
                             short_strength(c), flags(c)))  # fmt: skip
            bands.append(c.band if c.applicable else None)
    # Ids longer than ODPM's (SAMM's G-SM-1-A, the badge's homepage_url) widen their column
    # at the criterion's expense, so that no id is broken letter by letter.
    id_mm = _id_width([c.id for c in view.assessment.criteria])
    table = _table(w, ("ID", "Criterion", "Judgement", "Score", "Band", "Evidence", "Flags"),
                   rows, (id_mm, 59 - id_mm, 26, 14, 24, 26, 25), bands=(4, bands))  # fmt: skip
    for n in groups:
        row = table.rows[n]
        merged = row.cells[0].merge(row.cells[-1])
        for extra in merged.paragraphs[1:]:  # the other cells' empty paragraphs
            extra._p.getparent().remove(extra._p)
        wordml.shade(merged, GROUP_FILL)
        for paragraph in merged.paragraphs:
            for run in paragraph.runs:
                run.bold = True


def _criteria_of(aspect: AspectView) -> list[CriterionView]:
    return [cv for level in aspect.levels for cv in level.criteria] + list(aspect.criteria)


# -- the criteria in detail ------------------------------------------------------------------


def _aspect(w: Writer, aspect: AspectView, a: Assessment) -> None:
    d, framework = w.d, a.framework
    w.heading(1 + d, aspect.group.title, page_break=True)
    _group_text(w, aspect.group, a)
    for level in aspect.levels:
        w.heading(2 + d, level.group.title)
        _group_text(w, level.group, a)
        for cv in level.criteria:
            _criterion(w, cv, 3 + d, framework)
    # Every criterion is a level 3 heading, whether or not its aspect has levels, so that
    # the navigation pane and the contents treat them all alike.
    for cv in aspect.criteria:
        _criterion(w, cv, 3 + d, framework)


def _about(w: Writer, about: list[tuple[str, str]]) -> None:
    """The framework's description and guidance, each line of it a paragraph."""
    for lead, text in about:
        for n, paragraph in enumerate(p for p in text.strip().split("\n") if p.strip()):
            w.para(" ".join(paragraph.split()), bold_lead=lead if lead and not n else None)


def _group_text(w: Writer, g: GroupScore, a: Assessment) -> None:
    _about(w, about_text(g))
    w.para(group_sentence(g, a.framework))
    w.paras(g.narrative)
    for depth, title, sentence in inner_groups(g, a.framework):
        w.para(sentence, bold_lead=f"{'  ' * depth}{title}: ")


def _criterion(w: Writer, cv: CriterionView, h: int, framework: Any) -> None:
    c = cv.score
    w.heading(h, f"{c.id} {c.text}")
    _about(w, about_text(framework.criteria_by_id[c.id]))
    w.para(criterion_sentence(c, framework))
    if not c.applicable:
        return
    if c.rationale:
        w.para(" ".join(c.rationale.split()), bold_lead="Rationale: ")
    w.paras(c.narrative)
    _indicators(w, c, framework.scale_max)
    _contested(w, cv, h + 1)
    _evidence(w, cv, h + 1)
    if cv.gaps:
        parts = [gap.text + (f" ({'; '.join(gap.types)})" if gap.types else "")
                 for gap in cv.gaps]  # fmt: skip
        w.para("; ".join(parts) + ".", bold_lead="Sources of evidence still to consult: ")


def _indicators(w: Writer, c: CriterionScore, scale_max: int) -> None:
    if len(c.indicators) == 1 and c.indicators[0].direct:
        i = c.indicators[0]
        w.para(f"Judged directly (this criterion has no indicators): "
               f"{judgement_text(i, scale_max)}.")  # fmt: skip
        return
    rows = []
    for i in c.indicators:
        text = i.text
        if i.rationale:
            text += "\nRationale: " + " ".join(i.rationale.split())
        if i.status == NOT_APPLICABLE and i.not_applicable_reason:
            text += f"\nNot applicable: {i.not_applicable_reason}"
        evidence = strength_text(i) + ("; contested" if i.contested else "")
        evidence += "; rated with no evidence" if i.unsupported else ""
        rows.append((i.id, text, judgement_text(i, scale_max), evidence))
    _table(w, ("ID", "Indicator and rationale", "Judgement", "Evidence"), rows,
           (14, 100, 30, 30))  # fmt: skip


def _contested(w: Writer, cv: CriterionView, h: int) -> None:
    if not cv.contested:
        return
    w.heading(h, "Where people disagree" if cv.score.contested
              else "Where views differ (the assessor finds no dispute)")  # fmt: skip
    for point in cv.contested:
        what = "(the criterion as a whole)" if point.point == cv.score.id else point.text
        supports, challenges = point.sides
        w.bullet(f"{what}: supported by {supports}; challenged by {challenges}.",
                 lead=f"{point.point} ")  # fmt: skip


def _evidence(w: Writer, cv: CriterionView, h: int) -> None:
    if not cv.evidence:
        w.para("No evidence recorded yet.", italic=True)
        return
    w.heading(h, "Evidence, by perspective")
    for group in cv.evidence:
        w.para(None, bold_lead=group.label).paragraph_format.keep_with_next = True
        for entry in group.entries:
            _item(w, entry)


def _stances(entry: EvidenceEntry) -> str:
    return "; ".join(f"{stance} {', '.join(points)}" for stance, points in entry.by_stance)


def _item(w: Writer, entry: EvidenceEntry) -> None:
    item = entry.item
    if entry.home:
        w.bullet(f"{entry.who} · {_stances(entry)}: set out in full under {entry.home}.",
                 lead=f"{item.id} ")  # fmt: skip
        return
    sources = "; ".join(entry.source_labels) or "synthesis"
    meta = " · ".join(p for p in (entry.who, sources, entry.extent, entry.where,
                                  _stances(entry)) if p)  # fmt: skip
    paragraph = w.bullet(f"{meta} — {' '.join(item.summary.split())}", lead=f"{item.id} ")
    if item.quote:
        paragraph.add_run(" ")
        paragraph.add_run(safe(quoted(" ".join(item.quote.split())))).italic = True
    if item.link:
        paragraph.add_run(" Link: ")
        if entry.link:
            wordml.hyperlink(paragraph, entry.link, entry.link)
        else:
            paragraph.add_run(safe(f"{item.link} (not a web address, so not made a link)"))


# -- tables ------------------------------------------------------------------------------------


def _id_width(ids: Sequence[str]) -> float:
    """The millimetres an id column takes: 11 for ids as short as ODPM's, more for longer
    ones (about 2 mm a character of the table's type), up to 32."""
    longest = max(map(len, ids), default=0)
    return 11 if longest <= 5 else min(32, round(longest * 2.0 + 3))


def _table(w: Writer, columns: Sequence[str], rows: Sequence[Sequence[str]],
           widths_mm: Sequence[float], *, header: bool = True, bold_first: bool = False,
           bands: tuple[int, Sequence[Any]] | None = None) -> Table:  # fmt: skip
    """A table with its header row repeated on each page; the band column (if any) tinted
    in each row's band colour, with its name written out."""
    from docx.shared import Mm

    offset = 1 if header else 0
    table = w.doc.add_table(rows=offset + len(rows), cols=len(columns))
    w.styles.table(table, "Table Grid")
    table.autofit = False
    all_rows = list(table.rows)
    if header:
        for cell, text in zip(all_rows[0].cells, columns, strict=True):
            _cell_text(cell, text, bold=True)
            wordml.shade(cell, HEADER_FILL)
        wordml.repeat_header(all_rows[0])
    for row, values in zip(all_rows[offset:], rows, strict=True):
        wordml.keep_together(row)
        for n, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            _cell_text(cell, value, bold=bold_first and n == 0)
    if bands is not None:
        column, per_row = bands
        for row, band in zip(all_rows[offset:], per_row, strict=True):
            if band is not None:
                wordml.shade(row.cells[column], svg.tint(svg.band_colour(band), 0.35))
    for column, width in zip(table.columns, widths_mm, strict=True):
        column.width = Mm(width)  # the grid, which LibreOffice reads
    for row in all_rows:
        for cell, width in zip(row.cells, widths_mm, strict=True):
            cell.width = Mm(width)  # each cell, which Word reads
    return table


def _cell_text(cell: Any, value: object, bold: bool = False) -> None:
    """A cell's text, each line its own paragraph, a size smaller than the body."""
    from docx.shared import Pt

    lines = safe(value).split("\n") or [""]
    first = cell.paragraphs[0]
    for n, line in enumerate(lines):
        paragraph = first if n == 0 else cell.add_paragraph()
        paragraph.paragraph_format.space_after = Pt(0)
        run = paragraph.add_run(line)
        run.font.size = Pt(9)
        run.bold = bold or None
