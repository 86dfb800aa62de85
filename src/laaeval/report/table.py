"""The tabulated assessment for the terminal (rich), grouped by aspect and level."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from ..model.framework import Framework
from ..scoring.counts import judged_fraction
from ..scoring.result import Assessment, CriterionScore, GroupScore
from ..text import fmt_score, one_line
from .rows import Row, gaps_summary, group_label, in_units, table_rows
from .words import PROVISIONAL, band_text, flags, group_flags, short_strength


def render(assessments: Sequence[Assessment]) -> RenderableType:
    parts: list[RenderableType] = []
    for n, a in enumerate(assessments):
        if n:
            parts.append(Text(""))
        parts.extend(_one(a))
    return Group(*parts)


def _one(a: Assessment) -> list[RenderableType]:
    record, framework = a.record, a.framework
    pilot = record.pilot
    heading = Text(one_line(pilot.name), style="bold")
    heading.append(f" — {one_line(pilot.round)}", style="bold")
    details = [f"framework {framework.id} version {framework.version}"]
    if record.assessor:
        details.append(f"assessor {one_line(record.assessor)}")
    if record.path:
        details.append(one_line(record.path))
    sub = Text(" · ".join(details), style="dim")

    table = _AssessmentTable(a)
    notes = [Text(line) for line in gaps_summary(a)]
    return [heading, sub, Text(""), table, Text(""), *notes]


class _AssessmentTable:
    """The table, laid out when rich knows how wide the screen is. Criteria are never cut:
    on a wide screen each criterion's text wraps within its column; where that column
    would be narrow (80 or 100 columns), each criterion's figures take one line and its
    text the lines below, across the whole width.

    Each row is drawn as lines of text rather than with rich's Table, which measured
    four times slower here and is most of the time ``laaeval score`` takes."""

    def __init__(self, a: Assessment) -> None:
        self.a = a

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = list(table_rows(self.a))
        framework = self.a.framework
        flag_width = max([5] + [cell_len(flags(r.criterion)) for r in rows if r.criterion]
                         + [cell_len(group_flags(r.group, framework)) for r in rows if r.group])
        id_width = max([4] + [len(r.criterion.id) for r in rows if r.criterion])
        fixed = sum(w for w, _ in _COLUMNS.values()) + id_width + flag_width + _SEP_WIDTH * 6
        width = options.max_width - fixed
        if width < WIDE_TEXT:
            yield from _stacked(rows, framework, id_width, options.max_width)
            return
        width = min(90, width)
        widths = {**{k: w for k, (w, _) in _COLUMNS.items()}, "ID": id_width,
                  "Criterion": width, "Flags": flag_width}  # fmt: skip
        rule = sum(widths.values()) + _SEP_WIDTH * 6
        yield _line(widths, {k: Text(k) for k in widths}, style="bold")
        yield Text("━" * rule, style="dim")
        for row in rows:
            cells = _cells(row, framework)
            text = cells.get("Criterion") or Text("")
            parts = _wrapped(text, width)
            yield _line(widths, {**cells, "Criterion": parts[0]})
            for more in parts[1:]:
                yield _line(widths, {"Criterion": more})
            if row.kind == "aspect":
                yield Text("─" * rule, style="dim")


WIDE_TEXT = 50  # narrower than this, a criterion's text goes below its figures


def _stacked(rows: list[Row], framework: Framework, id_width: int, screen: int) -> RenderResult:
    """Each criterion's figures on one line, its full text below, indented under the id."""
    widths = {k: w for k, (w, _) in _COLUMNS.items() if k != "Criterion"}
    widths["ID"] = id_width
    flags_at = sum(widths.values()) + _SEP_WIDTH * (len(widths) - 1)  # widths has Flags (0)
    widths["Flags"] = screen - flags_at
    if widths["Flags"] < len("Flags"):  # no room for the column: every note goes below
        del widths["Flags"]
    indent = id_width + 1
    rule = min(screen, flags_at + 20)
    yield _line(widths, {k: Text(k) for k in widths}, style="bold")
    yield Text(" " * indent + "Criterion", style="bold")
    yield Text("━" * rule, style="dim")
    for row in rows:
        cells = _cells(row, framework)
        text = cells.pop("Criterion", None) or Text("")
        if row.kind == "heading":
            yield from _wrapped(text, screen)
            continue
        if row.group is not None:  # a subtotal: what it totals, then its figures
            yield from (Text(" " * indent) + part for part in _wrapped(text, screen - indent))
        note = cells.pop("Flags", None) or Text("")
        room = widths.get("Flags", -1)
        if note.cell_len <= room:
            cells["Flags"] = note
        yield _line(widths, cells)
        if row.criterion is not None:
            yield from (Text(" " * indent) + part for part in _wrapped(text, screen - indent))
        if note.cell_len > room:
            for part in _wrapped(note, screen - indent):
                yield Text(" " * indent) + part
        if row.kind == "aspect":
            yield Text("─" * rule, style="dim")


def _wrapped(text: Text, width: int) -> list[Text]:
    """Text broken at spaces into lines of at most ``width`` cells, keeping its style."""
    if text.cell_len <= width:
        return [text]
    import textwrap

    lines = textwrap.wrap(text.plain, max(8, width), break_on_hyphens=False)
    return [Text(line, style=text.style) for line in lines] or [text]


_COLUMNS = {  # name: (width, justify); the id, criterion and flags columns are sized to fit
    "ID": (0, "left"), "Criterion": (0, "left"), "Judged": (7, "right"), "Score": (5, "right"),
    "Band": (16, "left"), "Evidence": (14, "left"), "Flags": (0, "left"),
}  # fmt: skip
_SEP = " │ "
_SEP_WIDTH = 3


def _line(widths: dict[str, int], cells: dict[str, Text], style: str = "") -> Text:
    line = Text(style=style, no_wrap=True, overflow="ellipsis")
    for n, (name, width) in enumerate(widths.items()):
        if n:
            line.append(_SEP, style="dim")
        cell = cells.get(name) or Text("")
        cell.truncate(width, overflow="ellipsis")
        gap = " " * (width - cell.cell_len)
        if _COLUMNS[name][1] == "right":
            line.append(gap)
            line.append_text(cell)
        else:
            line.append_text(cell)
            if n < len(widths) - 1:
                line.append(gap)
    line.rstrip()
    return line


def _cells(row: Row, framework: Framework) -> dict[str, Text]:
    if row.kind == "heading":
        style = "bold underline" if row.depth == 0 else "bold"
        return {"Criterion": Text(one_line(row.title), style=style)}
    if row.criterion is not None:
        c = row.criterion
        text = one_line(c.text)
        if not c.applicable:
            return {"ID": Text(c.id), "Criterion": Text(text, style="dim"),
                    "Evidence": Text("not applicable", style="dim")}  # fmt: skip
        return {
            "ID": Text(c.id), "Criterion": Text(text), "Judged": Text(judged_fraction(c)),
            "Score": Text(fmt_score(c.score)), "Band": _band(c),
            "Evidence": Text(short_strength(c)), "Flags": Text(flags(c)),
        }  # fmt: skip
    g = row.group
    assert g is not None
    label = group_label(g)
    style = "bold" if row.kind != "level" else "italic"
    return {
        "Criterion": Text(one_line(label), style=style),
        "Judged": Text(judged_fraction(g)), "Score": Text(fmt_score(g.score), style=style),
        "Band": _band(g), "Flags": Text(group_flags(g, framework)),
    }  # fmt: skip


def _band(x: CriterionScore | GroupScore) -> Text:
    """The band in its colour; a provisional score or a verdict says so, in plain type; a
    score in the framework's own units beside it."""
    units = in_units(x)
    if units is not None:
        own = Text(units)
        if x.band is not None:
            own.append(" " + x.band.label, style=f"bold {x.band.colour or ''}".strip())
        return own
    band = x.band
    if band is None:
        text = band_text(x)
        return Text(text, style="italic" if text == PROVISIONAL or text != "–" else "")
    return Text(band.label, style=f"bold {band.colour}" if band.colour else "bold")
