"""The comparison for the terminal: the matrix laid out to fit the screen, then the
programme view, trends and agreement.

The matrix has pilots down and columns across where that fits the screen's width (and
always in a file). Where it does not, it is turned: the framework's columns down, the
pilots across, numbered in a key above that names each in full with its round and
assessor; and where even the pilots do not fit across, they are shown in blocks, so no
line is wider than the screen and nothing is left out."""

from __future__ import annotations

import textwrap
from collections.abc import Iterator, Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from ...text import coverage_pct, one_line, plural, terminal_safe
from ..matrix import Cell, PilotRow
from ..views import View
from .lines import (
    PASSES,
    cell_text,
    column_label,
    key_lines,
    legend_parts,
    mean_rows,
    means_note,
    other_views,
    pass_text,
)

ROUND = 10
CELL = 10
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
        Text("Cells: " + legend_parts(c)[0], style="dim"),
        Text("; ".join(legend_parts(c)[1:]), style="dim"),
        Text(""),
        _Matrix(v),
    ]
    note = means_note(c)
    if note:
        parts.append(Text(note, style="italic"))
    key = key_lines(c)
    if key:  # a deep framework: what each column is and where it sits
        parts.append(Text("\nColumns", style="bold"))
        parts.extend(Text(terminal_safe(line)) for line in key)
    for kind, lines in other_views(v):
        if lines and kind in TITLES:  # files left out are listed on standard error instead
            parts.append(Text(f"\n{TITLES[kind]}", style="bold"))
            parts.extend(Text(terminal_safe(line)) for line in lines)
    return Group(*parts)


class _Matrix:
    """Laid out once rich says how wide the screen is."""

    def __init__(self, v: View) -> None:
        self.v = v

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        width = options.max_width
        lines = list(_across(self.v, width))
        if max(cell_len(line.plain) for line in lines) > width:
            lines = list(_turned(self.v, width))
        for line in lines:
            line.rstrip()
            line.no_wrap = line.cell_len <= width  # the key and notes wrap at the edge
            yield line


def _rows(v: View) -> list[PilotRow]:
    return [r for _, rows in v.sections for r in rows]


# -- pilots down, columns across ---------------------------------------------------------


def _across(v: View, width: int) -> Iterator[Text]:
    c = v.comparison
    keys = [col.id for col in c.columns]
    names = [one_line(v.name(r)) for r in _rows(v)]
    name_w = max([len("Pilot"), len("Assessments with evidence") - ROUND - len(SEP),
                  *map(len, names)])  # fmt: skip
    name_w = min(name_w, max(30, width // 3))
    overall_w = CELL + 7
    header = Text(f"{'Pilot':<{name_w}}{SEP}{'Round':<{ROUND}}{SEP}{'Overall':<{overall_w}}",
                  style="bold")  # fmt: skip
    if c.gated:
        header.append(f"{SEP}{PASSES}")
    for col in c.columns:
        header.append(SEP + f"{column_label(col):<{CELL}}")
    yield header
    yield Text("━" * header.cell_len, style="dim")
    for heading, rows in v.sections:
        if heading:
            yield Text(one_line(heading), style="bold underline")
        for row in rows:
            yield _row(row, keys, v, name_w, overall_w)
    yield Text("─" * header.cell_len, style="dim")
    label = name_w + len(SEP) + ROUND
    for title, overall, cells in mean_rows(c, keys):
        line = Text(f"{title:<{label}}{SEP}{overall:<{overall_w}}", style="italic")
        if c.gated:
            line.append(SEP + " " * len(PASSES))
        for key in keys:
            line.append(SEP + f"{cells[key]:<{CELL}}")
        yield line


def _row(row: PilotRow, keys: list[str], v: View, name_w: int, overall_w: int) -> Text:
    partly = v.comparison.by == "criterion"
    name = one_line(v.name(row))
    if len(name) > name_w:
        name = name[: name_w - 1] + "…"
    line = Text(f"{name:<{name_w}}{SEP}")
    round_ = one_line(row.round)
    line.append(f"{round_ if len(round_) <= ROUND else round_[:ROUND - 1] + '…':<{ROUND}}{SEP}")
    coverage = coverage_pct(row.overall.judged, row.overall.total)
    shown = "" if coverage is None else f"{coverage:.1f}%"
    overall = f"{cell_text(row.overall)} {shown}"
    line.append(f"{overall:<{overall_w}}", style=_style(row.overall))
    if v.comparison.gated:
        line.append(f"{SEP}{pass_text(row.passed):<{len(PASSES)}}")
    for key in keys:
        cell = row.cells[key]
        line.append(SEP)
        line.append(f"{cell_text(cell, partly):<{CELL}}", style=_style(cell))
    return line


# -- columns down, pilots across ---------------------------------------------------------


def _turned(v: View, width: int) -> Iterator[Text]:
    c = v.comparison
    rows = _rows(v)
    keys = [col.id for col in c.columns]
    # PL7+, PA6← across versions; a group within a level indented beneath it.
    shown = {col.id: "  " * max(0, col.depth - 2) + column_label(col) for col in c.columns}
    label_w = max(len("Coverage"), len(c.by), *map(len, shown.values()))
    tag = [f"P{n}" for n in range(1, len(rows) + 1)]
    yield Text(f"Too wide for {width} columns with pilots down, so turned: the {c.by} "
               "ids down, the pilots across, numbered as below. For one pilot a row, "
               "write it to a file: --output comparison.html (or .txt, .xlsx).",
               style="dim")  # fmt: skip
    n = 0
    for heading, members in v.sections:
        if heading:
            yield Text(one_line(heading), style="bold underline")
        for r in members:
            # Wrapped by hand, under the name rather than under the number.
            for k, part in enumerate(textwrap.wrap(one_line(v.full_name(r)), max(20, width - 6))):
                yield Text(f"{tag[n] if k == 0 else '':>4}  {part}")
            n += 1
    yield Text("")
    means = mean_rows(c, keys)
    # Each column of the turned table: its heading and its text in each row.
    columns: list[tuple[str, dict[str, tuple[str, Cell | None]]]] = []
    for t, r in zip(tag, rows, strict=True):
        coverage = coverage_pct(r.overall.judged, r.overall.total)
        texts = {k: (cell_text(r.cells[k], c.by == "criterion"), r.cells[k]) for k in keys}
        texts["Overall"] = (cell_text(r.overall), r.overall)
        texts["Coverage"] = ("–" if coverage is None else f"{coverage:.1f}%", None)
        texts[PASSES] = (pass_text(r.passed), None)
        columns.append((t, texts))
    for title, overall, cells in means:
        short = {"Mean score": "Mean", "Scores in the mean": "In mean",
                 "of which provisional": "Prov", "Assessments with evidence": "Evidence"}
        texts = {k: (cells[k], None) for k in keys}
        texts["Overall"] = (overall, None)
        texts["Coverage"] = texts[PASSES] = ("", None)
        columns.append((short.get(title, title), texts))
    fits = max(1, (width - label_w) // (CELL + len(SEP)))
    count = -(-len(columns) // fits)  # as few blocks as fit, as even as can be
    per_block = -(-len(columns) // count)
    blocks = [columns[i:i + per_block] for i in range(0, len(columns), per_block)]
    for b, block in enumerate(blocks):
        if b:
            yield Text("")
        fixed = ["Overall", "Coverage", *([PASSES] if c.gated else [])]
        yield from _block(block, fixed, keys, label_w, c.by, shown)
    if any(t in ("Mean", "In mean", "Prov", "Evidence") for t, _ in columns):
        yield Text("Mean: each row's mean score; In mean: how many scores it rests on"
                   + ("; Prov: how many of those are provisional" if any(
                       t == "Prov" for t, _ in columns) else "")
                   + "; Evidence: assessments with evidence for it.", style="dim")


def _block(block: Sequence[tuple[str, dict[str, tuple[str, Cell | None]]]], fixed: list[str],
           keys: list[str], label_w: int, by: str,
           shown: dict[str, str]) -> Iterator[Text]:  # fmt: skip
    """One block of the turned table: the whole's rows (``fixed``: overall, coverage and
    whether it passes, in bold), a rule, then the framework's ``keys``."""
    header = Text(f"{by.capitalize():<{label_w}}", style="bold")
    for title, _ in block:
        header.append(SEP + f"{title:<{CELL}}")
    yield header
    yield Text("━" * header.cell_len, style="dim")
    for n, key in enumerate([*fixed, *keys]):
        line = Text(f"{shown.get(key, key):<{label_w}}", style="bold" if n < len(fixed) else "")
        for _, texts in block:
            text, cell = texts[key]
            line.append(SEP)
            line.append(f"{text:<{CELL}}", style=_style(cell) if cell is not None else "")
        yield line
        if n == len(fixed) - 1:
            yield Text("─" * header.cell_len, style="dim")


def _style(cell: Cell) -> str:
    if cell.band is not None and cell.band.colour:
        return f"bold {cell.band.colour}"
    return "dim"
