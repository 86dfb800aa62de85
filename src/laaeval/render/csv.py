"""One row per criterion, level, aspect and overall line, for a spreadsheet.

Several evidence files stack into one sheet (the pilot and round are columns), so an
analyst can filter and pivot. Cells a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..scoring.score import Assessment, CriterionScore, GroupScore
from ..text import coverage_pct, csv_table

COLUMNS = (
    "pilot", "round", "assessor", "row", "aspect", "level", "id", "title", "score", "band",
    "judged", "applicable", "coverage", "strength", "contested", "unsupported", "gaps",
)  # fmt: skip


def render(assessments: Sequence[Assessment]) -> str:
    return csv_table(COLUMNS, (row for a in assessments for row in _with_pilot(a)))


def _with_pilot(a: Assessment) -> Iterator[tuple[object, ...]]:
    head = (a.record.pilot.name, a.record.pilot.round, a.record.assessor or "")
    for row in _rows(a):
        yield (*head, *row)


def _rows(a: Assessment) -> Iterator[tuple[object, ...]]:
    by_id = {c.id: c for c in a.criteria}
    for aspect in a.aspects:
        for level in aspect.levels:
            for cid in level.criteria:
                yield _criterion(by_id[cid])
            yield _group(level, aspect.id, level.id)
        if not aspect.levels:
            for cid in aspect.criteria:
                yield _criterion(by_id[cid])
        yield _group(aspect, aspect.id, "")
    yield _group(a.overall, "", "")


def _criterion(c: CriterionScore) -> tuple[object, ...]:
    if not c.applicable:
        return ("criterion", c.aspect_id, c.level_id or "", c.id, c.text, "", "not applicable",
                0, 0, "", "", "", "", "")  # fmt: skip
    return (
        "criterion", c.aspect_id, c.level_id or "", c.id, c.text, _num(c.score),
        c.band.label if c.band else "", c.judged, c.total, _num(coverage_pct(c.judged, c.total)),
        c.strength, "yes" if c.contested else "no", c.unsupported, len(c.gaps),
    )  # fmt: skip


def _group(g: GroupScore, aspect: str, level: str) -> tuple[object, ...]:
    return (
        g.kind, aspect, level, g.id, g.title, _num(g.score), g.band.label if g.band else "",
        g.judged, g.total, _num(coverage_pct(g.judged, g.total)), "", g.contested,
        g.unsupported, "",
    )  # fmt: skip


def _num(value: float | None) -> object:
    return "" if value is None else value
