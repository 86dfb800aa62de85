"""``laaeval compare``: read the files, build the comparison, render it, write it."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import IO, Any

from ..errors import LaaevalError, UsageError, unknown
from ..files.output import Binary, refuse_overwriting, write_output
from ..model.catalogue import resolve
from ..model.framework import Framework
from ..report.run import SPOOL_IN_MEMORY, STDOUT, framework_files
from .formats import CompareFormat, choose_format, chunker, renderer
from .matrix import Comparison, check_by, compare, leaving_out_provisional, parse_where, with_rows
from .read import evidence_files, scored_rows
from .rounds import trend_for
from .versions import reconcile
from .views import view


@dataclass(frozen=True)
class CompareRequest:
    paths: list[str]
    by: str = "criterion"
    fmt: str | None = None
    output: str | None = None
    sort: str | None = None
    where: tuple[str, ...] = ()
    group_by: str | None = None
    trend: str | None = None
    skip_invalid: bool = False
    framework: str | None = None
    leave_out_provisional: bool = False


def run_compare(request: CompareRequest) -> tuple[Any, list[LaaevalError]]:
    """The rendered comparison (None once written to --output) and the files left out.

    JSON and CSV come as a file to read (the caller closes it), the other formats as text
    or the table to draw; a workbook is only ever written to its file."""
    if request.output == STDOUT:
        request = replace(request, output=None)
    request = replace(request, by=request.by.strip().lower())
    fmt = choose_format(request.fmt, request.output)
    if fmt is CompareFormat.xlsx and not request.output:
        raise UsageError("an Excel workbook is written to a file: add --output NAME.xlsx")
    files = evidence_files(request.paths)
    if not files:
        raise UsageError("no evidence files found in the paths given")
    chosen = resolve(request.framework) if request.framework else None
    where = parse_where(request.where)
    if request.output:
        _check_folder(request.output)
        refuse_overwriting(request.output, files, "comparison",
                           framework_files(request.framework))  # fmt: skip
    check_by(request.by)
    comparison = _comparison(request, files, where, chosen)
    sort = _check_sort(comparison, request.sort)
    if request.trend:
        comparison = with_rows(comparison, trend_for(comparison.rows, request.trend).rows)
    if request.leave_out_provisional:
        comparison = leaving_out_provisional(comparison)
    shown = view(comparison, None if request.trend else sort, request.group_by)
    pieces = chunker(fmt)
    if pieces is not None:  # JSON, CSV and HTML: written a piece at a time, never held whole
        if request.output is None:
            return _spooled(pieces(shown)), list(shown.comparison.skipped)
        write_output(request.output, pieces(shown), "comparison")
        return None, list(shown.comparison.skipped)
    rendered = renderer(fmt)(shown)
    if request.output is None:
        return rendered, list(shown.comparison.skipped)
    written = rendered if isinstance(rendered, (str, bytes, Binary)) else _plain(rendered)
    write_output(request.output, written, "comparison")
    return None, list(shown.comparison.skipped)


def _spooled(pieces: Iterator[str]) -> IO[str]:
    """The text in a temporary file (in memory while it is small), read from its start:
    for the screen or a pipe, printed once it is whole (the caller closes it)."""
    import tempfile

    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (handed to the caller)
        SPOOL_IN_MEMORY, "w+", encoding="utf-8", newline=""
    )
    try:
        for piece in pieces:
            spool.write(piece)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return spool


def _comparison(
    request: CompareRequest,
    files: list[str],
    where: list[tuple[str, str]],
    chosen: Framework | None,
) -> Comparison:
    """Every file read and scored into the matrix; refused if the details asked for are
    ones no pilot can have, or if no file matches them."""
    rows = scored_rows(files, request.by, chosen)
    comparison = compare(rows, request.by, where, request.skip_invalid, reconcile)
    _check_details(comparison, [key for key, _ in where] + [request.group_by or "pilot"])
    if not comparison.rows:
        conditions = " and ".join(f"{k}={v}" for k, v in where)
        raise UsageError(f"no evidence file matches {conditions}; nothing to compare")
    return comparison


def _check_folder(path: str) -> None:
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise UsageError(f"there is no folder {folder!r} to write into", file=path)


def _check_details(comparison: Comparison, keys: list[str]) -> None:
    """--where and --group-by name details a pilot can have: refuse a misspelt one rather
    than silently match nothing."""
    known = ["pilot", "name", "round", "region", "assessor",
             *(a.id for a in comparison.framework.pilot_attributes)]  # fmt: skip
    for key in keys:
        if key not in known:
            raise UsageError(unknown("pilot detail", key, known) + f" (known: {', '.join(known)})")


def _check_sort(comparison: Comparison, sort: str | None) -> str | None:
    """The column to sort by, as the framework writes it (people type ``pn3``)."""
    if sort is None:
        return None
    keys = {k.casefold(): k for k in ("pilot", "name", "round", "overall")}
    keys.update({c.id.casefold(): c.id for c in comparison.columns})
    if sort.casefold() not in keys:
        raise UsageError(unknown("column to sort by", sort, sorted(keys.values())))
    return keys[sort.casefold()]


def _plain(renderable: Any) -> str:
    from rich.console import Console

    with open(os.devnull, "w") as sink:
        console = Console(width=10_000, record=True, color_system=None, file=sink)
        console.print(renderable, soft_wrap=True)
    return console.export_text()
