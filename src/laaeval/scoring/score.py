"""The scoring model: a pure function from (framework, evidence file) to an Assessment.

Every renderer reads the Assessment; none recomputes a number. The arithmetic is kept
simple enough to check by hand:

* indicator score   = rating ÷ scale maximum × 100
* criterion score   = the criterion's own rating ÷ scale maximum × 100, where it is judged as
                      a whole; otherwise the weighted mean rating of its rated indicators ÷
                      scale maximum × 100 (a criterion with no indicators is rated directly)
* level, aspect and overall score = weighted mean of the criterion scores beneath them,
                      as reported (rounded to one decimal place), worked exactly
* coverage          = judged ÷ applicable, counting indicators (a criterion judged as a whole
                      counts all its indicators as judged)

"Not applicable" is left out of both sides. A verdict (such as "too early to say") is a
judgement, so it counts towards coverage, but it is left out of the score. "No judgement
yet" lowers coverage only. A score resting on less than the framework's share of the
applicable indicators (50% unless it says otherwise) is provisional and given no band.
Scores are rounded by text.round1 (one decimal place, halves upwards, on the exact value)
and the band is read from the rounded score, so what a reader sees and the band beside it
agree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any

from ..model.evidence import EvidenceFile, Judgement, exclusions
from ..model.framework import Band, Criterion, Framework, Indicator, Verdict
from ..text import exact, round1
from .recall import Key, question_key
from .result import (
    AS_A_WHOLE,
    FROM_INDICATORS,
    NO_JUDGEMENT,
    NONE,
    NOT_APPLICABLE,
    NOT_JUDGED,
    RATED,
    SCORED,
    VERDICT,
    Assessment,
    Contest,
    CriterionScore,
    EvidenceLink,
    GroupScore,
    IndicatorScore,
    adopt,
)
from .tally import counted, group_fields
from .weighing import contest_on, is_mixed, links_by_point, strength_of

ASSESSOR_NA = "marked not applicable by the assessor"

# An indicator's percentage under a framework's own rule: (its id, its rating) -> percent.
Percent = Callable[[str, "float | None"], "float | None"]


def score(framework: Framework, record: EvidenceFile) -> Assessment:
    links = links_by_point(framework, record.evidence)
    excluded = exclusions(framework, record.pilot)
    if not framework.scoring.legacy:  # the framework's own rule: every group from its children
        from .rules import by_rule

        return by_rule(framework, record, links, excluded, criterion_fields, banded)
    criteria = tuple(
        adopt(CriterionScore, criterion_fields(framework, record, c, links, excluded))
        for c in framework.criteria
    )
    by_id = {c.id: c for c in criteria}
    narrative = record.narrative
    aspects = []
    for aspect in framework.aspects:
        levels = tuple(
            _group(framework, "level", lv.id, lv.title, [by_id[c.id] for c in lv.criteria],
                   narrative.get(lv.id))
            for lv in aspect.levels
        )
        members = [by_id[c.id] for c in aspect.criteria]
        aspects.append(_group(framework, "aspect", aspect.id, aspect.title, members,
                              narrative.get(aspect.id), levels))  # fmt: skip
    overall = _group(framework, "overall", framework.id, framework.title, list(criteria),
                     narrative.get("overall"))  # fmt: skip
    return Assessment(framework, record, criteria, tuple(aspects), overall)


# -- indicators ----------------------------------------------------------------------------


def _score_indicator(framework: Framework, record: EvidenceFile, unit: Indicator,
                     links: list[EvidenceLink], excluded: Mapping[str, str], contested: bool,
                     percent: Percent | None) -> IndicatorScore:  # fmt: skip
    judgement = record.judgements.get(unit.id)
    reason = excluded.get(unit.id)
    if reason is None and judgement is not None and judgement.not_applicable:
        reason = ASSESSOR_NA
    status = NOT_APPLICABLE if reason is not None else _status(judgement)
    rating = judgement.rating if status == RATED and judgement is not None else None
    verdict = judgement.verdict if status == VERDICT and judgement is not None else None
    strength, sources = strength_of(links) if links else (NONE, 0)
    if rating is None:
        label = shown = None
    else:
        label = _label(framework, unit.id, rating)
        shown = _percent(rating, framework.scale_max) if percent is None \
            else percent(unit.id, rating)
    return adopt(IndicatorScore, {  # one for every point of every file: no keywords to pass
        "id": unit.id, "text": unit.text, "criterion_id": unit.criterion_id,
        "direct": unit.direct, "weight": unit.weight, "status": status, "rating": rating,
        "rating_label": label,
        "verdict": framework.verdicts_by_id[verdict] if verdict is not None else None,
        "rationale": judgement.rationale if judgement is not None else None,
        "not_applicable_reason": reason, "score": shown, "evidence": tuple(links),
        "strength": strength if status in (RATED, VERDICT) else None,
        "sources": sources, "contested": contested,
        "unsupported": rating is not None and not (links and _primary(links)),
    })  # fmt: skip


def _recalled(framework: Framework, record: EvidenceFile, unit: Indicator,
              excluded: Mapping[str, str], percent: Percent | None,
              memory: dict[str, dict[Key, dict[str, Any]]]) -> IndicatorScore:  # fmt: skip
    """_score_indicator for a point no evidence bears on (so that no one disputes it): the
    same result, made by copying the one worked out for the same answer before, on this
    point or on one like it (see _alike_points), with this point's id and words and this
    file's rationale put in (see scoring.recall)."""
    judgement = record.judgements.get(unit.id)
    found_key = question_key(judgement, excluded.get(unit.id))
    known = memory.get(unit.id)
    if known is None:
        known = memory[unit.id] = _alike_points(framework, unit)
    fields = known.get(found_key)
    if fields is None:
        made = _score_indicator(framework, record, unit, _NO_LINKS, excluded, False, percent)
        known[found_key] = made.__dict__.copy()
        return made
    made = object.__new__(IndicatorScore)  # made as scoring.recall makes its results
    own = made.__dict__
    own.update(fields)
    own["id"], own["text"], own["criterion_id"] = unit.id, unit.text, unit.criterion_id
    own["rationale"] = judgement.rationale if judgement is not None else None
    return made


def _memory_of(framework: Framework) -> dict[str, dict[Key, dict[str, Any]]]:
    """Each point's results by answer (see _recalled), kept on the framework (as its own
    cached properties are: the framework is frozen, so it goes in the object's dictionary).
    Whether the framework scores by laaeval's first rule or its own is part of it, so an
    indicator's percentage is the same for every file."""
    found = framework.__dict__.get("_scoring_points")
    if found is None:
        found = framework.__dict__["_scoring_points"] = {}
    return found  # type: ignore[no-any-return]


def _alike_points(framework: Framework, unit: Indicator) -> dict[Key, dict[str, Any]]:
    """The results remembered for points like this one: judged on the same answers, of the
    same weight (and kind of number: 1 and 1.0 are shown apart), and both judged directly
    or both not. Nothing else of a point with no evidence on it changes its result but its
    id, its words and the file's judgement of it (the key)."""
    shapes = framework.__dict__.get("_scoring_point_shapes")
    if shapes is None:
        shapes = framework.__dict__["_scoring_point_shapes"] = {}
    shape = (framework.points_for(unit.id), unit.weight.__class__, unit.weight, unit.direct)
    found = shapes.get(shape)
    if found is None:
        found = shapes[shape] = {}
    return found  # type: ignore[no-any-return]


def _status(judgement: Judgement | None) -> str:
    if judgement is None:
        return NO_JUDGEMENT
    if judgement.rating is not None:
        return RATED
    return VERDICT if judgement.verdict is not None else NO_JUDGEMENT


# -- criteria ------------------------------------------------------------------------------


def criterion_fields(
    framework: Framework,
    record: EvidenceFile,
    criterion: Criterion,
    links: Mapping[str, list[EvidenceLink]],
    excluded: Mapping[str, str],
    percent: Percent | None = None,
) -> dict[str, Any]:
    """The fields of the criterion's CriterionScore, for the caller to make it from, once
    (see result.adopt): under a framework's own rule, the rule adds its numbers first.
    ``percent`` gives an indicator's percentage under that rule (None: laaeval's first)."""
    if not criterion.indicators:
        return _question_fields(framework, record, criterion, links, excluded, percent)
    finding = _finding(record, criterion)
    memory = _memory_of(framework)
    if links:
        on = {u.id: links.get(u.id, _NO_LINKS) for u in criterion.units}
        disputed = {point: c for point, point_links in on.items()
                    if point_links and (c := contest_on(point, point_links))}  # fmt: skip
        units = tuple(
            # An assessor's finding of no dispute in the criterion answers for its indicators
            # too.
            _score_indicator(framework, record, u, on[u.id], excluded,
                             u.id in disputed and finding is not False, percent)
            if on[u.id] else _recalled(framework, record, u, excluded, percent, memory)
            for u in criterion.units
        )  # fmt: skip
    else:  # a file with no evidence at all
        on, disputed = {}, {}
        units = tuple([_recalled(framework, record, u, excluded, percent, memory)
                       for u in criterion.units])  # fmt: skip
    whole = record.judgements.get(criterion.id) if criterion.judged_as_whole else None
    live, rated, verdicts, unsupported = _live(units)
    reason = _not_applicable(excluded, record, criterion, units, live, whole)
    own = links.get(criterion.id, _NO_LINKS)
    every = [*own, *(link for u in live for link in on[u.id])] if links else _NO_LINKS
    result = (_result(framework, criterion, live, rated, verdicts, whole) if reason is None
              else _BLANK.copy())  # fmt: skip
    disputes: tuple[Contest, ...] = ()
    if reason is None:
        whole_dispute = contest_on(criterion.id, own) if own else None
        disputes = ((whole_dispute,) if whole_dispute else ()) + tuple(
            disputed[u.id] for u in live if u.id in disputed
        )
    unsupported += int(whole is not None and whole.rating is not None and not _primary(every))
    return _weighed(framework, record, criterion, result, reason, finding, disputes, every,
                    tuple(own), unsupported, units)  # fmt: skip


def _live(units: Sequence[IndicatorScore]) -> tuple[list[IndicatorScore],
                                                   list[tuple[float, float]], list[str], int]:
    """In one pass: the indicators that apply, the ratings and weights of those rated, the
    verdict ids of those given one, and how many ratings have no primary evidence behind
    them."""
    live: list[IndicatorScore] = []
    rated: list[tuple[float, float]] = []
    verdicts: list[str] = []
    unsupported = 0
    for u in units:
        status = u.status
        if status == NOT_APPLICABLE:
            continue
        live.append(u)
        if status == RATED:
            rated.append((u.rating, u.weight))  # type: ignore[arg-type]
            unsupported += u.unsupported
        elif status == VERDICT:
            verdicts.append(u.verdict.id)  # type: ignore[union-attr]
    return live, rated, verdicts, unsupported


def _question_fields(framework: Framework, record: EvidenceFile, criterion: Criterion,
                     links: Mapping[str, list[EvidenceLink]], excluded: Mapping[str, str],
                     percent: Percent | None) -> dict[str, Any]:  # fmt: skip
    """criterion_fields for a criterion with no indicators, a question judged on its own
    (every SAMM question is one), worked in one pass: the same fields, without the lists of
    indicators, live indicators and disputes a criterion of several needs. A deep framework
    is nearly all such questions."""
    ident = criterion.id
    on = links.get(ident, _NO_LINKS) if links else _NO_LINKS
    judgement = record.judgements.get(ident)
    finding = judgement.contested if judgement is not None else None
    dispute = contest_on(ident, on) if on else None
    unit = _score_indicator(framework, record, criterion.units[0], on, excluded,
                            dispute is not None and finding is not False, percent)
    # The question is its own point: it does not apply exactly when its point does not.
    reason = unit.not_applicable_reason
    if reason is not None:
        return _weighed(framework, record, criterion, _BLANK.copy(), reason, finding, (),
                        _NO_LINKS, (), 0, (unit,))  # fmt: skip
    status = unit.status
    value = None
    if status == RATED:
        outcome, basis, scored = SCORED, FROM_INDICATORS, 1
        if percent is None:  # under a rule, the rule puts in its own score
            value = _percent(_mean_of_one(unit.rating, unit.weight), framework.scale_max)
    else:
        outcome = VERDICT if status == VERDICT else NOT_JUDGED
        basis, scored = None, 0
    result = _outcome(framework, outcome, basis, None, None, unit.verdict, unit.rationale,
                      1 if status in (RATED, VERDICT) else 0, 1, scored, value, None, False)
    return _weighed(framework, record, criterion, result, None, finding,
                    (dispute,) if dispute is not None else (), on, (), int(unit.unsupported),
                    (unit,))  # fmt: skip


def _weighed(framework: Framework, record: EvidenceFile, criterion: Criterion,
             result: dict[str, Any], reason: str | None, finding: bool | None,
             disputes: tuple[Contest, ...], every: Sequence[EvidenceLink],
             own: tuple[EvidenceLink, ...], unsupported: int,
             units: tuple[IndicatorScore, ...]) -> dict[str, Any]:  # fmt: skip
    """The criterion's result (``result``, from :func:`_result`) with what the evidence on
    it says (``every``: the links on it and its applicable indicators) put in."""
    if every:
        strength, sources = strength_of(every)
        consulted = {t for link in every for t in link.sources}
    else:
        strength, sources, consulted = NONE, 0, _NOTHING
    contested = (bool(disputes) if finding is None else finding) and reason is None
    result.update(  # the result's own dictionary (see result.adopt)
        id=criterion.id, text=criterion.text, aspect_id=criterion.aspect_id,
        level_id=criterion.level_id, weight=criterion.weight, applicable=reason is None,
        not_applicable_reason=reason,
        strength=strength if result["status"] in (SCORED, VERDICT) else None,
        sources=sources, contested=contested, contest_finding=finding, contests=disputes,
        mixed=reason is None and not contested and bool(every) and is_mixed(every),
        unsupported=unsupported, evidence=own,
        evidence_items=tuple(dict.fromkeys(link.item_id for link in every)) if every else (),
        source_types=tuple(s.id for s in framework.source_types if s.id in consulted)
        if consulted else (),
        gaps=(tuple(s for s in criterion.sources if consulted.isdisjoint(s.types))
              if consulted else criterion.sources) if reason is None else (),
        indicators=units, narrative=record.narrative.get(criterion.id),
    )  # fmt: skip
    return result


_NO_LINKS: list[EvidenceLink] = []
_NOTHING: frozenset[str] = frozenset()


def _not_applicable(excluded: Mapping[str, str], record: EvidenceFile, criterion: Criterion,
                    units: Sequence[IndicatorScore], live: Sequence[IndicatorScore],
                    whole: Judgement | None) -> str | None:  # fmt: skip
    """Why the criterion does not apply to this pilot, or None when it does."""
    reason = excluded.get(criterion.id)
    if reason is None and whole is not None and whole.not_applicable:
        reason = ASSESSOR_NA
    if reason is None and not live and not (whole is not None and whole.judged):
        reasons = {u.not_applicable_reason for u in units}
        reason = reasons.pop() if len(reasons) == 1 else "every indicator is not applicable"
    return reason


def _result(framework: Framework, criterion: Criterion, live: Sequence[IndicatorScore],
            rated: list[tuple[float, float]], verdicts: list[str],
            whole: Judgement | None) -> dict[str, Any]:  # fmt: skip
    """The criterion's score and where it comes from, for a criterion with indicators: its
    own judgement as a whole if it has one, else its rated indicators (unless the framework
    judges it only as a whole). ``rated`` and ``verdicts`` are as :func:`_live` gives them."""
    mean = _percent(_mean(rated), framework.scale_max)
    total = len(live) or 1
    own = whole if whole is not None and whole.judged and not whole.not_applicable else None
    if own is not None:
        value = _percent(own.rating, framework.scale_max)
        status, basis = (SCORED if value is not None else VERDICT), AS_A_WHOLE
        judged, scored = total, total if value is not None else 0
        beside = mean
    elif criterion.judge == "criterion" and criterion.indicators:
        value, status, basis, beside = None, NOT_JUDGED, None, mean
        judged, scored = len(rated) + len(verdicts), 0
    else:
        value, beside = mean, None
        judged, scored = len(rated) + len(verdicts), len(rated)
        # Every indicator given a verdict, none rated: the criterion takes the verdict.
        whole_verdict = bool(verdicts) and len(verdicts) == len(live)
        status = SCORED if value is not None else (VERDICT if whole_verdict else NOT_JUDGED)
        basis = FROM_INDICATORS if value is not None else None
    verdict = own.verdict if own is not None else None
    if status == VERDICT and own is None:  # every judged indicator has a verdict
        verdict = _most_common(verdicts)
    return _outcome(
        framework, status, basis, own.rating if own is not None else None,
        _label(framework, criterion.id, own.rating) if own is not None else None,
        framework.verdicts_by_id[verdict] if verdict else None,
        # (a criterion with no indicators, whose own judgement is its point's, is scored by
        # _question_fields)
        whole.rationale if whole is not None else None,
        judged, total, scored, value, beside,
        _differs(framework, value, beside) if basis == AS_A_WHOLE else False,
    )  # fmt: skip


def _outcome(framework: Framework, status: str, basis: str | None, rating: float | None,
             label: str | None, verdict: Verdict | None, rationale: str | None, judged: int,
             total: int, scored: int, value: float | None, beside: float | None,
             differs: bool) -> dict[str, Any]:  # fmt: skip
    """The fields of a criterion's result that say its score and where it comes from, with
    its band (or that it is provisional)."""
    band, provisional, provisional_band = (banded(framework, value, scored, total)
                                           if value is not None else _UNBANDED)  # fmt: skip
    return {
        "status": status, "basis": basis, "rating": rating, "rating_label": label,
        "verdict": verdict, "rationale": rationale,
        "judged": judged, "total": total, "scored": scored, "coverage": judged / total,
        "score": value, "band": band, "provisional": provisional,
        "provisional_band": provisional_band, "indicator_score": beside, "differs": differs,
    }  # fmt: skip


def _label(framework: Framework, unit_id: str, rating: float | None) -> str | None:
    if rating is None:
        return None
    labels = framework.__dict__.get("_scoring_labels")  # kept on the framework, made once
    if labels is None:
        labels = framework.__dict__["_scoring_labels"] = {}
    key = (unit_id, rating)
    if key in labels:
        return labels[key]  # type: ignore[no-any-return]
    point = framework.point_for(unit_id, rating)
    found = labels[key] = point.label if point is not None else None
    return found


_UNBANDED = (None, False, None)  # no score: no band, and nothing provisional (see banded)

_BLANK: dict[str, object] = {  # a criterion that does not apply to this pilot
    "status": NOT_APPLICABLE, "basis": None, "rating": None, "rating_label": None,
    "verdict": None, "rationale": None, "judged": 0, "total": 0, "scored": 0,
    "coverage": None, "score": None, "band": None, "provisional": False,
    "provisional_band": None, "indicator_score": None, "differs": False,
}  # fmt: skip


def _finding(record: EvidenceFile, criterion: Criterion) -> bool | None:
    judgement = record.judgements.get(criterion.id)
    return judgement.contested if judgement is not None else None


def _primary(links: Sequence[EvidenceLink]) -> bool:
    """Whether any primary evidence stands behind a rating: the evaluators' synthesis alone
    is a conclusion, not evidence for it."""
    return any(link.basis == "primary" for link in links)


def _most_common(ids: list[str]) -> str | None:
    return Counter(ids).most_common(1)[0][0] if ids else None


def _differs(framework: Framework, whole: float | None, beside: float | None) -> bool:
    """Whether the indicators' mean is more than one band from the judgement as a whole."""
    if whole is None or beside is None:
        return False
    order = {band.id: n for n, band in enumerate(framework.bands)}
    a, b = framework.band_for(whole), framework.band_for(beside)
    return a is not None and b is not None and abs(order[a.id] - order[b.id]) > 1


# -- levels, aspects and the whole ---------------------------------------------------------


def _group(
    framework: Framework,
    kind: str,
    ident: str,
    title: str,
    members: list[CriterionScore],
    narrative: str | None,
    levels: tuple[GroupScore, ...] = (),
) -> GroupScore:
    tally = counted(members)
    mean = _mean([(c.score, c.weight) for c in members if c.applicable])
    value = None if mean is None else round1(mean)
    banding = banded(framework, value, tally[5], tally[4])  # indicators scored, applicable
    return adopt(GroupScore, group_fields(framework, kind, ident, title,
                                          tuple(c.id for c in members), tally, value, banding,
                                          narrative, levels))  # fmt: skip


def banded(framework: Framework, value: float | None, scored: int,
            total: int) -> tuple[Band | None, bool, Band | None]:  # fmt: skip
    """The band to show, whether the score is provisional, and the band it would have."""
    band = framework.band_for(value)
    if value is None or not total:
        return band, False, None
    # scored ÷ total < the threshold, in whole numbers (exactly as the Fractions would say,
    # without making one for every criterion and group)
    num, den = _threshold(framework.provisional_below)
    provisional = scored * 100 * den < num * total
    return (None, True, band) if provisional else (band, False, None)


@lru_cache(maxsize=64)
def _threshold(below: float) -> tuple[int, int]:
    limit = Fraction(exact(below))
    return limit.numerator, limit.denominator


def _percent(rating: float | Fraction | None, scale_max: int) -> float | None:
    """A rating, or a mean rating, as a percentage of the top of the scale, as reported
    (worked exactly, then rounded once). The same few values come back over and over, so
    each is worked out once (keyed by whole numbers, which hash faster than a Fraction)."""
    if rating is None:
        return None
    kind = rating.__class__
    if kind is int:  # one rating: the same few values over and over
        return _whole_percent(rating, scale_max)
    if kind is Fraction:
        exactly: Fraction = rating  # type: ignore[assignment]
        return _fraction_percent(exactly.numerator, exactly.denominator, scale_max)
    return _other_percent(rating, scale_max)


@lru_cache(maxsize=1024)
def _whole_percent(rating: int, scale_max: int) -> float:
    return round1(Fraction(rating * 100, scale_max))


# typed: a scale's top may be a whole number or not, and the sums differ (see _percent)
@lru_cache(maxsize=4096, typed=True)
def _fraction_percent(numerator: int, denominator: int, scale_max: int | float) -> float:
    return round1(Fraction(numerator, denominator) * 100 / scale_max)


@lru_cache(maxsize=1024, typed=True)
def _other_percent(rating: float, scale_max: int | float) -> float:
    return round1(Fraction(rating) * 100 / scale_max)


def _mean(pairs: Iterable[tuple[float | None, float]]) -> Fraction | None:
    """Weighted mean of the values that are present, exactly (values and weights as they
    are written), for round1 to round; None when there are none."""
    present = [(v, w) for v, w in pairs if v is not None]
    if not present:
        return None
    if len(present) == 1:  # one value (a question of its own): the same few, over and over
        return _mean_of_one(*present[0])
    return _mean_of(present)


@lru_cache(maxsize=1024, typed=True)
def _mean_of_one(value: float, weight: float) -> Fraction:
    return _mean_of([(value, weight)])


def _mean_of(present: list[tuple[float, float]]) -> Fraction:
    quick = _in_tenths(present)
    if quick is not None:
        return quick
    total: int | Fraction = 0
    weight: int | Fraction = 0
    for value, w in present:
        w = exact(w)
        total += exact(value) * w
        weight += w
    return Fraction(total, weight)


def _in_tenths(pairs: list[tuple[float, float]]) -> Fraction | None:
    """The same mean worked in whole tenths, when every value has at most one decimal place
    and every weight is whole (ratings, and scores as shown: nearly always); else None."""
    total = weight = 0
    for value, w in pairs:
        tenths = round(value * 10)
        if tenths / 10 != value or w != int(w):
            return None
        total += tenths * int(w)
        weight += int(w)
    return Fraction(total, 10 * weight)
