"""The scoring model: a pure function from (framework, evidence file) to an Assessment.

Every renderer reads the Assessment; none recomputes a number. The arithmetic is kept
simple enough to check by hand:

* indicator score   = rating ÷ scale maximum × 100
* criterion score   = weighted mean rating of its rated indicators ÷ scale maximum × 100
                      (a criterion with no indicators is rated directly)
* level, aspect and overall score = weighted mean of the criterion scores beneath them,
                      as reported (rounded to one decimal place), worked exactly
* coverage          = judged ÷ applicable, counting indicators (or directly judged criteria)

"Not applicable" is left out of both sides; "no judgement yet" lowers coverage only. Scores
are rounded by text.round1 (one decimal place, halves upwards, on the exact value) and the
band is read from the rounded score, so what a reader sees and the band beside it agree.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from ..model.evidence import EvidenceFile, EvidenceItem, excluded_by
from ..model.framework import Band, Criterion, Framework, Indicator, Source
from ..text import exact, round1

NONE, SINGLE, CORROBORATED, TRIANGULATED = "none", "single source", "corroborated", "triangulated"
STRENGTHS = (NONE, SINGLE, CORROBORATED, TRIANGULATED)

RATED, NOT_APPLICABLE, NO_JUDGEMENT = "rated", "not applicable", "no judgement yet"


@dataclass(frozen=True)
class EvidenceLink:
    """One evidence item as it bears on one indicator."""

    item_id: str
    source: str
    kind: str  # views | documentation
    perspective: str
    stance: str  # supports | challenges | neutral


@dataclass(frozen=True)
class IndicatorScore:
    id: str
    text: str
    criterion_id: str
    direct: bool
    weight: float
    status: str  # rated | not applicable | no judgement yet
    rating: int | None
    rating_label: str | None
    rationale: str | None
    not_applicable_reason: str | None
    score: float | None
    evidence: tuple[EvidenceLink, ...]
    strength: str
    contested: bool
    unsupported: bool  # rated with no evidence item behind it


@dataclass(frozen=True)
class CriterionScore:
    id: str
    text: str
    aspect_id: str
    level_id: str | None
    weight: float
    applicable: bool
    not_applicable_reason: str | None
    judged: int
    total: int  # applicable indicators (or 1 for a criterion judged directly)
    coverage: float | None
    score: float | None
    band: Band | None
    strength: str
    contested: bool
    unsupported: int
    evidence_items: tuple[str, ...]
    source_types: tuple[str, ...]
    gaps: tuple[Source, ...]
    indicators: tuple[IndicatorScore, ...]


@dataclass(frozen=True)
class GroupScore:
    """A level, an aspect, or the whole framework."""

    kind: str  # level | aspect | overall
    id: str
    title: str
    criteria: tuple[str, ...]
    criteria_applicable: int
    criteria_scored: int
    judged: int
    total: int
    coverage: float | None
    score: float | None
    band: Band | None
    strength: Mapping[str, int]  # applicable criteria per evidence strength
    contested: int  # criteria flagged as contested
    unsupported: int  # ratings with no evidence behind them
    levels: tuple[GroupScore, ...] = ()


@dataclass(frozen=True)
class Assessment:
    framework: Framework
    record: EvidenceFile
    criteria: tuple[CriterionScore, ...]
    aspects: tuple[GroupScore, ...]
    overall: GroupScore

    def criterion(self, ident: str) -> CriterionScore:
        return next(c for c in self.criteria if c.id == ident)


def score(framework: Framework, record: EvidenceFile) -> Assessment:
    links = _links_by_unit(framework, record.evidence)
    # Which indicators the framework itself rules out for this pilot (its tier, say).
    excluded = {
        u.id: reason
        for c in framework.criteria
        for u in c.units
        if (reason := excluded_by(framework, u.id, record.pilot))
    }
    criteria = tuple(
        _score_criterion(framework, record, c, links, excluded) for c in framework.criteria
    )
    by_id = {c.id: c for c in criteria}
    aspects = []
    for aspect in framework.aspects:
        levels = tuple(
            _group(framework, "level", lv.id, lv.title, [by_id[c.id] for c in lv.criteria])
            for lv in aspect.levels
        )
        members = [by_id[c.id] for c in aspect.criteria]
        aspects.append(_group(framework, "aspect", aspect.id, aspect.title, members, levels))
    overall = _group(framework, "overall", framework.id, framework.title, list(criteria))
    return Assessment(framework, record, criteria, tuple(aspects), overall)


def _links_by_unit(
    framework: Framework, items: Iterable[EvidenceItem]
) -> dict[str, list[EvidenceLink]]:
    kinds = {s.id: s.kind for s in framework.source_types}
    links: dict[str, list[EvidenceLink]] = {}
    for item in items:
        kind = kinds[item.source]
        for unit_id, stance in item.bears_on.items():
            link = EvidenceLink(item.id, item.source, kind, item.perspective, stance)
            links.setdefault(unit_id, []).append(link)
    return links


def strength_of(links: Iterable[EvidenceLink]) -> str:
    types = {link.source for link in links}
    if not types:
        return NONE
    if len(types) == 1:
        return SINGLE
    kinds = {link.kind for link in links}
    return TRIANGULATED if len(kinds) > 1 else CORROBORATED


def is_contested(links: Iterable[EvidenceLink]) -> bool:
    """Someone supports and someone with a different perspective challenges."""
    supporters = {link.perspective for link in links if link.stance == "supports"}
    challengers = {link.perspective for link in links if link.stance == "challenges"}
    return any(s != c for s in supporters for c in challengers)


def _score_indicator(
    framework: Framework,
    record: EvidenceFile,
    unit: Indicator,
    links: list[EvidenceLink],
    excluded: Mapping[str, str],
) -> IndicatorScore:
    judgement = record.judgements.get(unit.id)
    reason = excluded.get(unit.id)
    rating = None
    if reason is None and judgement is not None and judgement.not_applicable:
        reason = "marked not applicable by the assessor"
    if reason is not None:
        status = NOT_APPLICABLE
    elif judgement is not None and judgement.rating is not None:
        status, rating = RATED, judgement.rating
    else:
        status = NO_JUDGEMENT
    score = _percent(rating, framework.scale_max)
    return IndicatorScore(
        id=unit.id,
        text=unit.text,
        criterion_id=unit.criterion_id,
        direct=unit.direct,
        weight=unit.weight,
        status=status,
        rating=rating,
        rating_label=framework.scale_by_value[rating].label if rating is not None else None,
        rationale=judgement.rationale if judgement is not None else None,
        not_applicable_reason=reason,
        score=score,
        evidence=tuple(links),
        strength=strength_of(links) if links else NONE,
        contested=bool(links) and is_contested(links),
        unsupported=rating is not None and not links,
    )


def _score_criterion(
    framework: Framework,
    record: EvidenceFile,
    criterion: Criterion,
    links: Mapping[str, list[EvidenceLink]],
    excluded: Mapping[str, str],
) -> CriterionScore:
    units = tuple(
        _score_indicator(framework, record, u, links.get(u.id, []), excluded)
        for u in criterion.units
    )
    live = [u for u in units if u.status != NOT_APPLICABLE]
    rated = [u for u in live if u.status == RATED]
    value = _percent(_mean((u.rating, u.weight) for u in rated), framework.scale_max)
    live_links = [link for u in live for link in u.evidence]
    consulted = {link.source for link in live_links}
    applicable = bool(live)
    reason = None
    if not applicable:
        reasons = {u.not_applicable_reason for u in units}
        reason = reasons.pop() if len(reasons) == 1 else "every indicator is not applicable"
    return CriterionScore(
        id=criterion.id,
        text=criterion.text,
        aspect_id=criterion.aspect_id,
        level_id=criterion.level_id,
        weight=criterion.weight,
        applicable=applicable,
        not_applicable_reason=reason,
        judged=len(rated),
        total=len(live),
        coverage=len(rated) / len(live) if live else None,
        score=value,
        band=framework.band_for(value),
        strength=strength_of(live_links),
        contested=any(u.contested for u in live),
        unsupported=sum(u.unsupported for u in live),
        evidence_items=tuple(dict.fromkeys(link.item_id for link in live_links)),
        source_types=tuple(t for t in (s.id for s in framework.source_types) if t in consulted),
        gaps=tuple(s for s in criterion.sources if applicable and not consulted & set(s.types)),
        indicators=units,
    )


def _group(
    framework: Framework,
    kind: str,
    ident: str,
    title: str,
    members: list[CriterionScore],
    levels: tuple[GroupScore, ...] = (),
) -> GroupScore:
    live = [c for c in members if c.applicable]
    scored = [c for c in live if c.score is not None]
    judged = sum(c.judged for c in live)
    total = sum(c.total for c in live)
    mean = _mean((c.score, c.weight) for c in scored)
    value = None if mean is None else round1(mean)
    return GroupScore(
        kind=kind,
        id=ident,
        title=title,
        criteria=tuple(c.id for c in members),
        criteria_applicable=len(live),
        criteria_scored=len(scored),
        judged=judged,
        total=total,
        coverage=judged / total if total else None,
        score=value,
        band=framework.band_for(value),
        strength={s: sum(1 for c in live if c.strength == s) for s in STRENGTHS},
        contested=sum(1 for c in live if c.contested),
        unsupported=sum(c.unsupported for c in live),
        levels=levels,
    )


def _percent(rating: float | Fraction | None, scale_max: int) -> float | None:
    """A rating, or a mean rating, as a percentage of the top of the scale, as reported
    (worked exactly, then rounded once)."""
    return None if rating is None else round1(Fraction(rating) * 100 / scale_max)


def _mean(pairs: Iterable[tuple[float | None, float]]) -> Fraction | None:
    """Weighted mean of the values that are present, exactly (values and weights as they
    are written), for round1 to round; None when there are none."""
    total: int | Fraction = 0
    weight: int | Fraction = 0
    for value, w in pairs:
        if value is None:
            continue
        w = exact(w)
        total += exact(value) * w
        weight += w
    return Fraction(total, weight) if weight else None
