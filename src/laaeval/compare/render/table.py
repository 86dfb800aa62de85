"""The comparison for the terminal: the matrix, then the programme view, trends and
agreement. Lines are not wrapped, so a wide matrix scrolls sideways (`less -S`)."""

from __future__ import annotations

from collections.abc import Iterator

from rich.console import Group, RenderableType
from rich.text import Text

from ...text import coverage_pct, fmt_score, one_line, plural, shorten_text, terminal_safe
from ..matrix import Cell, PilotRow
from ..views import View, band_code, several_assessors
from .lines import cell_text, column_label, other_views

NAME = 30
ROUND = 10
CELL = 9
SEP = " │ "
TITLES = {
    "versions": "Across versions",
    "bands": "Bands across pilots",
    "least": "Least evidenced (the questions to ask first)",
    "changes": "Changes between rounds",
    "agreement": "Agreement between assessors",
}


def render(v: View) -> RenderableType:
    c = v.comparison
    parts: list[RenderableType] = [
        Text(
            f"{plural(len(c.rows), 'evidence file')} compared against {c.framework.id} version "
            f"{c.framework.version}, by {c.by}",
            style="bold",
        ),
        Text(
            f"Cells: score and band ({_legend(v)}); * provisional (too little judged for a "
            "band); v a verdict such as too early to say; n/a not applicable; – not yet scored"
            + ("; · no score to compare (see Across versions)" if c.older else ""),
            style="dim",
        ),
        Text(""),
    ]
    parts.extend(_matrix(v))
    for kind, lines in other_views(v):
        if lines and kind in TITLES:  # files left out are listed on standard error instead
            parts.append(Text(f"\n{TITLES[kind]}", style="bold"))
            parts.extend(Text(terminal_safe(line)) for line in lines)
    return Group(*parts)


def _legend(v: View) -> str:
    return " · ".join(f"{band_code(b)} {b.label}" for b in v.comparison.framework.bands)


def _matrix(v: View) -> Iterator[Text]:
    c = v.comparison
    keys = [col.id for col in c.columns]
    header = Text(f"{'Pilot':<{NAME}}{SEP}{'Round':<{ROUND}}{SEP}{'Overall':<{CELL + 8}}",
                  style="bold")  # fmt: skip
    for col in c.columns:
        header.append(SEP + f"{column_label(col):<{CELL}}")
    yield header
    yield Text("━" * header.cell_len, style="dim")
    with_assessor = several_assessors(c)
    for heading, rows in v.sections:
        if heading:
            yield Text(one_line(heading), style="bold underline")
        for row in rows:
            yield _row(row, keys, with_assessor)
    yield Text("─" * header.cell_len, style="dim")
    label = NAME + len(SEP) + ROUND
    overall_mean = fmt_score(c.summaries["overall"].mean)
    mean = Text(f"{'Mean score':<{label}}{SEP}{overall_mean:<{CELL + 8}}", style="italic")
    evidenced = Text(f"{'Assessments with evidence':<{label}}{SEP}{'':<{CELL + 8}}",
                     style="italic")  # fmt: skip
    for key in keys:
        s = c.summaries[key]
        mean.append(SEP + f"{fmt_score(s.mean):<{CELL}}")
        evidenced.append(SEP + f"{f'{s.evidenced}/{s.applicable}':<{CELL}}")
    yield mean
    yield evidenced


def _row(row: PilotRow, keys: list[str], with_assessor: bool) -> Text:
    name = row.pilot + (f" ({row.assessor})" if with_assessor and row.assessor else "")
    line = Text(f"{shorten_text(name, NAME):<{NAME}}{SEP}")
    line.append(f"{shorten_text(row.round, ROUND):<{ROUND}}{SEP}")
    coverage = coverage_pct(row.overall.judged, row.overall.total)
    overall = f"{cell_text(row.overall)} {'' if coverage is None else f'{coverage:.1f}%'}"
    line.append(f"{overall:<{CELL + 8}}", style=_style(row.overall))
    for key in keys:
        cell = row.cells[key]
        line.append(SEP)
        line.append(f"{cell_text(cell):<{CELL}}", style=_style(cell))
    return line


def _style(cell: Cell) -> str:
    if cell.band is not None and cell.band.colour:
        return f"bold {cell.band.colour}"
    return "dim"
