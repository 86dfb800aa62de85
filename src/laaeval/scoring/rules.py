"""Scoring by a framework's own rule, for frameworks that state one (a ``scoring:`` block,
answer sets, importance levels, nested groups, a scale floor or values that are not whole).

Every group is worked from its own children, not from all the criteria beneath it, and
every step is exact: nothing is rounded until it is shown. Each item, criterion and group
carries three numbers in the framework's own units: its value, the value that scores 0%
(the floor) and the value that scores 100% (the maximum). An item's percentage is
(value − floor) ÷ (maximum − floor). A sum adds all three and takes the percentage of the
totals (SAMM's stream: 1 + 0.5 + 0 of 3 = 50%); a mean takes the weighted mean of the
children's percentages, and of their floors and maxima for the score in units, whose value
is then the one at that percentage (the mean of the children's values, where, as in SAMM,
their maxima agree).

* An item not yet judged is left out, or counts as the floor (``unjudged: zero``).
* An assessor's n/a is left out, counts as the maximum (``not_applicable: met``), or is
  refused by validate (``forbidden``, unless the item allows it). An item that does not
  apply to this pilot by its details is always left out.
* A verdict such as "too early to say" is left out, or counts as the floor where items not
  yet judged do (SAMM counts whatever is not answered as 0).
* An answer below the maximum counts as met where its importance says so (``unmet_counts``:
  always, or when the judgement is justified by a rationale).
* An item of a required importance (MUST) that is not met means no pass, whatever the
  percentage.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from fractions import Fraction
from functools import lru_cache
from typing import Any, NamedTuple

from ..model.evidence import EvidenceFile, Judgement
from ..model.framework import Aspect, Criterion, Framework, Indicator, Level
from ..text import exact, round1, round_to
from .recall import Key, Remembered, question_key, question_shape
from .result import (
    AS_A_WHOLE,
    NA_MET,
    NO_JUDGEMENT,
    NONE,
    NOT_APPLICABLE,
    NOT_JUDGED,
    RATED,
    VERDICT,
    Assessment,
    CriterionScore,
    EvidenceLink,
    GroupScore,
    adopt,
)
from .tally import Tally, counted, group_fields, summed
from .weighing import strength_of

ASSESSOR_NA = "marked not applicable by the assessor"


class Part(NamedTuple):
    """A value with the values that score 0% and 100%, exactly, a weight, and its share of
    the way from floor to maximum (what its percentage shows)."""

    value: Fraction
    floor: Fraction
    maximum: Fraction
    weight: Fraction
    share: Fraction | None = None
    shown: float | None = None  # the share as a percentage as shown (rounded once)
    met: bool | None = None  # value >= maximum, where worked out when it was made
    units: tuple[float | None, float | None] | None = None  # value and maximum, as shown


def _shown(share: Fraction | None) -> float | None:
    return None if share is None else _shown_share(*share.as_integer_ratio())


def make_part(value: Fraction, floor: Fraction, top: Fraction, weight: Fraction) -> Part:
    # (value − floor) ÷ (top − floor), worked in whole numbers: Fraction's own operators
    # check their operands' types at every step, which cost more than the sums themselves.
    (vn, vd), (fn, fd), (tn, td) = (value.as_integer_ratio(), floor.as_integer_ratio(),
                                    top.as_integer_ratio())  # fmt: skip
    span = tn * fd - fn * td
    share = Fraction((vn * fd - fn * vd) * td, vd * span) if span else None
    return Part(value, floor, top, weight, share, _shown(share), vn * td >= tn * vd)


def _total(values: Iterable[Fraction]) -> Fraction:
    """The exact sum, in whole numbers (the same Fraction as ``sum``, made once)."""
    n, d = 0, 1
    for f in values:
        fn, fd = f.as_integer_ratio()
        if fd == d:
            n += fn
        else:
            n, d = n * fd + fn * d, d * fd
    return Fraction(n, d)


def _weighted(pairs: Iterable[tuple[Fraction, Fraction]]) -> tuple[int, int]:
    """The exact sum of value × weight, as a numerator and denominator (not reduced)."""
    n, d = 0, 1
    for f, w in pairs:
        (fn, fd), (wn, wd) = f.as_integer_ratio(), w.as_integer_ratio()
        pn, pd = fn * wn, fd * wd
        if pd == d:
            n += pn
        else:
            n, d = n * pd + pn * d, d * pd
    return n, d


def combine(parts: Sequence[Part], how: str, weight: Fraction) -> Part | None:
    """The parts' mean (weighted) or sum; None when nothing is there to combine."""
    if not parts:
        return None
    if len(parts) == 1:  # the mean or sum of one thing is that thing (SAMM: one per level)
        only = parts[0]
        return only if only.weight is weight or only.weight == weight \
            else only._replace(weight=weight)
    if how == "sum":
        return _sum(parts, weight)
    # A mean averages the children's shares (their percentages), and, for a score in the
    # framework's units, their values and maxima: the same thing when their maxima agree.
    total = _total([p.weight for p in parts])
    tn, td = total.as_integer_ratio()
    shared = [p for p in parts if p.share is not None]
    share = None
    if shared:
        share_weight = _total([p.weight for p in shared])
        n, d = _weighted([(p.share, p.weight) for p in shared])  # type: ignore[misc]
        share = Fraction(n * share_weight.denominator, d * share_weight.numerator)

    def mean(values: list[Fraction]) -> Fraction:
        n, d = _weighted(zip(values, [p.weight for p in parts], strict=True))
        return Fraction(n * td, d * tn)

    floor, maximum = mean([p.floor for p in parts]), mean([p.maximum for p in parts])
    if share is not None and not _alike(parts):
        # Parts of different sizes (2 points and 4): the mean of their values would say
        # another thing than the mean of their shares; the value is the share's, in units.
        value = floor + share * (maximum - floor)
    else:
        value = mean([p.value for p in parts])
    return Part(value, floor, maximum, weight, share, _shown(share))


def _sum(parts: Sequence[Part], weight: Fraction) -> Part:
    """The parts' sum: their values, floors and maxima added (exactly, in whole numbers, in
    one pass), and the share of the totals."""
    vn = fn = tn = 0
    vd = fd = td = 1
    for p in parts:
        (an, ad), (bn, bd), (cn, cd) = (p.value.as_integer_ratio(), p.floor.as_integer_ratio(),
                                        p.maximum.as_integer_ratio())  # fmt: skip
        vn, vd = (vn + an, vd) if ad == vd else (vn * ad + an * vd, vd * ad)
        fn, fd = (fn + bn, fd) if bd == fd else (fn * bd + bn * fd, fd * bd)
        tn, td = (tn + cn, td) if cd == td else (tn * cd + cn * td, td * cd)
    return _sum_of(vn, vd, fn, fd, tn, td, *weight.as_integer_ratio())


# The same few sums come back again and again (SAMM's streams add up answers in quarters):
# each is made once, keyed by whole numbers (the same sum in other terms is made again, as
# itself).
@lru_cache(maxsize=4096)
def _sum_of(vn: int, vd: int, fn: int, fd: int, tn: int, td: int, wn: int, wd: int) -> Part:
    return make_part(Fraction(vn, vd), Fraction(fn, fd), Fraction(tn, td), Fraction(wn, wd))


def _alike(parts: Sequence[Part]) -> bool:
    """Whether the parts share one floor and one maximum (most often the very same
    objects: the framework's floor, an answer set's top)."""
    first = parts[0]
    floor, top = first.floor, first.maximum
    return all((p.maximum is top or p.maximum == top) and (p.floor is floor or p.floor == floor)
               for p in parts)  # fmt: skip


def shown_percent(found: Part | None) -> float | None:
    """The percentage as shown: rounded once, from the exact share."""
    return None if found is None else found.shown


# The same few values come back again and again (0, 25%, 50%, …): each is worked out once,
# keyed by whole numbers, which hash far faster than a Fraction.
@lru_cache(maxsize=4096)
def _shown_share(numerator: int, denominator: int) -> float:
    return round1(Fraction(numerator * 100, denominator))


@lru_cache(maxsize=4096)
def _rounded(numerator: int, denominator: int, places: int) -> float:
    return round_to(Fraction(numerator, denominator), places)


class _Group(NamedTuple):
    """One group of the framework (an aspect, a level at any depth, or the whole), as its
    rule needs it: worked out once per framework."""

    kind: str
    node: Any  # Aspect | Level | Framework
    how: str
    weight: Fraction | None  # None: it depends on the pilot's details (weights_by)
    title: str
    narrative_key: str
    description: str | None
    guidance: str | None
    members: tuple[int, ...]  # the criteria beneath it, as places in framework.criteria
    inner: tuple[_Group, ...]
    criteria: tuple[str, ...]  # as its GroupScore lists them
    # what of a group of one question, besides its id and words, its result depends on (its
    # kind and weight), or None where it is never remembered (see scoring.recall)
    shape: tuple[Any, ...] | None = None


class _Plan:
    """What a framework's rule needs that does not depend on the file scored: the group tree
    and each group's weight, and the answers' tops, weights and parts as they are met. It is
    made once per framework and kept on it (see :func:`_plan_of`): a deep framework has more
    groups than questions, and working these out again for every file cost more than the
    scoring itself."""

    def __init__(self, framework: Framework) -> None:
        self.floor = Fraction(exact(float(framework.scoring.floor)))
        self.tops: dict[str, Fraction] = {}
        # each point's highest answer, for its percentage (an item with none: validate
        # refuses one, and 1 stands in)
        self.top_values: dict[str, float] = {
            u.id: max((p.value for p in framework.points_for(u.id)), default=1)
            for c in framework.criteria for u in c.units}  # fmt: skip
        self.floor_value = float(framework.scoring.floor)
        self.parts: dict[tuple[int, ...], Part] = {}  # the few distinct answers, made once
        self.weights: dict[tuple[float, str | None], Fraction] = {}
        self.required = any(level.required for level in framework.importance)
        self.zero = framework.scoring.unjudged == "zero"
        self.units = framework.scoring.units == "scale"
        self.bands = bool(framework.bands)
        place = {c.id: n for n, c in enumerate(framework.criteria)}
        self.everything = tuple(range(len(framework.criteria)))

        def group(kind: str, node: Aspect | Level) -> _Group:
            inner = tuple(group("level", sub) for sub in node.levels)
            members = tuple(place[c.id] for c in node.criteria)
            names = (tuple(c for g in inner for c in g.criteria) if inner
                     else tuple(c.id for c in node.criteria))  # fmt: skip
            return self.group(framework, kind, node, node.aggregate, members, inner, names)

        self.aspects = tuple(group("aspect", a) for a in framework.aspects)
        # a question's results, by what decides them (see scoring.recall), for each criterion
        # that can have them remembered: none with indicators or a weight by the pilot's details
        # (questions alike share one memory)
        memories: dict[Any, dict[Key, Remembered]] = {}
        self.remembered: list[dict[Key, Remembered] | None] = [
            None if shape is None else memories.setdefault(shape, {})
            for shape in (question_shape(framework, c) for c in framework.criteria)]
        self.overall = self.group(framework, "overall", framework, None, self.everything, (),
                                  tuple(c for g in self.aspects for c in g.criteria))

    def percent(self, unit_id: str, rating: float | None) -> float | None:
        """An indicator's percentage on its own answers, from the scoring floor."""
        if rating is None:
            return None
        return _indicator_percent(rating, self.floor_value, self.top_values[unit_id])

    def group(self, framework: Framework, kind: str, node: Any, how: str | None,
              members: tuple[int, ...], inner: tuple[_Group, ...],
              names: tuple[str, ...]) -> _Group:  # fmt: skip
        static = None if getattr(node, "weights_by", None) else _exactly(
            getattr(node, "weight", 1.0))  # fmt: skip
        shape = ((kind, *static.as_integer_ratio())
                 if static is not None and len(members) == 1 and not inner else None)  # fmt: skip
        return _Group(kind, node, how or framework.scoring.aggregate, static,
                      getattr(node, "title", ""), "overall" if kind == "overall" else node.id,
                      getattr(node, "description", None), getattr(node, "guidance", None),
                      members, inner, names, shape)  # fmt: skip


def _plan_of(framework: Framework) -> _Plan:
    """The framework's plan, made on first use and kept on the framework (as its own cached
    properties are: the framework is frozen, so it goes in the object's dictionary)."""
    found = framework.__dict__.get("_scoring_plan")
    if found is None:
        found = framework.__dict__["_scoring_plan"] = _Plan(framework)
    return found  # type: ignore[no-any-return]


class Rule:
    """One framework's rule, applied to one evidence file."""

    def __init__(self, framework: Framework, record: EvidenceFile,
                 plan: _Plan | None = None) -> None:  # fmt: skip
        self.framework, self.record = framework, record
        self.scoring = framework.scoring
        self.plan = plan = plan or _plan_of(framework)
        self.floor = plan.floor
        self.unmet: dict[str, bool] = {}  # item id -> counted as not met (required items)
        # item id -> why an answer that is not met counts as met (see CriterionScore.met_by)
        self.lenient: dict[str, str] = {}
        self._tops = plan.tops
        self._parts = plan.parts
        self._weights = plan.weights

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
                self.lenient[unit_id] = NA_MET
        elif status == RATED and rating is not None:
            value = _exactly(rating)
            if level is not None and value < top:
                justified = judgement is not None and bool((judgement.rationale or "").strip())
                if level.unmet_counts == "always" or (level.unmet_counts == "justified"
                                                      and justified):  # fmt: skip
                    value = top
                    self.lenient[unit_id] = level.unmet_counts
        elif status in (NO_JUDGEMENT, VERDICT) and self.scoring.unjudged == "zero":
            value = self.floor  # a verdict (too early to say) is no answer on its scale either
        if level is not None and level.required and not (
                status == NOT_APPLICABLE and value is None):
            self.unmet[unit_id] = value is None or value < top
        if value is None:
            return None
        # whole numbers hash fast; Fractions do not
        key = (*value.as_integer_ratio(), *top.as_integer_ratio(), *weight.as_integer_ratio())
        found = self._parts.get(key)
        if found is None:
            found = make_part(value, self.floor, top, weight)
            if self.plan.units:  # worked out once for the part, and for each group it makes
                found = found._replace(units=_units(self.framework, found))
            self._parts[key] = found
        return found

    def criterion(self, criterion: Criterion, scored: Mapping[str, Any]) -> Part | None:
        """The criterion as a part, from the fields of its result (see score.criterion_fields)."""
        judgements = self.record.judgements
        if scored["status"] == NOT_APPLICABLE:
            # Only an assessor's n/a can count (as met); what does not apply to the pilot
            # by its details is left out.
            if scored["not_applicable_reason"] != ASSESSOR_NA:
                return None
            whole = judgements.get(criterion.id)
            if criterion.indicators and whole is not None and whole.not_applicable:
                return self.answer(criterion, criterion.id, NOT_APPLICABLE, None,
                                   ASSESSOR_NA, whole)  # fmt: skip
        if scored["basis"] == AS_A_WHOLE:
            whole = judgements.get(criterion.id)
            rating = scored["rating"]
            status = RATED if rating is not None else "verdict"
            return self.answer(criterion, criterion.id, status, rating, None, whole)
        if criterion.judge == "criterion" and criterion.indicators:
            return self.answer(criterion, criterion.id, NO_JUDGEMENT, None, None, None)
        parts = []
        for unit, unit_score in zip(criterion.units, scored["indicators"], strict=True):
            part = self.answer(unit, unit.id, unit_score.status, unit_score.rating,
                               unit_score.not_applicable_reason, judgements.get(unit.id))
            if part is not None:
                parts.append(part)
        return combine(parts, self.scoring.criteria, self.weight_of(criterion))


def by_rule(framework: Framework, record: EvidenceFile,
            links: Mapping[str, list[EvidenceLink]], excluded: Mapping[str, str],
            criterion_fields: Callable[..., dict[str, Any]],
            banded: Callable[..., Any]) -> Assessment:  # fmt: skip
    """The Assessment under the framework's own rule (see the module's notes). Each
    criterion's result is made once, with the rule's numbers in it; each group's once, from
    the counts of its children. ``criterion_fields`` and ``banded`` are scoring.score's
    (handed in: that module calls this one)."""
    plan = _plan_of(framework)
    rule = Rule(framework, record, plan)
    percent = plan.percent
    parts: list[Part | None] = []  # by place in framework.criteria
    scored: list[CriterionScore] = []
    unmet_in: dict[str, tuple[str, ...]] = {}  # criterion id -> its required items not met
    judgements, narrative = record.judgements, record.narrative
    # by place: the question's remembered results, where it has them (see scoring.recall)
    recalled: list[Remembered | None] = []
    for criterion, memory in zip(framework.criteria, plan.remembered, strict=True):
        ident = criterion.id
        if memory is not None and not (links and ident in links):
            judgement = judgements.get(ident)
            found_key = question_key(judgement, excluded.get(ident))
            found = memory.get(found_key)
            if found is not None:
                parts.append(found.part)
                if found.unmet:
                    unmet_in[ident] = (ident,)
                scored.append(found.made(criterion, judgement, narrative.get(ident)))
                recalled.append(found)
                continue
        else:
            found_key = None
        fields = criterion_fields(framework, record, criterion, links, excluded, percent)
        if rule.unmet:
            rule.unmet = {}
        if rule.lenient:
            rule.lenient = {}
        part = rule.criterion(criterion, fields)
        parts.append(part)
        met = _met(part)
        if rule.unmet:
            unmet_here = tuple(k for k, v in rule.unmet.items() if v)
            if unmet_here:
                met = False
                unmet_in[criterion.id] = unmet_here
        met_by = None
        if rule.lenient:
            why = list(rule.lenient.values())
            met_by = next(w for w in ("justified", "always", NA_MET) if w in why)
            if NA_MET in why:
                _counted_as_met(fields, why.count(NA_MET), judgements.get(criterion.id))
        shown = _shown_criterion(framework, plan, fields, part, criterion, met, banded, met_by)
        scored.append(shown)
        if found_key is not None and memory is not None:
            memory[found_key] = found = Remembered(shown, part, ident in unmet_in)
            recalled.append(found)
        else:
            recalled.append(None)
    required = plan.required

    def build(g: _Group, children: Sequence[Part | None], inner: tuple[GroupScore, ...],
              tally: Tally) -> tuple[GroupScore, Part | None]:
        weight = g.weight if g.weight is not None else rule.own_weight(g.node)
        part = combine([p for p in children if p is not None], g.how, weight)
        unmet = (tuple(u for n in g.members for u in unmet_in.get(scored[n].id, ()))
                 if unmet_in else ())  # fmt: skip
        value = None if part is None else part.shown
        units, top = _units(framework, part) if plan.units else _NO_UNITS
        banding = _band(framework, plan, banded, value, tally[5], tally[4])
        fields = group_fields(framework, g.kind, g.node.id, g.title, g.criteria, tally, value,
                              banding, narrative.get(g.narrative_key), inner)  # fmt: skip
        fields.update(value=units, maximum=top, passed=(not unmet) if required else None,
                      unmet_required=unmet, description=g.description, guidance=g.guidance)
        shown: GroupScore = adopt(GroupScore, fields)
        return shown, part

    def group(g: _Group) -> tuple[GroupScore, Part | None]:
        # Counts add up: a group's are its inner groups' (each criterion counted once).
        if g.inner:
            done = [group(sub) for sub in g.inner]
            inner = tuple(shown for shown, _ in done)
            return build(g, [part for _, part in done], inner, summed(inner))
        members = g.members
        if len(members) == 1:  # a group of one question (SAMM's maturity level)
            only = members[0]
            memory = recalled[only] if g.shape is not None else None
            if memory is not None:
                again = memory.made_group(g, narrative.get(g.narrative_key))
                if again is not None:
                    return again
            made = build(g, (parts[only],), (), counted((scored[only],)))
            if memory is not None:
                memory.keep_group(g.shape, *made)
            return made
        return build(g, [parts[n] for n in members], (), counted([scored[n] for n in members]))

    top = [group(g) for g in plan.aspects]
    aspects = tuple(shown for shown, _ in top)
    overall, _ = build(plan.overall, [part for _, part in top], (), summed(aspects))
    return Assessment(framework, record, tuple(scored), aspects, overall)


@lru_cache(maxsize=256)
def _exactly(rating: float) -> Fraction:
    return Fraction(exact(float(rating)))


def _met(part: Part | None) -> bool | None:
    if part is None:
        return None
    return part.met if part.met is not None else part.value >= part.maximum


_NO_UNITS: tuple[None, None] = (None, None)


def _units(framework: Framework, part: Part | None) -> tuple[float | None, float | None]:
    """The score in the framework's own units, and its maximum, as shown."""
    if part is None:
        return _NO_UNITS
    if part.units is not None:
        return part.units
    places = framework.scoring.decimals
    value, top = part.value, part.maximum
    return _rounded(*value.as_integer_ratio(), places), _rounded(*top.as_integer_ratio(), places)


def _band(framework: Framework, plan: _Plan, banded: Callable[..., Any], value: float | None,
          scored: int, total: int) -> tuple[Any, bool, Any]:
    """A criterion's or group's band, whether it is provisional, and the band held back.
    Where items not yet judged count (``unjudged: zero``) nothing is missing: never
    provisional."""
    if plan.zero:
        return (framework.band_for(value) if plan.bands else None), False, None
    return banded(framework, value, scored, total)


def _shown_criterion(framework: Framework, plan: _Plan, fields: dict[str, Any],
                     part: Part | None, criterion: Criterion, met: bool | None,
                     banded: Callable[..., Any],
                     met_by: str | None = None) -> CriterionScore:  # fmt: skip
    """The criterion's result, made once: laaeval's fields with the rule's numbers put in
    (``fields`` is taken as the result's own dictionary, see result.adopt)."""
    status = fields["status"]
    if status == NOT_JUDGED or not fields["applicable"]:  # counted in its groups, not shown
        part = None
    value = None if part is None else part.shown
    units, top = _units(framework, part) if plan.units else _NO_UNITS
    if part is None and status == NOT_APPLICABLE:
        band, provisional, provisional_band = None, False, None
    else:
        band, provisional, provisional_band = _band(framework, plan, banded, value,
                                                    fields["scored"], fields["total"])
    fields.update(score=value, band=band, provisional=provisional,
                  provisional_band=provisional_band, value=units, maximum=top,
                  importance=criterion.importance, met=met, met_by=met_by)  # fmt: skip
    return adopt(CriterionScore, fields)


def _counted_as_met(fields: dict[str, Any], answers: int, whole: Judgement | None) -> None:
    """An assessor's n/a that the rule counts as met (``not_applicable: met``) counts in the
    pilot's assessment like any answer: its row shows the score it adds, and the counts
    include it (``answers``: the indicators so answered), so that the rows add up to the
    totals. The status stays what the assessor said, with its rationale."""
    if fields["applicable"]:  # some of its indicators n/a, counted as met, beside the rest
        judged, total = fields["judged"] + answers, fields["total"] + answers
        fields.update(judged=judged, total=total, scored=fields["scored"] + answers,
                      coverage=judged / total)
        return
    # n/a as a whole, or every indicator: it answers for all that the pilot's details keep
    answers = sum(u.not_applicable_reason in (None, ASSESSOR_NA) for u in fields["indicators"])
    answers = answers or 1
    own = fields["evidence"]  # what bears on it as a whole: all it has, when it is n/a
    fields.update(applicable=True, judged=answers, total=answers, scored=answers,
                  coverage=1.0, rationale=fields["rationale"] or (
                      whole.rationale if whole is not None else None),
                  strength=strength_of(own)[0] if own else NONE)  # fmt: skip


@lru_cache(maxsize=1024)
def _indicator_percent(rating: float, floor: float, top: float) -> float | None:
    return shown_percent(make_part(_exactly(rating), _exactly(floor), _exactly(top),
                                   Fraction(1)))  # fmt: skip
