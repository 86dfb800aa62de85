"""The comparison as an Excel workbook: the Matrix (pilots as rows, columns of the framework,
each cell the score as a number, shown with its band's name and tinted in its colour), the
Long form (one row per pilot and column, to pivot), and Notes (the programme view, the
changes between rounds, assessors compared, the files left out).

Numbers are numbers: the band name in a Matrix cell is the cell's number format, so the
cell still adds up, sorts and filters as a score.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from ...files.xlsx import cell_text, new_workbook, put, styled, to_bytes
from ...report import svg
from ...report.views import report_date
from ...report.xlsx import Column, Line, write_sheet
from ...text import coverage_pct
from ..matrix import Cell, PilotRow, is_deep
from ..matrix import Column as MatrixColumn
from ..views import View, several_assessors
from .csv import VERSIONS, long_header, placed, places
from .lines import ABSENT_CODE, PASSES, column_label, key_lines, other_views, pass_text

if TYPE_CHECKING:
    from openpyxl.worksheet.worksheet import Worksheet

TITLES = {"columns": "Columns", "versions": "Across versions", "bands": "Bands across pilots",
          "least": "Least evidenced: the questions to ask first",
          "changes": "Changes between rounds", "agreement": "Agreement between assessors",
          "skipped": "Files left out"}  # fmt: skip
_WIDTHS = {"pilot": 28, "round": 10, "assessor": 20, "region": 14, "details": 24, "column": 9,
           "title": 40, "file": 30, "depth": 7}  # fmt: skip
_KINDS = {"score": "number", "coverage": "number", "band": "band", "depth": "whole"}


def _long_columns(header: Sequence[str]) -> tuple[Column, ...]:
    return tuple(Column(h[0].upper() + h[1:], _WIDTHS.get(h, 10), _KINDS.get(h, "text"))
                 for h in header)  # fmt: skip



def render(v: View) -> bytes:
    wb = new_workbook()
    wb.properties.title = f"{len(v.comparison.rows)} evidence files compared"
    wb.properties.subject = f"Generated on {report_date()} by laaeval"
    matrix = wb.active
    matrix.title = "Matrix"
    _matrix(matrix, v)
    long = _long_columns([h for h in long_header(v) if h != VERSIONS])  # as the CSV
    write_sheet(wb.create_sheet("Long form"), long, list(_long(v)))
    _notes(wb.create_sheet("Notes"), v)
    return to_bytes(wb)


# -- the matrix ------------------------------------------------------------------------------


def _matrix(ws: Worksheet, v: View) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    c = v.comparison
    who = [Column("Pilot", 30), Column("Round", 10)]
    if several_assessors(c):
        who.append(Column("Assessor", 20))
    keys = [col.id for col in c.columns]
    columns = [*who, Column("Group", 16) if any(h for h, _ in v.sections) else None,
               Column("Overall", 17), Column("Coverage %", 10, "number"),
               Column(PASSES, 8) if c.gated else None,
               *(Column(column_label(col), 18) for col in c.columns)]  # fmt: skip
    shown = [col for col in columns if col is not None]
    lines = list(_matrix_lines(v, keys, len(who)))
    write_sheet(ws, shown, [(values, None) for values, _ in lines])
    for r, (_, cells) in enumerate(lines, start=2):
        for offset, cell in cells:
            _score_cell(ws.cell(r, offset + 1), cell)
    titles = {column_label(col): col.title + (f" ({col.note})" if col.note else "")
              for col in c.columns}  # fmt: skip
    for n, column in enumerate(shown, start=1):
        if column.header in titles:
            ws.cell(1, n).comment = Comment(cell_text(titles[column.header]), "laaeval",
                                            width=260)  # fmt: skip
    last = len(lines) + 1
    for r in range(last - sum(1 for _, cells in lines if not cells) + 1, last + 1):
        ws.cell(r, 1).font = Font(bold=True)
    ws.freeze_panes = ws.cell(2, len(who) + 1).coordinate
    _outline(ws, c.columns, len(shown) - len(c.columns) + 1)


def _outline(ws: Worksheet, columns: Sequence[MatrixColumn], first: int) -> None:
    """A deep framework's groups within a level are outlined beneath the level, so that
    Excel folds a practice's streams and maturity levels away with one click."""
    from openpyxl.utils import get_column_letter

    for n, col in enumerate(columns, start=first):
        if col.depth > 2:
            ws.column_dimensions[get_column_letter(n)].outline_level = min(7, col.depth - 2)
    if is_deep(columns):  # the fold's button beside the level, which comes first
        ws.sheet_properties.outlinePr.summaryRight = False


def _matrix_lines(v: View, keys: list[str], who: int) -> Iterator[tuple[tuple[Any, ...],
                                                                     list[tuple[int, Cell]]]]:
    grouped = any(h for h, _ in v.sections)
    start = who + (1 if grouped else 0)
    gated = v.comparison.gated
    first = start + 2 + gated  # the first framework column, after overall, coverage (passes)
    for heading, rows in v.sections:
        for r in rows:
            values: list[Any] = [v.name(r), r.round]  # told apart as in every format
            if who == 3:
                values.append(r.assessor)
            if grouped:
                values.append(heading)
            cells = [r.overall, None, *(r.cells[k] for k in keys)]
            values += [_plain(r.overall), coverage_pct(r.overall.judged, r.overall.total),
                       *([pass_text(r.passed)] if gated else []),
                       *(_plain(cell) for cell in cells[2:])]  # fmt: skip
            scored = [(start, r.overall)] + [(first + n, r.cells[k])
                                             for n, k in enumerate(keys)]  # fmt: skip
            yield tuple(values), scored
    summaries = v.comparison.summaries
    blank = [None] * (start - 1)
    gap = [None] * (1 + gated)  # coverage (and passes) have no mean
    yield (("Mean score", *blank, summaries["overall"].mean, *gap,
            *(summaries[k].mean for k in keys)), [])  # fmt: skip
    yield (("Scores in the mean", *blank, summaries["overall"].in_mean, *gap,
            *(summaries[k].in_mean for k in keys)), [])  # fmt: skip
    if not v.comparison.leave_out_provisional and any(
        summaries[k].provisional for k in [*keys, "overall"]
    ):  # as under the other formats' matrix: only where some score is provisional
        yield (("of which provisional", *blank, summaries["overall"].provisional, *gap,
                *(summaries[k].provisional for k in keys)), [])  # fmt: skip
    yield (("Assessments with evidence", *blank, None, *gap,
            *(f"{summaries[k].evidenced}/{summaries[k].applicable}" for k in keys)), [])


def _plain(cell: Cell) -> Any:
    if cell.absent:
        return ABSENT_CODE
    if not cell.applicable:
        return "n/a"
    return "–" if cell.score is None else cell.score


def _score_cell(target: Any, cell: Cell) -> None:
    """A score shown with its band's name, tinted in its colour; the value stays a number.
    A provisional score (too little judged for a band) says so and is left white; under a
    framework without bands, a score is a number alone."""
    from openpyxl.styles import PatternFill

    if cell.score is None:
        if not cell.applicable:
            styled(target, "n/a", fill=PatternFill("solid", fgColor="FFECECEC"))
        return
    if cell.band is None and not cell.provisional:  # a framework without bands
        styled(target, "score", number_format="0.0")
        return
    if cell.band is None:
        styled(target, "provisional", number_format='0.0" provisional"')
        return
    band = cell.band
    colour = svg.tint(svg.band_colour(band), 0.35)[1:].upper()
    styled(target, ("band", band.label, colour),
           number_format='0.0" ' + band.label.replace('"', "'").replace("\\", "/") + '"',
           fill=PatternFill("solid", fgColor="FF" + colour))  # fmt: skip


# -- the long form and the notes -----------------------------------------------------------------


def _long(v: View) -> Iterator[Line]:
    titles = {col.id: col.title for col in v.comparison.columns} | {"overall": "Overall"}
    where = places(v)
    gated = v.comparison.gated
    for _, rows in v.sections:
        for r in rows:
            for line, band in _long_lines(r, titles, gated):
                yield placed(line, where, None), band


def _long_lines(r: PilotRow, titles: dict[str, str], gated: bool) -> Iterator[Line]:
    details = "; ".join(f"{k}={val}" for k, val in r.details.items() if k != "region")
    for key, cell in [*r.cells.items(), ("overall", r.overall)]:
        passes = ((pass_text(r.passed) if key == "overall" else None),) if gated else ()
        yield (
            r.pilot, r.round, r.assessor, r.details.get("region"), details or None, key,
            titles[key], cell.score, cell.band.label if cell.band else None, cell.judged,
            cell.total, coverage_pct(cell.judged, cell.total) if cell.total else None,
            cell.evidence, *passes, r.file,
        ), cell.band  # fmt: skip


def _notes(ws: Worksheet, v: View) -> None:
    from openpyxl.styles import Alignment, Font

    ws.column_dimensions["A"].width = 88  # prints on A4 portrait unscaled
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    row = 1
    put(ws, row, 1, f"{len(v.comparison.rows)} evidence files compared against "
        f"{v.comparison.framework.id} version {v.comparison.framework.version}, by "
        f"{v.comparison.by}").font = Font(bold=True, size=13)  # fmt: skip
    for kind, lines in [("columns", key_lines(v.comparison)), *other_views(v)]:
        if not lines:
            continue
        row += 2
        put(ws, row, 1, TITLES[kind]).font = Font(bold=True)
        for line in lines:
            row += 1
            put(ws, row, 1, line).alignment = Alignment(wrap_text=True, vertical="top")
