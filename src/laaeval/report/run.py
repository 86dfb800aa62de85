"""``laaeval score`` and ``laaeval report``: score the files, then render the result in the
format asked for, printed or written whole to a file."""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from ..files.output import refuse_overwriting, write_output
from ..model.catalogue import resolve
from ..scoring.batch import score_all
from ..scoring.result import Assessment
from . import formats
from .formats import ReportFormat, ScoreFormat


def run_score(
    files: Sequence[str | os.PathLike[str]], fmt: ScoreFormat, framework: str | None
) -> Any:
    """The scored files in ``fmt``: text, or a rich renderable for the terminal table."""
    assessments = score_all(files, resolve(framework) if framework else None)
    return formats.renderer(fmt)(assessments)


def run_report(
    files: Sequence[str | os.PathLike[str]],
    output: str | os.PathLike[str],
    fmt: str | None,
    framework: str | None,
) -> tuple[ReportFormat, int]:
    """Write the report on ``files`` to ``output``; returns its format and how many files
    it covers. Checked before any file is read: the format, and that the report would
    not replace one of the evidence files."""
    chosen = formats.format_for(output, fmt)
    refuse_overwriting(output, files, "report")
    assessments = score_all(files, resolve(framework) if framework else None)
    write_report(assessments, output, chosen)
    return chosen, len(assessments)


def write_report(
    assessments: Sequence[Assessment], path: str | os.PathLike[str], fmt: ReportFormat
) -> None:
    """Render the whole report in memory, then replace ``path`` in one step: a failure at
    any point leaves no partial file, and an earlier report at ``path`` untouched."""
    write_output(path, formats.renderer(fmt)(assessments), "report")
