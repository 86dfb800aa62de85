"""Excel workbooks (.xlsx) through openpyxl: writing cells that hold exactly the text given
and can never run as a formula, and reading a workbook only once its zip has been checked.

openpyxl is imported only here, and only when a workbook is written or read. It parses a
workbook's XML with defusedxml (a dependency of laaeval, which openpyxl uses when it is
installed), and :mod:`.zipcheck` refuses zip bombs and DOCTYPEs before openpyxl sees the file.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Generator, Hashable, Iterable, Iterator, Sequence
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any
from weakref import WeakKeyDictionary

from ..errors import UnreadableFileError, shorten
from . import zipcheck

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell import Cell
    from openpyxl.worksheet.worksheet import Worksheet

WHAT = "an Excel workbook (.xlsx)"
MAX_ROWS = 200_000  # rows read from one sheet
MAX_COLUMNS = 200
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")
# What XML 1.0 cannot hold at all (openpyxl refuses it): C0 controls but tab and newline.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# Shown to a reader, also replace C1 controls and bidirectional overrides, which can make
# text read differently from what it is.
_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e"
                     "\u2066-\u2069\ufffe\uffff]")  # fmt: skip


def cell_text(text: str, faithful: bool = False) -> str:
    """Text a cell can hold: line breaks as newlines, and no character XML cannot carry.
    ``faithful`` (a template to be read back) keeps all else; otherwise (a report) also
    the characters that could disguise what the text says are replaced."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return (_NOT_XML if faithful else _UNSAFE).sub("\ufffd", text)


def put(ws: Worksheet, row: int, column: int, value: Any, faithful: bool = False) -> Cell:
    """Write one value. Text is always stored as text, never as a formula (openpyxl would
    take any text starting with = as one), and text that a spreadsheet would run as a
    formula if it were typed in is marked as text (Excel's quote prefix, shown as nothing),
    so editing the cell cannot turn it into one either."""
    if ws.parent.write_only:  # held by the caller until its row is written (see write_rows)
        from openpyxl.cell import Cell

        cell = Cell(ws, row=row, column=column)
    else:
        cell = ws.cell(row=row, column=column)
    if isinstance(value, str):
        text = cell_text(value, faithful)
        cell.value = text
        cell.data_type = "s"
        if text.startswith(FORMULA_START):
            cell.quotePrefix = True
    elif isinstance(value, bool):
        cell.value = "yes" if value else "no"
    else:
        cell.value = value
    return cell


def styled(cell: Cell, key: Hashable, **style: Any) -> Cell:
    """Give ``cell`` the style ``style`` (font, fill, alignment, number_format…), which
    ``key`` names (the same key, the same style, in one workbook), worked out once.

    openpyxl finds a style's place in the workbook by hashing and comparing it, field by
    field, each time one is set on a cell: half the time of a workbook of many rows (a
    comparison of 300 pilots). Here the ids openpyxl stores on the first cell given a style
    (its style array, which openpyxl copies between cells itself) are copied onto every
    later one: the same workbook, a piece of the time. The cell's own style so far (a
    quote prefix put on text that looks like a formula) is part of the key."""
    from copy import copy

    made = _STYLES.setdefault(cell.parent.parent, {})
    whole = (key, tuple(cell._style) if cell.has_style else None)
    found = made.get(whole)
    if found is None or not REUSE_STYLES:
        for name, value in style.items():
            setattr(cell, name, value)
        made[whole] = copy(cell._style)
    else:
        cell._style = copy(found)
    return cell


REUSE_STYLES = True  # False: every style set on each cell, as openpyxl would (for tests)
_STYLES: WeakKeyDictionary[Workbook, dict[Hashable, Any]] = WeakKeyDictionary()


LINE_HEIGHT = 15.0  # points per line of wrapped text
MAX_ROW_HEIGHT = 409.0  # Excel's limit


def fit_height(ws: Worksheet, row: int, texts: Sequence[tuple[Any, float]]) -> None:
    """Set a row tall enough for its wrapped text, each (text, column width) pair: not every
    spreadsheet program works the height out itself when it opens a file."""
    lines = 1
    for value, width in texts:
        if isinstance(value, str) and value:
            per_line = max(width - 2, 4)
            lines = max(lines, sum(-(-max(len(part), 1) // int(per_line))
                                   for part in value.split("\n")))  # fmt: skip
    if lines > 1:
        ws.row_dimensions[row].height = min(lines * LINE_HEIGHT, MAX_ROW_HEIGHT)


def to_bytes(wb: Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def new_workbook(write_only: bool = False) -> Workbook:
    """A workbook; ``write_only``, one whose sheets are written a row at a time by
    :func:`write_rows` and never held whole (openpyxl's write-only mode)."""
    from openpyxl import Workbook

    return Workbook(write_only=write_only)


def write_rows(ws: Any, size: str, rows: Iterable[tuple[int, Sequence[Cell]]]) -> None:
    """Write the rows of a sheet of a write-only workbook as they come, each (its number,
    its cells made by :func:`put`), keeping none of them: a sheet of 900,000 rows in the
    memory of one. Everything written above the rows (column widths, frozen panes, outline)
    must be set on the sheet first; its filter and page set-up may be set until it is saved.

    ``size`` is the range the rows fill ("A1:K301"), which the sheet declares above them as
    openpyxl's ordinary sheets do. Rows are numbered, not counted, so that a row left empty
    is left out of the file as an ordinary sheet leaves it out, rather than written as an
    empty row: the file is the same, part for part, as one openpyxl builds whole (a test
    checks). A row's height, set through ``row_dimensions`` before it comes, is forgotten
    once it is written.

    openpyxl's own ``append`` counts rows one by one, so this drives the same writer it
    uses (``_get_writer``, ``_writer.write_row`` and ``_rows``, which ``close`` ends),
    as ``WriteOnlyWorksheet._write_rows`` does, from openpyxl 3.1."""
    ws.calculate_dimension = lambda: size
    ws._get_writer()  # writes everything above the rows
    numbered = _numbered_rows(ws)
    next(numbered)
    ws._rows = numbered  # saving the workbook closes it, then writes the rest of the sheet
    for row in rows:
        numbered.send(row)


def _numbered_rows(ws: Any) -> Generator[None, tuple[int, Sequence[Cell]], None]:
    writer = ws._writer
    xf = writer.xf.send(True)
    heights = ws.row_dimensions
    with xf.element("sheetData"):
        try:
            while True:
                number, cells = yield
                writer.write_row(xf, cells, number)
                heights.pop(number, None)
        except GeneratorExit:
            pass
    writer.xf.send(None)


# -- reading ------------------------------------------------------------------------------


Rows = list[tuple[int, tuple[Any, ...]]]  # (row number, the values in it)


def read_sheets(path: str | os.PathLike[str], names: Sequence[str]) -> dict[str, Rows]:
    """The rows of each sheet in ``names`` that the workbook has (by name, in any case),
    as plain values: text, whole numbers, numbers, dates as YYYY-MM-DD, or None."""
    name = str(path)
    archive = zipcheck.open_zip(name, WHAT)
    try:
        zipcheck.refuse_declarations(archive, name, (".xml", ".rels", ".vml"))
    finally:
        archive.close()
    workbook = _load(name)
    try:
        wanted = {n.casefold(): n for n in names}
        found: dict[str, Rows] = {}
        for title in workbook.sheetnames:
            if title.casefold() in wanted and wanted[title.casefold()] not in found:
                found[wanted[title.casefold()]] = _rows(workbook[title], name, title)
        return found
    except UnreadableFileError:
        raise
    except Exception as exc:  # openpyxl raises many kinds of error on a damaged part
        raise _damaged(name, exc) from None
    finally:
        workbook.close()


def sheet_names(path: str | os.PathLike[str]) -> list[str]:
    workbook = _load(str(path))
    try:
        return list(workbook.sheetnames)
    finally:
        workbook.close()


def _load(name: str) -> Any:
    from openpyxl import load_workbook

    try:
        return load_workbook(name, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds of error on a damaged part
        raise _damaged(name, exc) from None


_REFUSALS = ("DTDForbidden", "EntitiesForbidden", "ExternalReferenceForbidden")


def _damaged(name: str, exc: Exception) -> UnreadableFileError:
    kind = type(exc).__name__
    causes: list[BaseException] = []
    cause: BaseException | None = exc
    while cause is not None and len(causes) < 10:  # openpyxl wraps defusedxml's refusal
        causes.append(cause)
        cause = cause.__cause__ or cause.__context__
    if any(type(c).__name__ in _REFUSALS for c in causes):
        return UnreadableFileError("refused: it declares XML entities (a way to make a small "
                                   "file expand without end)", file=name)  # fmt: skip
    detail = shorten(str(exc), 80) if str(exc) else kind
    return UnreadableFileError(f"this is not {WHAT} laaeval can read, or it is damaged "
                               f"({detail}); open it in Excel or LibreOffice and save it "
                               "again as .xlsx", file=name)  # fmt: skip


def _rows(ws: Any, name: str, title: str) -> Rows:
    out: Rows = []
    for number, values in enumerate(_values(ws), start=1):
        if number > MAX_ROWS:
            raise UnreadableFileError(f"the sheet {shorten(title)} has more than {MAX_ROWS} "
                                      "rows; laaeval reads at most that many", file=name)
        if any(v is not None for v in values):
            out.append((number, values))
    return out


def _values(ws: Any) -> Iterator[tuple[Any, ...]]:
    # A read-only sheet trusts the size the file declares, which some programs write wrong
    # (A1:A1, say); forgetting it reads every row there is.
    ws.reset_dimensions()
    for row in ws.iter_rows(values_only=True):
        yield tuple(plain(v) for v in row[:MAX_COLUMNS])


def plain(value: Any) -> Any:
    """A cell's value as laaeval reads it: dates written YYYY-MM-DD, empty text as None."""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value if value.strip() else None
    return value
