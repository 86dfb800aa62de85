"""``laaeval score`` and ``laaeval report``: score the files, then render the result in the
format asked for, printed or written whole to a file."""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..model.catalogue import resolve, search_dirs
from ..scoring.batch import each_scored, score_all
from ..scoring.result import Assessment
from . import formats
from .formats import ReportFormat, ScoreFormat


def run_score(
    files: Sequence[str | os.PathLike[str]], fmt: ScoreFormat, framework: str | None
) -> Any:
    """The scored files in ``fmt``: a rich renderable for the terminal table; for the other
    formats, a file holding the text, read from its start (the caller closes it).

    Each assessment is rendered as it is scored and then let go, so memory stays flat
    however many files there are; the text waits in a temporary file (in memory while it
    is small) so that nothing is printed when any file has a mistake, as before.
    """
    chosen = resolve(framework) if framework else None
    if fmt is ScoreFormat.table:
        return formats.renderer(fmt)(score_all(files, chosen))
    import tempfile

    spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (handed to the caller, who closes it)
        SPOOL_IN_MEMORY, "w+", encoding="utf-8", newline=""
    )
    try:
        for chunk in formats.chunker(fmt)(each_scored(files, chosen)):
            spool.write(chunk)
        spool.seek(0)
    except BaseException:
        spool.close()
        raise
    return spool


SPOOL_IN_MEMORY = 8 << 20  # characters of output kept in memory before going to disk


STDOUT = "-"  # --output - : standard output


def run_report(
    files: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    fmt: str | None,
    framework: str | None,
) -> tuple[ReportFormat, int, str | bytes | None]:
    """Write the report on ``files`` to ``output``; returns its format, how many files it
    covers, and, for ``--output -``, the report itself to print. Checked before any file
    is read: the format, and that the report would not replace one of the evidence files
    or a framework."""
    if str(output) == STDOUT and fmt is None:
        from ..errors import UsageError

        raise UsageError("with --output - (standard output), say which format with --format")
    from ..files.output import refuse_overwriting  # only for a report: score never needs it

    chosen = formats.format_for(output, fmt)
    binary = chosen in (formats.ReportFormat.docx, formats.ReportFormat.xlsx)
    if str(output) == STDOUT and binary and sys.stdout.isatty():
        from ..errors import UsageError

        raise UsageError(f"the {formats.format_name(chosen)} report cannot be shown on the "
                         f"screen: give a file name with --output (report.{chosen.value}), "
                         "or pass it on to another program with a pipe (|)")  # fmt: skip
    refuse_overwriting(output, files, "report", framework_files(framework))
    assessments = score_all(files, resolve(framework) if framework else None)
    if str(output) == STDOUT:
        from ..files.output import Binary

        rendered = formats.renderer(chosen)(assessments)
        return chosen, len(assessments), (rendered.whole() if isinstance(rendered, Binary)
                                          else rendered)  # fmt: skip
    write_report(assessments, output, chosen)
    return chosen, len(assessments), None


def framework_files(chosen: str | None = None) -> list[Path]:
    """Every framework file laaeval knows of (and the one given with --framework): no
    command may write over one. Listed, not read, so the check costs next to nothing."""
    found = [p for _, folder in search_dirs() for p in (*folder.glob("*.yaml"),
                                                        *folder.glob("*.yml"))]  # fmt: skip
    if chosen and Path(chosen).is_file():
        found.append(Path(chosen))
    return found


def write_report(
    assessments: Sequence[Assessment], path: str | os.PathLike[str], fmt: ReportFormat
) -> None:
    """Render the report into a temporary file beside ``path`` (a workbook zipped straight
    into it), then replace ``path`` in one step: a failure at any point leaves no partial
    file, and an earlier report at ``path`` untouched."""
    from ..files.output import write_output

    write_output(path, formats.renderer(fmt)(assessments), "report")
