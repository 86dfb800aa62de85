"""``laaeval compare``: read the files, build the comparison, render it, write it."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .compare import BY, compare, evidence_files, parse_where, scored_rows, trend_for, with_rows
from .errors import LaaevalError, UsageError
from .files.output import write_output
from .model.catalogue import resolve

FORMATS = ("table", "json", "csv", "md", "html")
_EXTENSIONS = {".json": "json", ".csv": "csv", ".md": "md", ".html": "html", ".htm": "html",
               ".txt": "table"}  # fmt: skip


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


def choose_format(request: CompareRequest) -> str:
    if request.fmt:
        if request.fmt not in FORMATS:
            raise UsageError(f"--format takes one of: {', '.join(FORMATS)}")
        return request.fmt
    if request.output:
        suffix = Path(request.output).suffix.lower()
        if suffix not in _EXTENSIONS:
            raise UsageError(f"cannot tell the format from {request.output!r}; add --format")
        return _EXTENSIONS[suffix]
    return "table"


def run_compare(request: CompareRequest) -> tuple[Any, list[LaaevalError]]:
    """The rendered comparison (None once written to --output) and the files left out."""
    from .render.compare_common import view

    fmt = choose_format(request)
    files = evidence_files(request.paths)
    if not files:
        raise UsageError("no evidence files found in the paths given")
    chosen = resolve(request.framework) if request.framework else None
    where = parse_where(request.where)
    if request.output:
        _check_folder(request.output)
    if request.by not in BY:
        raise UsageError(f"--by takes one of: {', '.join(BY)}")
    rows = scored_rows(files, request.by, chosen)
    comparison = compare(rows, request.by, where, request.skip_invalid)
    _check_details(comparison, [key for key, _ in where] + [request.group_by or "pilot"])
    if not comparison.rows:
        conditions = " and ".join(f"{k}={v}" for k, v in where)
        raise UsageError(f"no evidence file matches {conditions}; nothing to compare")
    sort = _check_sort(comparison, request.sort)
    if request.trend:
        comparison = with_rows(comparison, trend_for(comparison.rows, request.trend).rows)
    shown = view(comparison, None if request.trend else sort, request.group_by)
    rendered = _renderer(fmt)(shown)
    if request.output is None:
        return rendered, list(comparison.skipped)
    if not isinstance(rendered, str):
        rendered = _plain(rendered)
    write_output(request.output, rendered, "comparison")
    return None, list(comparison.skipped)


def _check_folder(path: str) -> None:
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise UsageError(f"there is no folder {folder!r} to write into", file=path)


def _check_details(comparison: Any, keys: list[str]) -> None:
    """--where and --group-by name details a pilot can have: refuse a misspelt one rather
    than silently match nothing."""
    known = ["pilot", "name", "round", "region", "assessor",
             *(a.id for a in comparison.framework.pilot_attributes)]  # fmt: skip
    for key in keys:
        if key not in known:
            from .errors import unknown

            raise UsageError(unknown("pilot detail", key, known) + f" (known: {', '.join(known)})")


def _check_sort(comparison: Any, sort: str | None) -> str | None:
    """The column to sort by, as the framework writes it (people type ``pn3``)."""
    if sort is None:
        return None
    keys = {k.casefold(): k for k in ("pilot", "name", "round", "overall")}
    keys.update({c.id.casefold(): c.id for c in comparison.columns})
    if sort.casefold() not in keys:
        from .errors import unknown

        raise UsageError(unknown("column to sort by", sort, sorted(keys.values())))
    return keys[sort.casefold()]


def _renderer(fmt: str) -> Any:
    if fmt == "json":
        from .render.compare_json import render
    elif fmt == "csv":
        from .render.compare_csv import render
    elif fmt == "md":
        from .render.compare_md import render
    elif fmt == "html":
        from .render.compare_html import render
    else:
        from .render.compare_table import render
    return render


def _plain(renderable: Any) -> str:
    from rich.console import Console

    with open(os.devnull, "w") as sink:
        console = Console(width=10_000, record=True, color_system=None, file=sink)
        console.print(renderable, soft_wrap=True)
    return console.export_text()
