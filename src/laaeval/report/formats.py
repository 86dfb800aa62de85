"""The formats ``score`` prints and ``report`` writes, each mapped to its one renderer.

Every renderer reads the same list of Assessments and returns text; the terminal table
returns a rich renderable instead, because it is laid out for the screen; the Word renderer
returns the bytes of its file, and the Excel one a :class:`~laaeval.files.output.Binary`
that is zipped straight into the file being written, never whole in memory. Score's JSON
and the JSON report are one document, so one renderer serves both. A test checks that
every format has a renderer, and every report format an extension.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import UsageError, did_you_mean, shorten

if TYPE_CHECKING:
    from ..scoring.result import Assessment

Renderer = Callable[[Sequence["Assessment"]], Any]

# Names people give one format: score says "markdown", report and compare "md", and an
# evaluator may type either, or "excel", "word", "htm" or a file's extension.
_SAME_FORMAT = [{"md", "markdown"}, {"html", "htm"}, {"xlsx", "excel"}, {"docx", "word"},
                {"table", "text", "txt"}]  # fmt: skip


class FormatName(StrEnum):
    """A format named on the command line: any of its usual names, in any case."""

    @classmethod
    def _missing_(cls, value: object) -> FormatName | None:
        typed = str(value).strip().lower().removeprefix(".")
        names = next((same for same in _SAME_FORMAT if typed in same), {typed})
        return next((member for member in cls if member.value in names), None)

    @classmethod
    def named(cls, typed: str) -> FormatName:
        """The format ``--format typed`` names, or a one-line error listing the formats."""
        try:
            return cls(typed)
        except ValueError:
            values = [member.value for member in cls]
            names = values + sorted(n for same in _SAME_FORMAT if same & set(values)
                                    for n in same if n not in values)  # fmt: skip
            raise UsageError(f"--format {shorten(typed)} is not one of: {', '.join(values)}"
                             f"{did_you_mean(str(typed).strip().lower(), names)}") from None


class ScoreFormat(FormatName):
    """What ``laaeval score --format`` prints."""

    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


class ReportFormat(FormatName):
    """What ``laaeval report`` writes."""

    html = "html"
    md = "md"
    json = "json"
    csv = "csv"
    docx = "docx"
    xlsx = "xlsx"


EXTENSIONS = {
    ".html": ReportFormat.html,
    ".htm": ReportFormat.html,
    ".md": ReportFormat.md,
    ".json": ReportFormat.json,
    ".csv": ReportFormat.csv,
    ".docx": ReportFormat.docx,
    ".xlsx": ReportFormat.xlsx,
}
_NAMES = {
    ReportFormat.html: "HTML",
    ReportFormat.md: "Markdown",
    ReportFormat.json: "JSON",
    ReportFormat.csv: "CSV",
    ReportFormat.docx: "Word",
    ReportFormat.xlsx: "Excel",
}


def renderer(fmt: ScoreFormat | ReportFormat) -> Renderer:
    """The renderer for a format, imported only now: each run pays for the one format it
    writes (a CSV never loads Jinja)."""
    # Compared by identity: the two enums share values ("json", "csv") that mean the same
    # document for json but a different table for csv.
    if fmt is ScoreFormat.table:
        from .table import render
    elif fmt is ScoreFormat.json or fmt is ReportFormat.json:
        from .json import render
    elif fmt is ScoreFormat.csv:
        from .csv import render_scores as render
    elif fmt is ReportFormat.csv:
        from .csv import render_report as render
    elif fmt is ScoreFormat.markdown:
        from .markdown import render_scores as render
    elif fmt is ReportFormat.md:
        from .markdown import render_report as render
    elif fmt is ReportFormat.docx:
        from .docx import render
    elif fmt is ReportFormat.xlsx:
        from .xlsx import render
    else:
        from .html import render
    return render


def chunker(fmt: ScoreFormat) -> Callable[[Iterable[Assessment]], Iterator[str]]:
    """For the formats ``score`` prints as text: the renderer that gives the text a piece
    per assessment as each is scored, the same bytes as :func:`renderer` gives whole."""
    if fmt is ScoreFormat.json:
        from .json import chunks
    elif fmt is ScoreFormat.csv:
        from .csv import score_chunks as chunks
    elif fmt is ScoreFormat.markdown:
        from .markdown import score_chunks as chunks
    else:
        raise ValueError(f"{fmt} is not printed a piece at a time")
    return chunks


def format_for(path: str | os.PathLike[str], fmt: str | None = None) -> ReportFormat:
    """The report format asked for, or else the one the output file's extension names."""
    if fmt is not None:
        return ReportFormat.named(fmt)
    choices = ", ".join(f.value for f in ReportFormat)
    suffix = Path(path).suffix.lower()
    if suffix in EXTENSIONS:
        return EXTENSIONS[suffix]
    known = ", ".join(EXTENSIONS)
    raise UsageError(
        f"cannot tell the report format from the name {shorten(Path(path).name)}: end it "
        f"with {known}, or give --format ({choices})"
        f"{did_you_mean(suffix, EXTENSIONS) if suffix else ''}"
    )


def format_name(fmt: ReportFormat) -> str:
    return _NAMES[fmt]
