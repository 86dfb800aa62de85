"""The report as an Excel workbook, for an analyst to filter, sort and pivot: a sheet per view
(Summary: each part of the framework; Criteria; Indicators; Evidence), one row per thing,
every row carrying its pilot and round so that several evidence files stack.

Numbers are stored as numbers (a score, a coverage percentage, a count), so that a
spreadsheet can add them up; band names are written out beside each score and the band cell
is tinted in its colour, so colour is never the only signal. Headers are frozen and
filterable. No cell can run as a formula (see :func:`laaeval.files.xlsx.put`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from ..files.output import Binary
from ..files.xlsx import cell_text, fit_height, new_workbook, put, styled, write_rows
from ..model.framework import Band
from ..scoring.result import Assessment, CriterionScore, GroupScore, IndicatorScore
from ..text import coverage_pct
from . import svg
from .views import perspective_label, report_date, report_title, summary_groups
from .words import (
    band_text,
    criterion_sentence,
    flags,
    group_sentence,
    judgement_text,
    strength_text,
    verdict_counts,
)

if TYPE_CHECKING:
    from openpyxl.cell import Cell
    from openpyxl.styles import PatternFill


@dataclass(frozen=True)
class Column:
    header: str
    width: float
    kind: str = "text"  # text | long (wrapped) | number (one decimal) | whole | band


def _c(header: str, width: float, kind: str = "text") -> Column:
    return Column(header, width, kind)


WHO = (_c("Pilot", 28), _c("Round", 10))
SUMMARY = (*WHO, _c("Assessor", 20), _c("Part", 14), _c("ID", 10), _c("Title", 40, "long"),
           _c("Score", 8, "number"), _c("Band", 13, "band"), _c("Provisional", 11),
           _c("Criteria applicable", 10, "whole"), _c("Criteria scored", 9, "whole"),
           _c("Verdicts", 22), _c("Criteria not yet judged", 10, "whole"),
           _c("Indicators judged", 10, "whole"), _c("Indicators applicable", 11, "whole"),
           _c("Coverage %", 10, "number"), _c("Contested", 10, "whole"),
           _c("Mixed", 8, "whole"), _c("Unsupported ratings", 11, "whole"),
           _c("In words", 70, "long"))  # fmt: skip
CRITERIA = (*WHO, _c("Aspect", 7), _c("Level", 7), _c("ID", 7), _c("Criterion", 50, "long"),
            _c("Status", 14), _c("Judged as a whole", 22), _c("Rating", 7, "whole"),
            _c("Score", 8, "number"), _c("Band", 13, "band"), _c("Provisional", 11),
            _c("Indicators' mean", 10, "number"), _c("Differs from its indicators", 11),
            _c("Indicators judged", 10, "whole"), _c("Indicators applicable", 11, "whole"),
            _c("Coverage %", 10, "number"), _c("Evidence items", 9, "whole"),
            _c("Strength of evidence", 16), _c("Flags", 18), _c("Contested", 10),
            _c("Mixed", 8), _c("Unsupported ratings", 11, "whole"),
            _c("Sources still to consult", 11, "whole"), _c("Rationale", 50, "long"),
            _c("Narrative", 50, "long"), _c("In words", 70, "long"))  # fmt: skip
INDICATORS = (*WHO, _c("Criterion", 8), _c("ID", 8), _c("Indicator", 50, "long"),
              _c("Status", 14), _c("Judgement", 22), _c("Rating", 7, "whole"),
              _c("Score", 8, "number"), _c("Evidence items", 9, "whole"),
              _c("Strength of evidence", 16), _c("Contested", 10),
              _c("Rated with no evidence", 11), _c("Rationale", 50, "long"),
              _c("Not applicable because", 30, "long"))  # fmt: skip
EVIDENCE = (*WHO, _c("ID", 10), _c("Basis", 10), _c("Sources", 30, "long"), _c("Kind", 14),
            _c("Perspective", 22), _c("Organisation", 18), _c("Speaker", 18),
            _c("Summary", 60, "long"), _c("Quote", 40, "long"), _c("Reference", 26, "long"),
            _c("Paragraph", 9), _c("Page", 7), _c("Date", 11), _c("Prevalence", 11),
            _c("Count", 7, "whole"), _c("Out of", 7, "whole"), _c("Counted", 14),
            _c("Directness", 10), _c("Supports", 18, "long"), _c("Challenges", 18, "long"),
            _c("Neutral", 18, "long"), _c("Link", 30))  # fmt: skip
SHEETS = (("Summary", SUMMARY), ("Criteria", CRITERIA), ("Indicators", INDICATORS),
          ("Evidence", EVIDENCE))  # fmt: skip


def render(assessments: Sequence[Assessment]) -> Binary:
    wb = new_workbook(write_only=True)
    wb.properties.title = cell_text(report_title(assessments))
    wb.properties.subject = f"Generated on {report_date()} by laaeval"
    rows = {"Summary": _summary_rows, "Criteria": _criteria_rows,
            "Indicators": _indicator_rows, "Evidence": _evidence_rows}  # fmt: skip
    for title, columns in SHEETS:
        ws = wb.create_sheet(title)
        lines = [line for a in assessments for line in rows[title](a)]
        if title == "Summary":
            depths = [d for a in assessments for d in summary_depths(a)]
            lay_out(ws, columns, len(lines))
            write_rows(ws, size(columns, len(lines)), _indented(ws, lines, depths))
        else:
            write_sheet(ws, columns, lines, len(lines))
    return Binary(wb.save)  # zipped straight into the file being written


def _indented(ws: Any, lines: Sequence[Line], depths: Sequence[int]) -> Rows:
    """The Summary's rows, each group's title indented beneath the group it is in, as the
    other reports do."""
    from openpyxl.styles import Alignment

    title = next(n for n, c in enumerate(SUMMARY) if c.header == "Title")
    yield 1, header_cells(ws, SUMMARY)
    for row, (line, depth) in enumerate(zip(lines, depths, strict=True), start=2):
        cells = line_cells(ws, row, SUMMARY, line)
        if depth > 1:
            cells[title].alignment = Alignment(horizontal="left", vertical="top",
                                               wrap_text=True, indent=2 * (depth - 1))
        yield row, cells


# -- writing a sheet -----------------------------------------------------------------------


Line = tuple[tuple[Any, ...], Band | None]  # a row's values, and the band to tint its Band cell
Rows = Iterator[tuple[int, list["Cell"]]]  # each row's number and its cells, for write_rows


def write_sheet(ws: Any, columns: Sequence[Column], lines: Iterable[Line], count: int) -> None:
    """A sheet of one header row and a row for each of ``count`` lines, written as they
    come, each row as tall as its wrapped text: frozen, filterable, printable on A4."""
    lay_out(ws, columns, count)
    write_rows(ws, size(columns, count), _rows(ws, columns, lines))


def _rows(ws: Any, columns: Sequence[Column], lines: Iterable[Line]) -> Rows:
    yield 1, header_cells(ws, columns)
    for row, line in enumerate(lines, start=2):
        yield row, line_cells(ws, row, columns, line)


def size(columns: Sequence[Column], count: int) -> str:
    """The range a sheet of a header and ``count`` lines fills."""
    from openpyxl.utils import get_column_letter

    return f"A1:{get_column_letter(len(columns))}{count + 1}"


def lay_out(ws: Any, columns: Sequence[Column], count: int) -> None:
    """Column widths, the header's height, the header frozen and filterable over ``count``
    lines, and A4 landscape printing, fitted to the width, the header on every page: set
    before the rows are written."""
    from openpyxl.utils import get_column_letter

    for n, column in enumerate(columns, start=1):
        ws.column_dimensions[get_column_letter(n)].width = column.width
    header_lines = max(-(-len(c.header) // max(int(c.width) - 1, 1)) for c in columns)
    ws.row_dimensions[1].height = 15.0 * header_lines
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(count + 1, 2)}"
    ws.page_setup.paperSize = A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_title_rows = "1:1"


A4 = "9"  # openpyxl's Worksheet.PAPERSIZE_A4, which its write-only sheets lack


def header_cells(ws: Any, columns: Sequence[Column]) -> list[Cell]:
    """The header row: bold on a pale blue fill, wrapped."""
    from openpyxl.styles import Font

    looks = _looks()
    cells = []
    for n, column in enumerate(columns, start=1):
        cell = put(ws, 1, n, column.header)
        cell.font, cell.fill, cell.alignment = Font(bold=True), looks["header"], looks["wrap"]
        cells.append(cell)
    return cells


def line_cells(ws: Any, row: int, columns: Sequence[Column], line: Line) -> list[Cell]:
    """The cells of one line in row ``row``, which is made tall enough for its wrapped text:
    numbers to one decimal place, the Band cell tinted in its band's colour."""
    values, band = line
    looks = _looks()
    cells, wrapped = [], []
    for n, (column, value) in enumerate(zip(columns, values, strict=True), start=1):
        cell = put(ws, row, n, value)
        kind = column.kind
        if kind == "number" and value is not None:
            styled(cell, "number", alignment=looks["top"], number_format="0.0")
        elif kind == "band" and band is not None:
            colour = tint(band)
            styled(cell, ("band", colour), alignment=looks["top"], fill=fill(colour))
        elif kind == "long":
            styled(cell, True, alignment=looks["wrap"])
            wrapped.append((value, column.width))
        else:
            styled(cell, False, alignment=looks["top"])
        cells.append(cell)
    fit_height(ws, row, wrapped)
    return cells


def tint(band: Band) -> str:
    """The pale tint of a band's colour (RRGGBB) that a cell scored in it is filled with."""
    return svg.tint(svg.band_colour(band), 0.35)[1:].upper()


@cache
def fill(colour: str) -> PatternFill:
    """A solid fill of ``colour`` (RRGGBB)."""
    from openpyxl.styles import PatternFill

    return PatternFill("solid", fgColor="FF" + colour)


@cache
def _looks() -> dict[str, Any]:
    from openpyxl.styles import Alignment

    return {"header": fill("D9E2EC"), "wrap": Alignment(wrap_text=True, vertical="top"),
            "top": Alignment(vertical="top")}  # fmt: skip


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _who(a: Assessment) -> tuple[str, str]:
    return a.record.pilot.name, a.record.pilot.round


# -- the views -------------------------------------------------------------------------------


def _groups(a: Assessment) -> Iterator[tuple[str, GroupScore]]:
    """Every part of the framework, to any depth; a group within a level says which group
    it is in ("Level in G-SM-A"), so that the sheet still reads once sorted or filtered."""
    yield "Overall", a.overall

    def walk(g: GroupScore, within: GroupScore | None) -> Iterator[tuple[str, GroupScore]]:
        part = "Aspect" if g.kind == "aspect" else "Level"
        if within is not None and within.kind == "level":
            part = f"Level in {within.id}"
        yield part, g
        for inner in g.levels:
            yield from walk(inner, g)

    for aspect in a.aspects:
        yield from walk(aspect, None)


def summary_depths(a: Assessment) -> list[int]:
    """How deep each Summary row sits (0 the whole, 1 an aspect, …), to indent its title."""
    return [depth for depth, _ in summary_groups(a)]


def _summary_rows(a: Assessment) -> Iterator[Line]:
    framework = a.framework
    for part, g in _groups(a):
        verdicts = verdict_counts(g, framework) if g.criteria_verdicts else None
        yield (
            *_who(a), a.record.assessor, part, "" if g.kind == "overall" else g.id,
            "Overall" if g.kind == "overall" else g.title, g.score, band_text(g),
            _yes(g.provisional), g.criteria_applicable, g.criteria_scored, verdicts,
            g.criteria_unjudged, g.judged, g.total, coverage_pct(g.judged, g.total),
            g.contested, g.mixed, g.unsupported, group_sentence(g, framework),
        ), g.band  # fmt: skip


def _criteria_rows(a: Assessment) -> Iterator[Line]:
    framework = a.framework
    for c in a.criteria:
        yield _criterion(a, c, framework.scale_max) + (criterion_sentence(c, framework),), c.band


def _criterion(a: Assessment, c: CriterionScore, scale_max: int) -> tuple[Any, ...]:
    whole = judgement_text(c, scale_max) if c.rating is not None or c.verdict else None
    if not c.applicable:
        return (*_who(a), c.aspect_id, c.level_id, c.id, c.text, c.status, None, None, None,
                "not applicable", "no", None, "no", 0, 0, None, len(c.evidence_items),
                "not applicable", None, "no", "no", 0, 0, c.rationale, c.narrative)  # fmt: skip
    return (
        *_who(a), c.aspect_id, c.level_id, c.id, c.text, c.status, whole, c.rating, c.score,
        band_text(c), _yes(c.provisional), c.indicator_score, _yes(c.differs), c.judged,
        c.total, coverage_pct(c.judged, c.total), len(c.evidence_items), strength_text(c),
        flags(c) or None, _yes(c.contested), _yes(c.mixed), c.unsupported, len(c.gaps),
        c.rationale, c.narrative,
    )  # fmt: skip


def _indicator_rows(a: Assessment) -> Iterator[Line]:
    scale_max = a.framework.scale_max
    for c in a.criteria:
        for i in c.indicators:
            yield _indicator(a, c, i, scale_max), None


def _indicator(a: Assessment, c: CriterionScore, i: IndicatorScore,
               scale_max: int) -> tuple[Any, ...]:  # fmt: skip
    return (
        *_who(a), c.id, i.id, i.text, i.status, judgement_text(i, scale_max), i.rating,
        i.score, len(i.evidence), strength_text(i), _yes(i.contested), _yes(i.unsupported),
        i.rationale, i.not_applicable_reason,
    )  # fmt: skip


def _evidence_rows(a: Assessment) -> Iterator[Line]:
    labels = a.framework.source_types_by_id
    for item in a.record.evidence:
        kinds = sorted({labels[s].kind for s in item.sources if s in labels})
        stances = {s: " ".join(p for p, v in item.bears_on.items() if v == s) or None
                   for s in ("supports", "challenges", "neutral")}  # fmt: skip
        yield (
            *_who(a), item.id, item.basis,
            "; ".join(labels[s].label if s in labels else s for s in item.sources) or None,
            " and ".join(kinds) or None,
            perspective_label(a, item.perspective) if item.perspective else None,
            item.organisation, item.speaker, item.summary, item.quote, item.reference,
            item.paragraph, item.page, item.date, item.prevalence, item.count, item.out_of,
            item.counted, item.directness, stances["supports"], stances["challenges"],
            stances["neutral"], item.link,
        ), None  # fmt: skip
