"""One renderer per output format, all reading the same scoring result.

Each renderer is a function ``(assessments) -> str``; the terminal table returns a rich
renderable instead, because it is drawn for the screen. ``RENDERERS`` maps every
format the CLI offers to its renderer, and a test checks that none is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from enum import StrEnum
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..scoring.score import Assessment


class ScoreFormat(StrEnum):
    table = "table"
    json = "json"
    csv = "csv"
    markdown = "markdown"


def renderer(fmt: ScoreFormat) -> Callable[[Sequence[Assessment]], Any]:
    # Imported on demand: each command pays only for the format it writes.
    if fmt is ScoreFormat.table:
        from .table import render
    elif fmt is ScoreFormat.json:
        from .json import render
    elif fmt is ScoreFormat.csv:
        from .csv import render
    else:
        from .markdown import render
    return render
