"""The comparison's heatmap, drawn as inline SVG with the report's building blocks:
pilots as rows, a part of the comparison's columns across, each cell tinted by its band
and showing its score and band (or "prov" for a provisional score).

A wide comparison is drawn in parts of at most :data:`PER_PART` columns, so that each part
prints on A4 landscape at its natural size: its text never shrinks below 8 points."""

from __future__ import annotations

import itertools
from collections.abc import Iterator, Sequence

from markupsafe import Markup

from ...report.svg import TRACK, WHITE, chart_pieces, heat_cell, heat_grid, rect, text_at
from ...text import shorten_text
from ..matrix import Cell, Comparison, PilotRow
from .lines import ABSENT_CODE, VERDICT_CODE, cell_text, column_label

PER_PART = 8  # columns in one part: the table (pilot, round, overall, coverage and 8
# cells of "100.0 A/G~") and the heatmap (400 + 8 × 62 px) fit A4 landscape (1030 px)
LABEL_W, CELL_W, CELL_H, TOP, SIZE = 400, 62, 20, 22, 11  # 11 px is 8.25 pt
LABEL_CHARS = 68  # of a row's label in LABEL_W at SIZE
# A column's label fits above its cell, upright, in FITS characters (bold, at SIZE); a
# longer one is written on a slant of ANGLE degrees, CHAR_W px a character, and the
# heatmap made taller and wider by what the slant needs.
FITS, ANGLE, CHAR_W = 9, 35, 6.2
SIN, COS = 0.5736, 0.8192  # of ANGLE


def parts(keys: Sequence[str], per_part: int = PER_PART) -> list[list[str]]:
    """The columns in as few parts as fit, as even as can be."""
    if not keys:
        return [[]]
    count = -(-len(keys) // per_part)
    size = -(-len(keys) // count)
    return [list(keys[i:i + size]) for i in range(0, len(keys), size)]


def comparison_heatmap(c: Comparison, rows: Sequence[PilotRow], names: Sequence[str],
                       keys: Sequence[str]) -> Iterator[Markup]:  # fmt: skip
    """Pilots (rows, named by ``names``) × ``keys``: each cell tinted by band. Drawn a
    pilot at a time, as the page is written: thousands of pilots are never held whole."""
    who = [_fit(n, r.pilot, LABEL_CHARS) for n, r in zip(names, rows, strict=True)]

    def cell(row: int, col: int, x: float, y: float) -> Iterator[str]:
        key = keys[col]
        return _compare_cell(rows[row].cells[key], key, names[row], x, y)

    labels = {col.id: column_label(col) for col in c.columns}  # PL7+, PA6← across versions
    shown = [labels.get(key, key) for key in keys]
    longest = max(map(len, shown), default=0)
    if longest > FITS:  # ids such as vulnerability_report_process: on a slant, in full
        rise, run = longest * CHAR_W * SIN, longest * CHAR_W * COS
        top = TOP + round(rise)
        body = heat_grid(shown, who, cell, left=LABEL_W, top=top, cell_w=CELL_W,
                         cell_h=CELL_H, angle=-ANGLE, size=SIZE, row_size=SIZE)  # fmt: skip
        width = LABEL_W + CELL_W * len(keys) + round(run)
    else:
        top = TOP
        upright = "".join(text_at(LABEL_W + n * CELL_W + CELL_W / 2, TOP - 7, label,
                                  anchor="middle", weight="bold", size=SIZE)
                          for n, label in enumerate(shown))  # fmt: skip
        body = itertools.chain([upright], heat_grid(
            shown, who, cell, left=LABEL_W, top=TOP, cell_w=CELL_W, cell_h=CELL_H, angle=0,
            size=SIZE, row_size=SIZE, slant=False))  # fmt: skip
        width = LABEL_W + CELL_W * len(keys) + 4
    height = top + CELL_H * len(rows) + 4
    label = f"Scores by pilot and {c.by}, {keys[0]} to {keys[-1]}, tinted by band" if keys else ""
    return map(Markup, chart_pieces(height, label, body, width, natural=True))


def _fit(label: str, pilot: str, limit: int) -> str:
    """A row's label within ``limit`` characters: the pilot's name is shortened, never the
    assessor or round that tell two rows apart."""
    if len(label) <= limit or pilot not in label:
        return shorten_text(label, limit)
    keep = max(12, len(pilot) - (len(label) - limit))
    return label.replace(pilot, shorten_text(pilot, keep), 1)


def _compare_cell(cell: Cell, key: str, who: str, x: float, y: float) -> Iterator[str]:
    if cell.absent:
        yield rect(x, y, CELL_W, CELL_H, TRACK,
                   f"{who}, {key}: no like-for-like column in its version", stroke=WHITE)
        yield text_at(x + CELL_W / 2, y + 14, ABSENT_CODE, anchor="middle", size=SIZE)
        return
    shown = VERDICT_CODE if cell.verdict and cell.score is None else None
    if cell.score is not None:
        shown = cell_text(cell)  # "66.7 A/G", "33.3 prov", or the score alone without bands
    yield from heat_cell(x, y, CELL_W, CELL_H, f"{who}, {key}", cell.score, cell.band,
                         applicable=cell.applicable,
                         unscored=cell.verdict or "not yet scored",
                         shown=shown, size=SIZE)  # fmt: skip
