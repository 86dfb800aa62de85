"""The formats ``laaeval compare`` writes, each mapped to its one renderer, and the file
extensions that name them. A test checks that every format has a renderer."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError
from ..report.formats import FormatName

if TYPE_CHECKING:
    from .views import View


class CompareFormat(FormatName):
    table = "table"
    json = "json"
    csv = "csv"
    md = "md"
    html = "html"
    xlsx = "xlsx"


EXTENSIONS = {
    ".json": CompareFormat.json,
    ".csv": CompareFormat.csv,
    ".md": CompareFormat.md,
    ".html": CompareFormat.html,
    ".htm": CompareFormat.html,
    ".txt": CompareFormat.table,
    ".xlsx": CompareFormat.xlsx,
}


def choose_format(fmt: str | None, output: str | None) -> CompareFormat:
    """The format asked for, else the one the output file's extension names, else the
    table for the terminal."""
    if fmt:
        return CompareFormat.named(fmt)
    if output:
        suffix = Path(output).suffix.lower()
        if suffix not in EXTENSIONS:
            raise UsageError(f"cannot tell the format from {output!r}; add --format")
        return EXTENSIONS[suffix]
    return CompareFormat.table


def renderer(fmt: CompareFormat) -> Callable[[View], Any]:
    """The renderer for a format, imported only now (a JSON comparison never loads Jinja
    or rich). Each returns text, except the table (a rich renderable for the screen) and
    the workbook (a :class:`~laaeval.files.output.Binary`, zipped straight into its file)."""
    if fmt is CompareFormat.json:
        from .render.json import render
    elif fmt is CompareFormat.csv:
        from .render.csv import render
    elif fmt is CompareFormat.md:
        from .render.markdown import render
    elif fmt is CompareFormat.html:
        from .render.html import render
    elif fmt is CompareFormat.xlsx:
        from .render.xlsx import render
    else:
        from .render.table import render
    return render


def chunker(fmt: CompareFormat) -> Callable[[View], Iterator[str]] | None:
    """For the formats written a piece at a time (JSON, CSV and HTML, which a programme
    of thousands of pilots makes large): the renderer that gives the text in pieces, the
    same bytes as :func:`renderer` gives whole; None for the others."""
    if fmt is CompareFormat.json:
        from .render.json import chunks
    elif fmt is CompareFormat.csv:
        from .render.csv import chunks
    elif fmt is CompareFormat.html:
        from .render.html import chunks
    else:
        return None
    return chunks
