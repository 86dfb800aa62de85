"""The report as a spreadsheet: one row per indicator, for an analyst to filter and pivot.

Every row carries its pilot, round and assessor, and its criterion's score and band, so
the reports of several pilots stack into one sheet. The file starts with a byte-order
mark so that Excel reads it as UTF-8, and cells a spreadsheet would run as a formula
are neutralised.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..scoring.score import Assessment, CriterionScore, IndicatorScore
from ..text import csv_table

BOM = "\ufeff"
COLUMNS = (
    "pilot", "round", "assessor", "framework", "framework_version", "aspect", "level",
    "criterion_id", "criterion", "criterion_score", "criterion_band", "indicator_id",
    "indicator", "status", "rating", "rating_label", "score", "evidence_items", "strength",
    "contested", "unsupported", "rationale",
)  # fmt: skip


def render(assessments: Sequence[Assessment]) -> str:
    return csv_table(COLUMNS, (row for a in assessments for row in _rows(a)), bom=True)


def _rows(a: Assessment) -> Iterator[tuple[object, ...]]:
    record, framework = a.record, a.framework
    head = (record.pilot.name, record.pilot.round, record.assessor or "", framework.id,
            framework.version)  # fmt: skip
    for c in a.criteria:
        for i in c.indicators:
            yield (*head, *_criterion(c), *_indicator(i))


def _criterion(c: CriterionScore) -> tuple[object, ...]:
    band = c.band.label if c.band else ""
    return (c.aspect_id, c.level_id or "", c.id, c.text, _blank(c.score), band)


def _indicator(i: IndicatorScore) -> tuple[object, ...]:
    return (
        i.id, i.text, i.status, _blank(i.rating), i.rating_label or "", _blank(i.score),
        len(i.evidence), i.strength, _yes(i.contested), _yes(i.unsupported), i.rationale or "",
    )  # fmt: skip


def _blank(value: object) -> object:
    return "" if value is None else value


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
