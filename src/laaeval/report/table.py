"""The tabulated assessment for the terminal (rich), grouped by aspect and level."""

from __future__ import annotations

from collections.abc import Sequence

from rich.cells import cell_len
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.text import Text

from ..model.framework import Framework
from ..scoring.counts import judged_fraction
from ..scoring.result import Assessment, CriterionScore, GroupScore
from ..text import fmt_score, one_line, shorten_text
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
    """The table, laid out when rich knows how wide the screen is: the criterion text gets
    whatever the fixed columns leave, and is shortened with an ellipsis to fit.

    Each row is drawn as one line of text rather than with rich's Table, which measured
    four times slower here and is most of the time ``laaeval score`` takes."""

    def __init__(self, a: Assessment) -> None:
        self.a = a

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = list(table_rows(self.a))
        framework = self.a.framework
        flag_width = max([5] + [cell_len(flags(r.criterion)) for r in rows if r.criterion]
                         + [cell_len(group_flags(r.group, framework)) for r in rows if r.group])
        fixed = sum(w for w, _ in _COLUMNS.values()) + flag_width + _SEP_WIDTH * 6
        width = max(12, min(90, options.max_width - fixed))
        widths = {**{k: w for k, (w, _) in _COLUMNS.items()}, "Criterion": width,
                  "Flags": flag_width}  # fmt: skip
        # Ids of a framework's own form (G-SM-1-A) are shown whole, up to a point.
        longest = max([4] + [len(r.criterion.id) for r in rows if r.criterion])
        if longest > 4:
            grow = min(longest, 12) - 4
            widths["ID"] += grow
            widths["Criterion"] = max(12, width - grow)
        yield _line(widths, {k: Text(k) for k in widths}, style="bold")
        yield Text("━" * (sum(widths.values()) + _SEP_WIDTH * 6), style="dim")
        for row in rows:
            if row.kind == "aspect" or row.kind == "overall":
                yield _line(widths, _cells(row, width, framework))
                if row.kind == "aspect":
                    yield Text("─" * (sum(widths.values()) + _SEP_WIDTH * 6), style="dim")
                continue
            yield _line(widths, _cells(row, width, framework))


_COLUMNS = {  # name: (width, justify); the criterion and flags columns are sized to fit
    "ID": (4, "left"), "Criterion": (0, "left"), "Judged": (7, "right"), "Score": (5, "right"),
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
    return line


def _cells(row: Row, width: int, framework: Framework) -> dict[str, Text]:
    if row.kind == "heading":
        style = "bold underline" if row.depth == 0 else "bold"
        return {"Criterion": Text(shorten_text(row.title, width), style=style)}
    if row.criterion is not None:
        c = row.criterion
        text = shorten_text(c.text, width)
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
        "Criterion": Text(shorten_text(label, width), style=style),
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
