"""The tabulated assessment for the terminal (rich), grouped by aspect and level."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.table import Table
from rich.text import Text

from ..scoring import Assessment, GroupScore
from ..text import fmt_score, one_line, shorten_text
from .rows import Row, flags, gaps_summary, table_rows


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
    whatever the fixed columns leave, and is shortened with an ellipsis to fit."""

    def __init__(self, a: Assessment) -> None:
        self.a = a

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        rows = list(table_rows(self.a))
        # Content widths of the fixed columns, plus padding and rules; the flags column
        # puts each flag on its own line ("contested", "1 unsupported") to stay narrow.
        fixed = 5 + 6 + 5 + 11 + 13 + 13 + 20
        width = max(12, options.max_width - fixed)
        table = Table(show_edge=False, pad_edge=False, header_style="bold")
        table.add_column("ID", no_wrap=True)
        table.add_column("Criterion", overflow="ellipsis", no_wrap=True, max_width=width)
        table.add_column("Judged", justify="right", no_wrap=True)
        table.add_column("Score", justify="right", no_wrap=True)
        table.add_column("Band", no_wrap=True)
        table.add_column("Evidence", no_wrap=True)
        table.add_column("Flags", no_wrap=True)
        for row in rows:
            _add(table, row, width)
        yield table


def _add(table: Table, row: Row, width: int) -> None:
    if row.kind == "heading":
        style = "bold underline" if row.depth == 0 else "bold"
        table.add_row("", Text(shorten_text(row.title, width), style=style))
    elif row.criterion is not None:
        c = row.criterion
        text = shorten_text(c.text, width)
        if not c.applicable:
            table.add_row(c.id, Text(text, style="dim"), "", "", "",
                          Text("not applicable", style="dim"), "")  # fmt: skip
            return
        table.add_row(
            c.id, Text(text), f"{c.judged}/{c.total}", fmt_score(c.score), _band(c.band),
            c.strength, flags(c).replace(", ", "\n"),
        )  # fmt: skip
    elif row.group is not None:
        _group_row(table, row.group, row.kind)


def _group_row(table: Table, g: GroupScore, kind: str) -> None:
    label = {"level": f"{g.title} subtotal", "aspect": f"{g.title}: total",
             "overall": "Overall"}[kind]  # fmt: skip
    style = "bold" if kind != "level" else "italic"
    flagged = f"{g.contested} contested" if g.contested else ""
    score = Text(fmt_score(g.score), style=style)
    table.add_row(
        "", Text(label, style=style), f"{g.judged}/{g.total}", score, _band(g.band), "", flagged,
        end_section=kind != "level",
    )  # fmt: skip


def _band(band) -> Text:  # type: ignore[no-untyped-def]
    if band is None:
        return Text("–")
    return Text(band.label, style=f"bold {band.colour}" if band.colour else "bold")
