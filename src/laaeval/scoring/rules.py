"""Scoring by a framework's own rule, for frameworks that state one (a ``scoring:`` block,
answer sets, importance levels, nested groups, a scale floor or values that are not whole).

Every group is worked from its own children, not from all the criteria beneath it, and
every step is exact: nothing is rounded until it is shown. Each item, criterion and group
carries three numbers in the framework's own units: its value, the value that scores 0%
(the floor) and the value that scores 100% (the maximum). An item's percentage is
(value − floor) ÷ (maximum − floor). A sum adds all three and takes the percentage of the
totals (SAMM's stream: 1 + 0.5 + 0 of 3 = 50%); a mean takes the weighted mean of the
children's percentages, and of their values and maxima for the score in units (the same
thing when, as in SAMM, the children's maxima agree).

* An item not yet judged is left out, or counts as the floor (``unjudged: zero``).
* An assessor's n/a is left out, counts as the maximum (``not_applicable: met``), or is
  refused by validate (``forbidden``, unless the item allows it). An item that does not
  apply to this pilot by its details is always left out.
* A verdict such as "too early to say" is left out.
* An answer below the maximum counts as met where its importance says so (``unmet_counts``:
  always, or when the judgement is justified by a rationale).
* An item of a required importance (MUST) that is not met means no pass, whatever the
  percentage.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple

from ..model.evidence import EvidenceFile, Judgement
from ..model.framework import Aspect, Criterion, Framework, Indicator, Level
from ..text import exact, round1, round_to
from .result import (
    AS_A_WHOLE,
    NO_JUDGEMENT,
    NOT_APPLICABLE,
    NOT_JUDGED,
    RATED,
    STRENGTHS,
    VERDICT,
    Assessment,
    CriterionScore,
    GroupScore,
    IndicatorScore,
)

ASSESSOR_NA = "marked not applicable by the assessor"


class Part(NamedTuple):
    """A value with the values that score 0% and 100%, exactly, a weight, and its share of
    the way from floor to maximum (what its percentage shows)."""

    value: Fraction
    floor: Fraction
    maximum: Fraction
    weight: Fraction
    share: Fraction | None = None


def make_part(value: Fraction, floor: Fraction, top: Fraction, weight: Fraction) -> Part:
    share = (value - floor) / (top - floor) if top != floor else None
    return Part(value, floor, top, weight, share)


def combine(parts: Sequence[Part], how: str, weight: Fraction) -> Part | None:
    """The parts' mean (weighted) or sum; None when nothing is there to combine."""
    if not parts:
        return None
    if len(parts) == 1:  # the mean or sum of one thing is that thing (SAMM: one per level)
        only = parts[0]
        return only if only.weight == weight else only._replace(weight=weight)
    start = Fraction(0)
    if how == "sum":
        return make_part(sum((p.value for p in parts), start),
                    sum((p.floor for p in parts), start),
                    sum((p.maximum for p in parts), start), weight)  # fmt: skip
    # A mean averages the children's shares (their percentages), and, for a score in the
    # framework's units, their values and maxima: the same thing when their maxima agree.
    total = sum((p.weight for p in parts), start)
    shared = [p for p in parts if p.share is not None]
    share_weight = sum((p.weight for p in shared), start)
    share = (sum((p.share * p.weight for p in shared), start) / share_weight  # type: ignore[operator]
             if shared else None)  # fmt: skip
    return Part(sum((p.value * p.weight for p in parts), start) / total,
                sum((p.floor * p.weight for p in parts), start) / total,
                sum((p.maximum * p.weight for p in parts), start) / total, weight, share)


def percent(found: Part | None) -> Fraction | None:
    if found is None or found.share is None:
        return None
    return found.share * 100


def shown_percent(found: Part | None) -> float | None:
    """The percentage as shown: rounded once, from the exact share."""
    if found is None or found.share is None:
        return None
    return _shown_share(found.share.numerator, found.share.denominator)


# The same few values come back again and again (0, 25%, 50%, …): each is worked out once,
# keyed by whole numbers, which hash far faster than a Fraction.
@lru_cache(maxsize=4096)
def _shown_share(numerator: int, denominator: int) -> float:
    return round1(Fraction(numerator * 100, denominator))


@lru_cache(maxsize=4096)
def _rounded(numerator: int, denominator: int, places: int) -> float:
    return round_to(Fraction(numerator, denominator), places)


def _shown_units(value: Fraction, places: int) -> float:
    return _rounded(value.numerator, value.denominator, places)


class Rule:
    """One framework's rule, applied to one evidence file."""

    def __init__(self, framework: Framework, record: EvidenceFile) -> None:
        self.framework, self.record = framework, record
        self.scoring = framework.scoring
        self.floor = Fraction(exact(float(self.scoring.floor)))
        self.unmet: dict[str, bool] = {}  # item id -> counted as not met (required items)
        self.lenient: dict[str, str] = {}  # item id -> why an unmet answer counts as met
        self._tops: dict[str, Fraction] = {}
        self._parts: dict[tuple[object, ...], Part] = {}  # the few distinct answers, made once
        self._weights: dict[tuple[float, str | None], Fraction] = {}

    def weight_of(self, item: Criterion | Indicator) -> Fraction:
        key = (item.weight, item.importance)
        found = self._weights.get(key) if not item.weights_by else None
        if found is None:
            w = self.own_weight(item)
            level = self.framework.importance_by_id.get(item.importance or "")
            found = w * Fraction(exact(level.weight)) if level is not None else w
            if not item.weights_by:
                self._weights[key] = found
        return found

    def own_weight(self, node: Any) -> Fraction:
        """A weight, or the weight the framework gives pilots with these details (weights_by:
        a civic scorecard's section weights by council type)."""
        weight = _exactly(getattr(node, "weight", 1.0))
        by = getattr(node, "weights_by", None)
        if not by:
            return weight
        details = self.record.pilot.attributes
        listed = [values[details[attr]] for attr, values in by.items()
                  if details.get(attr) in values]  # fmt: skip
        if listed:
            weight = Fraction(1)
            for w in listed:
                weight *= _exactly(w)
        return weight

    def top(self, unit_id: str) -> Fraction:
        found = self._tops.get(unit_id)
        if found is None:
            values = [p.value for p in self.framework.points_for(unit_id)]
            found = self._tops[unit_id] = _exactly(max(values)) if values else Fraction(1)
        return found

    def answer(self, item: Criterion | Indicator, unit_id: str, status: str,
               rating: float | None, reason: str | None,
               judgement: Judgement | None) -> Part | None:  # fmt: skip
        """One judged point as a part, or None when it is left out."""
        top, weight = self.top(unit_id), self.weight_of(item)
        level = self.framework.importance_by_id.get(item.importance or "")
        value: Fraction | None = None
        if status == NOT_APPLICABLE:
            if reason == ASSESSOR_NA and self.scoring.not_applicable == "met" \
                    and item.not_applicable != "forbidden":
                value = top
        elif status == RATED and rating is not None:
            value = _exactly(rating)
            justified = judgement is not None and bool((judgement.rationale or "").strip())
            if value < top and level is not None and (
                    level.unmet_counts == "always"
                    or (level.unmet_counts == "justified" and justified)):
                value = top
                self.lenient[unit_id] = level.unmet_counts
        elif status == NO_JUDGEMENT and self.scoring.unjudged == "zero":
            value = self.floor
        if level is not None and level.required and not (
                status == NOT_APPLICABLE and value is None):
            self.unmet[unit_id] = value is None or value < top
        if value is None:
            return None
        key = (value.numerator, value.denominator, top.numerator, top.denominator,
               weight.numerator, weight.denominator)  # whole numbers hash fast; Fractions do not
        found = self._parts.get(key)
        if found is None:
            found = self._parts[key] = make_part(value, self.floor, top, weight)
        return found

    def criterion(self, criterion: Criterion, scored: CriterionScore) -> Part | None:
        judgements = self.record.judgements
        if scored.status == NOT_APPLICABLE:
            # Only an assessor's n/a can count (as met); what does not apply to the pilot
            # by its details is left out.
            if scored.not_applicable_reason != ASSESSOR_NA:
                return None
            whole = judgements.get(criterion.id)
            if criterion.indicators and whole is not None and whole.not_applicable:
                return self.answer(criterion, criterion.id, NOT_APPLICABLE, None,
                                   ASSESSOR_NA, whole)  # fmt: skip
        if scored.basis == AS_A_WHOLE:
            whole = judgements.get(criterion.id)
            status = RATED if scored.rating is not None else "verdict"
            return self.answer(criterion, criterion.id, status, scored.rating, None, whole)
        if criterion.judge == "criterion" and criterion.indicators:
            return self.answer(criterion, criterion.id, NO_JUDGEMENT, None, None, None)
        parts = []
        for unit, unit_score in zip(criterion.units, scored.indicators, strict=True):
            part = self.answer(unit, unit.id, unit_score.status, unit_score.rating,
                               unit_score.not_applicable_reason, judgements.get(unit.id))
            if part is not None:
                parts.append(part)
        return combine(parts, self.scoring.criteria, self.weight_of(criterion))


def by_rule(framework: Framework, record: EvidenceFile, criteria: tuple[CriterionScore, ...],
            banded: Callable[..., Any]) -> Assessment:
    """The Assessment under the framework's own rule (see the module's notes)."""
    rule = Rule(framework, record)
    parts: dict[str, Part | None] = {}
    scored: list[CriterionScore] = []
    unmet_in: dict[str, tuple[str, ...]] = {}  # criterion id -> its required items not met
    for criterion, score in zip(framework.criteria, criteria, strict=True):
        rule.unmet, rule.lenient = {}, {}
        part = parts[criterion.id] = rule.criterion(criterion, score)
        met = _met(part)
        unmet_here = tuple(k for k, v in rule.unmet.items() if v)
        if unmet_here:
            met = False
            unmet_in[criterion.id] = unmet_here
        met_by = ("justified" if "justified" in rule.lenient.values() else "always"
                  ) if rule.lenient else None  # fmt: skip
        scored.append(_shown_criterion(framework, score, part, criterion, met, banded, met_by))
    by_id = {c.id: c for c in scored}
    narrative = record.narrative
    required = any(level.required for level in framework.importance)

    def build(kind: str, node: Aspect | Level | Framework, children: Sequence[Any],
              members: list[CriterionScore], inner: tuple[GroupScore, ...],
              within: tuple[GroupScore, ...] | None = None) -> GroupScore:
        how = node.aggregate if not isinstance(node, Framework) else None
        how = how or framework.scoring.aggregate
        weight = rule.own_weight(node)
        child_parts = [p for p in children if p is not None]
        part = combine(child_parts, how, weight)
        ident = node.id
        parts[f"group:{ident}"] = part
        # Counts add up: a group's are its inner groups' (each criterion counted once).
        within = inner if within is None else within
        counts = _summed(within, framework) if within else _counted(members, framework)
        unmet = tuple(u for c in members for u in unmet_in.get(c.id, ()))
        value = shown_percent(part)
        if framework.scoring.unjudged == "zero":  # nothing is missing: never provisional
            band, provisional, provisional_band = framework.band_for(value), False, None
        else:
            band, provisional, provisional_band = banded(framework, value, counts["scored"],
                                                         counts["total"])  # fmt: skip
        return GroupScore(
            kind=kind, id=ident, title=getattr(node, "title", ""), **counts, score=value,
            band=band, provisional=provisional, provisional_band=provisional_band,
            narrative=narrative.get("overall" if kind == "overall" else ident), levels=inner,
            value=_units_value(framework, part), maximum=_units_max(framework, part),
            passed=(not unmet) if required else None, unmet_required=unmet,
            description=getattr(node, "description", None),
            guidance=getattr(node, "guidance", None),
        )  # fmt: skip

    def level_score(level: Level) -> GroupScore:
        inner = tuple(level_score(sub) for sub in level.levels)
        children = ([parts[f"group:{g.id}"] for g in inner] if inner
                    else [parts[c.id] for c in level.criteria])  # fmt: skip
        return build("level", level, children, [by_id[c.id] for c in level.criteria], inner)

    aspects = []
    for aspect in framework.aspects:
        inner = tuple(level_score(lv) for lv in aspect.levels)
        children = ([parts[f"group:{g.id}"] for g in inner] if inner
                    else [parts[c.id] for c in aspect.criteria])  # fmt: skip
        aspects.append(build("aspect", aspect, children,
                             [by_id[c.id] for c in aspect.criteria], inner))  # fmt: skip
    overall = build("overall", framework, [parts[f"group:{a.id}"] for a in aspects],
                    scored, (), tuple(aspects))  # fmt: skip
    return Assessment(framework, record, tuple(scored), tuple(aspects), overall)


@lru_cache(maxsize=256)
def _exactly(rating: float) -> Fraction:
    return Fraction(exact(float(rating)))


def _counted(members: Sequence[CriterionScore], framework: Framework) -> dict[str, Any]:
    """A group's counts from its criteria (as laaeval's first rule counts them), in one pass:
    a deep framework has a group for nearly every question."""
    applicable = scored_criteria = unjudged = judged = total = scored = 0
    contested = mixed = unsupported = 0
    verdicts: dict[str, int] = {}
    strength = dict.fromkeys(STRENGTHS, 0)
    for c in members:
        if not c.applicable:
            continue
        applicable += 1
        scored_criteria += c.score is not None
        unjudged += c.status == NOT_JUDGED
        judged += c.judged
        total += c.total
        scored += c.scored
        contested += c.contested
        mixed += c.mixed
        unsupported += c.unsupported
        if c.strength in strength:
            strength[c.strength] += 1  # type: ignore[index]
        if c.status == VERDICT and c.verdict:
            verdicts[c.verdict.id] = verdicts.get(c.verdict.id, 0) + 1
    return {
        "criteria": tuple(c.id for c in members), "criteria_applicable": applicable,
        "criteria_scored": scored_criteria,
        "criteria_verdicts": {v.id: verdicts[v.id] for v in framework.verdicts
                              if verdicts.get(v.id)} if verdicts else {},
        "criteria_unjudged": unjudged, "judged": judged, "total": total, "scored": scored,
        "coverage": judged / total if total else None, "strength": strength,
        "contested": contested, "mixed": mixed, "unsupported": unsupported,
    }  # fmt: skip


_ADDED = ("criteria_applicable", "criteria_scored", "criteria_unjudged", "judged", "total",
          "scored", "contested", "mixed", "unsupported")  # fmt: skip


def _summed(groups: Sequence[GroupScore], framework: Framework) -> dict[str, Any]:
    """A group's counts from the groups directly within it."""
    out: dict[str, Any] = {name: sum(getattr(g, name) for g in groups) for name in _ADDED}
    out["criteria"] = tuple(c for g in groups for c in g.criteria)
    out["coverage"] = out["judged"] / out["total"] if out["total"] else None
    out["strength"] = {s: sum(g.strength[s] for g in groups) for s in STRENGTHS}
    verdicts = {v.id: sum(g.criteria_verdicts.get(v.id, 0) for g in groups)
                for v in framework.verdicts}  # fmt: skip
    out["criteria_verdicts"] = {k: n for k, n in verdicts.items() if n}
    return out


def _met(part: Part | None) -> bool | None:
    return None if part is None else part.value >= part.maximum


def _units_value(framework: Framework, part: Part | None) -> float | None:
    if part is None or framework.scoring.units != "scale":
        return None
    return _shown_units(part.value, framework.scoring.decimals)


def _units_max(framework: Framework, part: Part | None) -> float | None:
    if part is None or framework.scoring.units != "scale":
        return None
    return _shown_units(part.maximum, framework.scoring.decimals)


def _shown_criterion(framework: Framework, score: CriterionScore, part: Part | None,
                     criterion: Criterion, met: bool | None, banded: Callable[..., Any],
                     met_by: str | None = None) -> CriterionScore:  # fmt: skip
    if score.status in (NOT_APPLICABLE, NOT_JUDGED):  # counted in its groups, not shown
        part = None
    value = shown_percent(part)
    if score.status == NOT_APPLICABLE:
        band, provisional, provisional_band = None, False, None
    elif framework.scoring.unjudged == "zero":  # an unjudged item counts: nothing is missing
        band, provisional, provisional_band = framework.band_for(value), False, None
    else:
        band, provisional, provisional_band = banded(framework, value, score.scored,
                                                     score.total)  # fmt: skip
    indicators = tuple(_shown_indicator(framework, u) for u in score.indicators)
    return replace(score, score=value, band=band, provisional=provisional,
                   provisional_band=provisional_band, indicators=indicators,
                   value=_units_value(framework, part), maximum=_units_max(framework, part),
                   importance=criterion.importance, met=met, met_by=met_by)  # fmt: skip


def _shown_indicator(framework: Framework, unit: IndicatorScore) -> IndicatorScore:
    """An indicator's percentage on its own answers, from the scoring floor."""
    if unit.rating is None:
        return unit
    points = framework.points_for(unit.id)
    top = max(p.value for p in points) if points else 1
    shown = _indicator_percent(unit.rating, float(framework.scoring.floor), top)
    return unit if shown == unit.score else replace(unit, score=shown)


@lru_cache(maxsize=1024)
def _indicator_percent(rating: float, floor: float, top: float) -> float | None:
    return shown_percent(make_part(_exactly(rating), _exactly(floor), _exactly(top),
                                   Fraction(1)))  # fmt: skip
