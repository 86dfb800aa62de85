"""The comparison's heatmap, drawn as inline SVG with the report's building blocks:
pilots as rows, the comparison's columns across, each cell tinted by its band."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from markupsafe import Markup

from ...report.svg import TRACK, WHITE, chart, heat_cell, heat_grid, rect, text_at
from ...text import shorten_text
from ..matrix import Cell, Comparison, PilotRow
from ..views import band_code
from .lines import ABSENT_CODE, column_label


def comparison_heatmap(c: Comparison, rows: Sequence[PilotRow]) -> Markup:
    """Pilots (rows) × columns of a comparison: each cell tinted by band. Wide cells show
    the score; narrow ones (many criteria) the band's short name, the score in a tooltip."""
    keys = [col.id for col in c.columns]
    label_w, cell_h, top = 230, 17, 34
    cell_w = max(22.0, min(60.0, (1040 - label_w) / max(len(keys), 1)))
    width = label_w + cell_w * len(keys) + 4
    who = [f"{shorten_text(r.pilot, 30)} ({shorten_text(r.round, 14)})" for r in rows]

    def cell(row: int, col: int, x: float, y: float) -> Iterator[str]:
        key = keys[col]
        return _compare_cell(rows[row].cells[key], key, who[row], x, y, cell_w, cell_h)

    labels = [column_label(col) for col in c.columns]
    body = heat_grid([shorten_text(k, 12) for k in labels], who, cell, left=label_w, top=top,
                     cell_w=cell_w, cell_h=cell_h, angle=-45, size=9.5, row_size=9.5)  # fmt: skip
    height = top + cell_h * len(rows) + 4
    return chart(height, "Scores by pilot and column, tinted by band", body, width, natural=True)


def _compare_cell(cell: Cell, key: str, who: str, x: float, y: float, w: float,
                  h: float) -> Iterator[str]:  # fmt: skip
    wide = w >= 40
    if cell.absent:
        yield rect(x, y, w, h, TRACK, f"{who}, {key}: no like-for-like column in its version",
                   stroke=WHITE)
        yield text_at(x + w / 2, y + 12, ABSENT_CODE, anchor="middle", size=9)
        return
    yield from heat_cell(x, y, w, h, f"{who}, {key}", cell.score, cell.band,
                         applicable=cell.applicable,
                         unscored=cell.verdict or "not yet scored",
                         shown=None if wide else band_code(cell.band),
                         size=9 if wide else 8)  # fmt: skip
