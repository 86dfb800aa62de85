"""The comparison as an Excel workbook: the Matrix (pilots as rows, columns of the framework,
each cell the score as a number, shown with its band's name and tinted in its colour), the
Long form (one row per pilot and column, to pivot), and Notes (the programme view, the
changes between rounds, assessors compared, the files left out).

Numbers are numbers: the band name in a Matrix cell is the cell's number format, so the
cell still adds up, sorts and filters as a score.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ...files.output import Binary
from ...files.xlsx import cell_text, new_workbook, put, styled, write_rows
from ...report.views import report_date
from ...report.xlsx import (
    A4,
    Column,
    Line,
    Rows,
    fill,
    header_cells,
    lay_out,
    line_cells,
    size,
    tint,
    write_sheet,
)
from ...text import coverage_pct
from ..matrix import Cell, PilotRow, is_deep
from ..matrix import Column as MatrixColumn
from ..views import View, several_assessors
from .csv import VERSIONS, long_header, placed, places
from .lines import ABSENT_CODE, PASSES, column_label, key_lines, other_views, pass_text

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



def render(v: View) -> Binary:
    """The workbook, written a row at a time (openpyxl's write-only mode): what it holds
    while writing is the comparison's rows, not every cell of every sheet."""
    wb = new_workbook(write_only=True)
    wb.properties.title = f"{len(v.comparison.rows)} evidence files compared"
    wb.properties.subject = f"Generated on {report_date()} by laaeval"
    _matrix(wb.create_sheet("Matrix"), v)
    long = _long_columns([h for h in long_header(v) if h != VERSIONS])  # as the CSV
    count = sum(len(r.cells) + 1 for _, rows in v.sections for r in rows)
    write_sheet(wb.create_sheet("Long form"), long, _long(v), count)
    _notes(wb.create_sheet("Notes"), v)
    return Binary(wb.save)  # zipped straight into the file being written


# -- the matrix ------------------------------------------------------------------------------


def _matrix(ws: Any, v: View) -> None:
    from openpyxl.utils import get_column_letter

    c = v.comparison
    who = [Column("Pilot", 30), Column("Round", 10)]
    if several_assessors(c):
        who.append(Column("Assessor", 20))
    columns = [*who, Column("Group", 16) if any(h for h, _ in v.sections) else None,
               Column("Overall", 17), Column("Coverage %", 10, "number"),
               Column(PASSES, 8) if c.gated else None,
               *(Column(column_label(col), 18) for col in c.columns)]  # fmt: skip
    shown = [col for col in columns if col is not None]
    summary = _summary_lines(v, _overall_place(v, len(who)))
    count = sum(len(rows) for _, rows in v.sections) + len(summary)
    lay_out(ws, shown, count)
    ws.freeze_panes = f"{get_column_letter(len(who) + 1)}2"
    _outline(ws, c.columns, len(shown) - len(c.columns) + 1)
    write_rows(ws, size(shown, count), _matrix_rows(ws, v, shown, len(who), summary))


def _matrix_rows(ws: Any, v: View, shown: Sequence[Column], who: int,
                 summary: Sequence[tuple[Any, ...]]) -> Rows:  # fmt: skip
    """The header, each title in a comment on its column's label; a row per pilot, each
    score in its band's colour; then the summary rows, in bold."""
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    c = v.comparison
    titles = {column_label(col): col.title + (f" ({col.note})" if col.note else "")
              for col in c.columns}  # fmt: skip
    header = header_cells(ws, shown)
    for cell, column in zip(header, shown, strict=True):
        if column.header in titles:
            cell.comment = Comment(cell_text(titles[column.header]), "laaeval", width=260)
    yield 1, header
    row = 1
    for values, scored in _pilot_lines(v, [col.id for col in c.columns], who):
        row += 1
        cells = line_cells(ws, row, shown, (values, None))
        for offset, score in scored:
            _score_cell(cells[offset], score)
        yield row, cells
    for values in summary:
        row += 1
        cells = line_cells(ws, row, shown, (values, None))
        cells[0].font = Font(bold=True)
        yield row, cells


def _outline(ws: Any, columns: Sequence[MatrixColumn], first: int) -> None:
    """A deep framework's groups within a level are outlined beneath the level, so that
    Excel folds a practice's streams and maturity levels away with one click."""
    from openpyxl.utils import get_column_letter

    for n, col in enumerate(columns, start=first):
        if col.depth > 2:
            ws.column_dimensions[get_column_letter(n)].outline_level = min(7, col.depth - 2)
    if is_deep(columns):  # the fold's button beside the level, which comes first
        ws.sheet_properties.outlinePr.summaryRight = False


def _pilot_lines(v: View, keys: list[str],
                 who: int) -> Iterator[tuple[tuple[Any, ...], list[tuple[int, Cell]]]]:
    """A line per pilot, and where in it each score is (the overall, then the columns'),
    after the ``who`` columns that say whose it is (pilot, round, and assessor)."""
    grouped = any(h for h, _ in v.sections)
    start = _overall_place(v, who)
    gated = v.comparison.gated
    first = start + 2 + gated  # the first framework column, after overall, coverage (passes)
    for heading, rows in v.sections:
        for r in rows:
            values: list[Any] = [v.name(r), r.round]  # told apart as in every format
            if who == 3:
                values.append(r.assessor)
            if grouped:
                values.append(heading)
            values += [_plain(r.overall), coverage_pct(r.overall.judged, r.overall.total),
                       *([pass_text(r.passed)] if gated else []),
                       *(_plain(r.cells[k]) for k in keys)]  # fmt: skip
            scored = [(start, r.overall)] + [(first + n, r.cells[k])
                                             for n, k in enumerate(keys)]  # fmt: skip
            yield tuple(values), scored


def _overall_place(v: View, who: int) -> int:
    """Where a matrix line's overall score is: after the ``who`` columns, and the group's."""
    return who + (1 if any(h for h, _ in v.sections) else 0)


def _summary_lines(v: View, start: int) -> list[tuple[Any, ...]]:
    """The lines beneath the pilots: each column's mean, how many scores are in it (of
    which provisional), and how many assessments have evidence for it."""
    keys = [col.id for col in v.comparison.columns]
    summaries = v.comparison.summaries
    blank = [None] * (start - 1)
    gap = [None] * (1 + v.comparison.gated)  # coverage (and passes) have no mean
    lines = [("Mean score", *blank, summaries["overall"].mean, *gap,
              *(summaries[k].mean for k in keys)),
             ("Scores in the mean", *blank, summaries["overall"].in_mean, *gap,
              *(summaries[k].in_mean for k in keys))]  # fmt: skip
    if not v.comparison.leave_out_provisional and any(
        summaries[k].provisional for k in [*keys, "overall"]
    ):  # as under the other formats' matrix: only where some score is provisional
        lines.append(("of which provisional", *blank, summaries["overall"].provisional, *gap,
                      *(summaries[k].provisional for k in keys)))  # fmt: skip
    lines.append(("Assessments with evidence", *blank, None, *gap,
                  *(f"{summaries[k].evidenced}/{summaries[k].applicable}" for k in keys)))
    return lines


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
    if cell.score is None:
        if not cell.applicable:
            styled(target, "n/a", fill=fill("ECECEC"))
        return
    if cell.band is None and not cell.provisional:  # a framework without bands
        styled(target, "score", number_format="0.0")
        return
    if cell.band is None:
        styled(target, "provisional", number_format='0.0" provisional"')
        return
    band = cell.band
    colour = tint(band)
    styled(target, ("band", band.label, colour),
           number_format='0.0" ' + band.label.replace('"', "'").replace("\\", "/") + '"',
           fill=fill(colour))  # fmt: skip


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


def _notes(ws: Any, v: View) -> None:
    """The heading, then each view under its title, a line to a row, a row left empty
    before each title."""
    sections = [(TITLES[kind], lines)
                for kind, lines in [("columns", key_lines(v.comparison)), *other_views(v)]
                if lines]  # fmt: skip
    ws.column_dimensions["A"].width = 88  # prints on A4 portrait unscaled
    ws.page_setup.paperSize = A4
    last = 1 + sum(2 + len(lines) for _, lines in sections)
    write_rows(ws, f"A1:A{last}", _notes_rows(ws, v, sections))


def _notes_rows(ws: Any, v: View, sections: list[tuple[str, list[str]]]) -> Rows:
    from openpyxl.styles import Alignment, Font

    c = v.comparison
    heading = put(ws, 1, 1, f"{len(c.rows)} evidence files compared against "
                  f"{c.framework.id} version {c.framework.version}, by {c.by}")  # fmt: skip
    heading.font = Font(bold=True, size=13)
    yield 1, [heading]
    row = 1
    for title, lines in sections:
        row += 2
        cell = put(ws, row, 1, title)
        cell.font = Font(bold=True)
        yield row, [cell]
        for line in lines:
            row += 1
            cell = put(ws, row, 1, line)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            yield row, [cell]
