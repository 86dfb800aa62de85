"""The rows of the tabulated assessment, in reading order, shared by the table renderers."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model.framework import Framework
from ..scoring.result import NA_MET, NOT_JUDGED, Assessment, CriterionScore, GroupScore
from ..text import plural
from .words import MET_BY_GAPS


@dataclass(frozen=True)
class Row:
    kind: str  # heading | criterion | level | aspect | overall
    depth: int  # 0 aspect, 1 level, 2 criterion
    criterion: CriterionScore | None = None
    group: GroupScore | None = None
    title: str = ""


def table_rows(a: Assessment) -> Iterator[Row]:
    """Aspect and level headings, criteria, then a subtotal after each level and aspect."""
    by_id = {c.id: c for c in a.criteria}
    for aspect in a.aspects:
        yield Row("heading", 0, title=aspect.title)
        for level in aspect.levels:
            yield from _level_rows(level, by_id, 1)
        if not aspect.levels:
            for cid in aspect.criteria:
                yield Row("criterion", 2, criterion=by_id[cid])
        yield Row("aspect", 0, group=aspect)
    yield Row("overall", 0, group=a.overall)


def _level_rows(level: GroupScore, by_id: dict[str, CriterionScore],
                depth: int) -> Iterator[Row]:  # fmt: skip
    """A level, and the levels within it to any depth, each with its subtotal."""
    yield Row("heading", depth, title=level.title)
    if level.levels:
        for inner in level.levels:
            yield from _level_rows(inner, by_id, depth + 1)
    else:
        for cid in level.criteria:
            yield Row("criterion", depth + 1, criterion=by_id[cid])
    yield Row("level", depth, group=level)


def group_label(g: GroupScore) -> str:
    """What a subtotal row is called in a score table."""
    return {"level": f"{g.title} subtotal", "aspect": f"{g.title}: total", "overall": "Overall"}[
        g.kind
    ]


def pass_line(a: Assessment) -> str:
    """Whether the framework's pass is met: every item of a required importance met."""
    unmet = a.overall.unmet_required
    if not unmet:
        return "Passes: every item of a required importance is met."
    framework = a.framework
    named = [f"{u} ({_importance(framework, u)})" for u in unmet]
    return f"Does not pass: not met, and required: {_ids(named)}."


def _importance(framework: Framework, unit_id: str) -> str:
    unit = framework.criteria_by_id.get(unit_id) or framework.units_by_id.get(unit_id)
    level = framework.importance_by_id.get(getattr(unit, "importance", None) or "")
    return level.label if level is not None else "required"


def in_units(x: CriterionScore | GroupScore) -> str | None:
    """A score in the framework's own units, such as "1.13 of 3", where it has them."""
    if x.value is None or x.maximum is None:
        return None
    return f"{x.value:g} of {x.maximum:g}"


def gaps_summary(a: Assessment) -> list[str]:
    """A few plain sentences on what is still missing, uncertain or in dispute."""
    live = [c for c in a.criteria if c.applicable]
    lines = []
    if a.overall.passed is not None:
        lines.append(pass_line(a))
    for how, words in MET_BY_GAPS.items():  # in the gaps, after the pass line
        lenient = [c.id for c in live if c.met_by == how]
        if lenient:
            lines.append(f"{words}: {_ids(lenient)}.")
    bare = [c.id for c in live if not c.evidence_items and c.met_by != NA_MET]  # n/a: none due
    if bare:
        lines.append(f"No evidence yet for {len(bare)} of {len(live)} criteria: {_ids(bare)}.")
    unjudged = [c.id for c in live if c.status == NOT_JUDGED]
    if unjudged:
        lines.append(f"Not yet judged: {_n(len(unjudged))}: {_ids(unjudged)}.")
    for verdict in a.framework.verdicts:
        given = [c.id for c in live if c.verdict is not None and c.verdict.id == verdict.id
                 and c.score is None]  # fmt: skip
        if given:
            lines.append(f"{verdict.label}: {_n(len(given))}: {_ids(given)}.")
    provisional = [c.id for c in live if c.provisional]
    if provisional:
        lines.append(f"Provisional (too little judged for a band): {_ids(provisional)}.")
    unsupported = [i.id for c in live for i in c.indicators if i.unsupported]
    unsupported += [c.id for c in live if c.rating is not None and not c.evidence_items]
    if unsupported:
        lines.append(f"Rated with no evidence behind the rating: {_ids(unsupported)}.")
    differs = [c.id for c in live if c.differs]
    if differs:
        lines.append("Judged as a whole more than one band from its indicators' mean "
                     f"(worth explaining): {_ids(differs)}.")  # fmt: skip
    gaps = [(c.id, len(c.gaps)) for c in live if c.gaps]
    if gaps:
        total = sum(n for _, n in gaps)
        listed = ", ".join(f"{cid} ({n})" for cid, n in gaps[:12])
        more = f" and {len(gaps) - 12} more" if len(gaps) > 12 else ""
        lines.append(
            f"Sources of evidence not yet consulted: {total} across {_n(len(gaps))} — "
            f"{listed}{more}."
        )
    contested = [c.id for c in live if c.contested]
    if contested:
        lines.append(f"Contested (people disagree): {_ids(contested)}.")
    mixed = [c.id for c in live if c.mixed]
    if mixed:
        lines.append(f"Mixed evidence, not a dispute: {_ids(mixed)}.")
    return lines


def _ids(ids: list[str], limit: int = 15) -> str:
    shown = ", ".join(ids[:limit])
    return shown + (f" and {len(ids) - limit} more" if len(ids) > limit else "")


def _n(count: int) -> str:
    return plural(count, "criterion", "criteria")
