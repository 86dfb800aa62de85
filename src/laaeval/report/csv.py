"""Spreadsheets, for an analyst to filter and pivot: the score table (``laaeval score
--format csv``: one row per criterion, level, aspect and overall line) and the report
(one row per indicator, with its criterion's score and band).

Every row carries its pilot, round and assessor, so several evidence files stack into one
sheet. Cells a spreadsheet would run as a formula are neutralised. The report starts with
a byte-order mark so that Excel reads it as UTF-8; the score table, printed to standard
output, does not.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from ..model.framework import Band, Verdict
from ..scoring.result import Assessment, CriterionScore, GroupScore, IndicatorScore
from ..text import coverage_pct, csv_lines, csv_table
from .rows import in_units
from .words import judgement_text

SCORE_COLUMNS = (
    "pilot", "round", "assessor", "row", "aspect", "level", "id", "title", "status", "score",
    "band", "provisional", "verdict", "judged", "applicable", "coverage", "strength",
    "contested", "mixed", "unsupported", "gaps",
)  # fmt: skip
REPORT_COLUMNS = (
    "pilot", "round", "assessor", "framework", "framework_version", "aspect", "level",
    "criterion_id", "criterion", "criterion_status", "criterion_judgement", "criterion_score",
    "criterion_band", "criterion_provisional", "criterion_contested", "criterion_rationale",
    "criterion_narrative",
    "indicator_id", "indicator", "status", "rating", "rating_label", "verdict", "score",
    "evidence_items", "strength", "contested", "unsupported", "rationale",
    # A row per part of the framework too, at every depth, after the indicators within it:
    # "row" says which (indicator, level, aspect, overall); "within" names the group a row
    # sits in, so that a pivot can add up any level (SAMM's streams within practices).
    "row", "depth", "group_id", "group", "within", "group_score", "group_band",
    "group_in_units",
)  # fmt: skip


def render_scores(assessments: Sequence[Assessment]) -> str:
    return csv_table(SCORE_COLUMNS, (row for a in assessments for row in _score_rows(a)))


def score_chunks(assessments: Iterable[Assessment]) -> Iterator[str]:
    """The score table a piece at a time (its header, then an assessment's rows each), so
    that ``score`` keeps only the one it is printing; the same bytes as
    :func:`render_scores`."""
    lines = csv_lines()
    yield lines(SCORE_COLUMNS)
    for a in assessments:
        yield "".join(lines(row, cells=True) for row in _score_rows(a))


def render_report(assessments: Sequence[Assessment]) -> str:
    return csv_table(REPORT_COLUMNS, (row for a in assessments for row in _report_rows(a)),
                     bom=True)  # fmt: skip


def _who(a: Assessment) -> tuple[object, ...]:
    return (a.record.pilot.name, a.record.pilot.round, a.record.assessor or "")


# -- the score table: a row per criterion, level, aspect and overall ----------------------


def _score_rows(a: Assessment) -> Iterator[tuple[object, ...]]:
    head = _who(a)
    for kind, _, x, _, aspect in _parts(a):
        if isinstance(x, CriterionScore):
            yield (*head, *_criterion(x))
        else:
            yield (*head, *_group(x, aspect, x.id if kind == "level" else ""))


def _parts(a: Assessment) -> Iterator[tuple[str, int, CriterionScore | GroupScore, str, str]]:
    """Criteria and groups in reading order, to any depth, each subtotal after what is
    within it: (row, depth, the criterion or group, the id of the group it is in, aspect)."""
    by_id = {c.id: c for c in a.criteria}

    def walk(g: GroupScore, depth: int, within: str,
             aspect: str) -> Iterator[tuple[str, int, CriterionScore | GroupScore, str, str]]:
        for inner in g.levels:
            yield from walk(inner, depth + 1, g.id, aspect)
        if not g.levels:
            for cid in g.criteria:
                yield "criterion", depth + 1, by_id[cid], g.id, aspect
        yield g.kind, depth, g, within, aspect

    for aspect in a.aspects:
        yield from walk(aspect, 1, "", aspect.id)
    yield "overall", 0, a.overall, "", ""


def _criterion(c: CriterionScore) -> tuple[object, ...]:
    if not c.applicable:
        return ("criterion", c.aspect_id, c.level_id or "", c.id, c.text, c.status, "", "",
                "", "", 0, 0, "", "", "", "", "", "")  # fmt: skip
    return (
        "criterion", c.aspect_id, c.level_id or "", c.id, c.text, c.status, _blank(c.score),
        _band(c.band), _yes(c.provisional), _label(c.verdict), c.judged, c.total,
        _blank(coverage_pct(c.judged, c.total)), c.strength or "", _yes(c.contested),
        _yes(c.mixed), c.unsupported, len(c.gaps),
    )  # fmt: skip


def _group(g: GroupScore, aspect: str, level: str) -> tuple[object, ...]:
    return (
        g.kind, aspect, level, g.id, g.title, pass_status(g), _blank(g.score), _band(g.band),
        _yes(g.provisional), "", g.judged, g.total, _blank(coverage_pct(g.judged, g.total)), "",
        g.contested, g.mixed, g.unsupported, "",
    )  # fmt: skip


# -- the report: a row per indicator -----------------------------------------------------


def _report_rows(a: Assessment) -> Iterator[tuple[object, ...]]:
    head = (*_who(a), a.framework.id, a.framework.version)
    scale_max = a.framework.scale_max
    blank_criterion = ("",) * 10
    for kind, depth, x, within, aspect in _parts(a):
        if isinstance(x, CriterionScore):
            c = x
            whole = judgement_text(c, scale_max) if c.rating is not None or c.verdict else ""
            criterion = (c.aspect_id, c.level_id or "", c.id, c.text, c.status, whole,
                         _blank(c.score), _band(c.band), _yes(c.provisional),
                         _yes(c.contested), c.rationale or "", c.narrative or "")  # fmt: skip
            for i in c.indicators:
                yield (*head, *criterion, *_indicator(i), "indicator", depth + 1, "", "",
                       within, "", "", "")  # fmt: skip
            continue
        g = x
        level = g.id if kind == "level" else ""
        yield (*head, aspect, level, *blank_criterion, "", "", pass_status(g), *(("",) * 9),
               kind, depth, g.id,
               "Overall" if kind == "overall" else g.title, within, _blank(g.score),
               _band(g.band), in_units(g) or "")  # fmt: skip


def _indicator(i: IndicatorScore) -> tuple[object, ...]:
    return (
        i.id, i.text, i.status, _blank(i.rating), i.rating_label or "", _label(i.verdict),
        _blank(i.score), len(i.evidence), i.strength or "", _yes(i.contested),
        _yes(i.unsupported), i.rationale or "",
    )  # fmt: skip


def pass_status(g: GroupScore) -> str:
    """A group's status in the spreadsheets: whether it passes, where the framework has a
    pass to give (every item of a required importance met); blank where it has none."""
    return "" if g.passed is None else "passes" if g.passed else "does not pass"


def _band(band: Band | None) -> str:
    return band.label if band else ""


def _label(verdict: Verdict | None) -> str:
    return verdict.label if verdict else ""


def _blank(value: object) -> object:
    return "" if value is None else value


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"
