"""The sheets to import, read from a workbook (.xlsx) or from CSV copies of its sheets, as
plain rows: each with its row number, so that every problem can say where it is."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UnreadableFileError, UsageError, shorten
from ..files import xlsx
from . import layout as L
from .problems import Found

MAX_CSV = 64 * 1024 * 1024


@dataclass(frozen=True)
class Table:
    """One sheet: where it came from, its header row and its other rows."""

    sheet: str  # which of laaeval's sheets it is: Pilot, Criteria or Evidence
    file: str
    in_workbook: bool  # a problem names the sheet too (a CSV file is the sheet)
    header: tuple[int, tuple[Any, ...]]
    rows: tuple[tuple[int, tuple[Any, ...]], ...]

    def found(self, message: str, row: int | None = None, column: str | None = None,
              column_order: int = 0) -> Found:  # fmt: skip
        order = (L.READ.index(self.sheet), row or 0, column_order)
        return Found(self.file, message, self.sheet if self.in_workbook else None, row,
                     column, order)  # fmt: skip


def read_workbook(path: str | os.PathLike[str]) -> list[Table]:
    name = str(path)
    sheets = xlsx.read_sheets(name, L.READ)
    if not sheets:
        present = ", ".join(xlsx.sheet_names(name))
        raise UnreadableFileError(
            f"this workbook has none of the sheets laaeval reads ({', '.join(L.READ)}; it has "
            f"{present}); make one with laaeval template FRAMEWORK --output book.xlsx",
            file=name)  # fmt: skip
    tables = []
    for sheet in L.READ:
        rows = sheets.get(sheet)
        if rows:
            tables.append(Table(sheet, name, True, rows[0], tuple(rows[1:])))
    return tables


def read_csvs(paths: Sequence[str | os.PathLike[str]]) -> list[Table]:
    """CSV copies of the sheets, each known by its header row."""
    tables: dict[str, Table] = {}
    for path in paths:
        table = read_csv(path)
        if table.sheet in tables:
            raise UsageError(f"{table.file} and {tables[table.sheet].file} are both the "
                             f"{table.sheet} sheet; give one of them")  # fmt: skip
        tables[table.sheet] = table
    return [tables[s] for s in L.READ if s in tables]


def read_csv(path: str | os.PathLike[str]) -> Table:
    name = str(path)
    rows = [(n, values) for n, values in _csv_rows(name) if any(v is not None for v in values)]
    if not rows:
        raise UnreadableFileError("this CSV file is empty", file=name)
    header = {L.header_key(v) for v in rows[0][1] if v is not None}
    for sheet in L.READ:
        if {L.header_key(h) for h in _signature_headers(sheet)} <= header:
            return Table(sheet, name, False, rows[0], tuple(rows[1:]))
    raise UnreadableFileError(
        "cannot tell which sheet this CSV file is from its first row: the Evidence sheet has "
        "the columns ID and Summary, the Criteria sheet ID and Rating, the Pilot sheet Key and "
        "Value", file=name)  # fmt: skip


def _signature_headers(sheet: str) -> list[str]:
    fields = L.SIGNATURE[sheet]
    return [c.header for c in L.COLUMNS[sheet] if c.field in fields]


def _csv_rows(name: str) -> list[tuple[int, tuple[Any, ...]]]:
    text = _csv_text(name)
    try:
        reader = csv.reader(io.StringIO(text, newline=""))
        # Numbered by record, as a spreadsheet shows the rows (a cell may hold line breaks).
        return [(n, tuple(v if v.strip() else None for v in values))
                for n, values in enumerate(reader, start=1)]  # fmt: skip
    except csv.Error as exc:
        raise UnreadableFileError(f"this is not a CSV file laaeval can read ({exc})",
                                  file=name) from None  # fmt: skip


def _csv_text(name: str) -> str:
    try:
        if Path(name).is_dir():
            raise UnreadableFileError("this is a folder, not a CSV file", file=name)
        if os.stat(name).st_size > MAX_CSV:
            raise UnreadableFileError(f"the file is too large (at most {MAX_CSV // 2**20} MB)",
                                      file=name)  # fmt: skip
        data = Path(name).read_bytes()
    except FileNotFoundError:
        raise UnreadableFileError("no such file", file=name) from None
    except OSError as exc:
        raise UnreadableFileError(f"cannot be read ({exc.strerror or exc})", file=name) from None
    if b"\x00" in data:
        raise UnreadableFileError("this is not a text file (it holds NUL bytes); give a CSV "
                                  "file, or the workbook itself", file=name)  # fmt: skip
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnreadableFileError(
            f"this is not UTF-8 text (byte {exc.start + 1} is not); in Excel save it as "
            "'CSV UTF-8 (Comma delimited)', in LibreOffice choose the character set Unicode "
            "(UTF-8)", file=name) from None  # fmt: skip


def cell(values: tuple[Any, ...], index: int | None) -> Any:
    if index is None or index >= len(values):
        return None
    return values[index]


def describe(value: Any) -> str:
    return shorten(value if isinstance(value, str) else str(value))
