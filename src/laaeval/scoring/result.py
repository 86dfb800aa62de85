"""What scoring produces: an Assessment of one evidence file, criterion by criterion and up
through levels and aspects. Every renderer reads these; none recomputes a number."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import MISSING, dataclass, fields
from typing import Any, NamedTuple, TypeVar

from ..model.evidence import EvidenceFile
from ..model.framework import Band, Framework, Source, Verdict

# Strength of evidence, weakest first.
NONE, SINGLE, CORROBORATED, TRIANGULATED = "none", "single source", "corroborated", "triangulated"
STRENGTHS = (NONE, SINGLE, CORROBORATED, TRIANGULATED)

# What an indicator's judgement is.
RATED, VERDICT, NOT_APPLICABLE, NO_JUDGEMENT = (
    "rated", "verdict", "not applicable", "no judgement yet",
)  # fmt: skip
# What a criterion's result is.
SCORED, NOT_JUDGED = "scored", "not yet judged"  # or VERDICT, or NOT_APPLICABLE
# An assessor's n/a that the framework's rule counts as met (CriterionScore.met_by).
NA_MET = "not_applicable"
# Where a criterion's score comes from.
AS_A_WHOLE, FROM_INDICATORS = "criterion", "indicators"


class EvidenceLink(NamedTuple):
    """One evidence item as it bears on one point (a criterion as a whole, or an indicator).

    A named tuple rather than a dataclass: there is one for every point of every item of
    every file scored, and a tuple is made several times faster."""

    item_id: str
    sources: tuple[str, ...]
    kinds: frozenset[str]  # views and/or documentation
    perspective: str | None
    named: str | None  # the organisation or speaker, case-folded, if the item names one
    basis: str  # primary | synthesis
    stance: str  # supports | challenges | neutral
    source_key: tuple[str | None, ...]  # the same key: the same independent source


@dataclass(frozen=True)
class Contest:
    """A point on which people disagree: primary views that support it and challenge it."""

    point: str  # the criterion or indicator id
    supports: tuple[str, ...]  # evidence item ids
    challenges: tuple[str, ...]


@dataclass(frozen=True)
class IndicatorScore:
    id: str
    text: str
    criterion_id: str
    direct: bool
    weight: float
    status: str  # rated | verdict | not applicable | no judgement yet
    rating: int | None
    rating_label: str | None
    verdict: Verdict | None
    rationale: str | None
    not_applicable_reason: str | None
    score: float | None
    evidence: tuple[EvidenceLink, ...]
    strength: str | None  # None until it is judged: a grade must not read as a verdict
    sources: int  # independent primary sources behind it
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
    status: str  # scored | verdict | not applicable | not yet judged
    basis: str | None  # criterion (judged as a whole) | indicators (scored from them) | None
    rating: int | None  # the judgement of the criterion as a whole, if any
    rating_label: str | None
    verdict: Verdict | None
    rationale: str | None
    judged: int  # applicable indicators judged (all of them, when judged as a whole)
    total: int  # applicable indicators (or 1 for a criterion judged directly)
    scored: int  # applicable indicators the score rests on
    coverage: float | None
    score: float | None
    band: Band | None  # None when there is no score, or it is provisional
    provisional: bool  # a score over too little of the criterion to give a band
    provisional_band: Band | None  # the band it would have
    indicator_score: float | None  # the indicators' own mean, beside a judgement as a whole
    differs: bool  # that mean is more than one band from the judgement as a whole
    strength: str | None  # None until it is judged
    sources: int  # independent primary sources behind it
    contested: bool
    contest_finding: bool | None  # the assessor's own finding, where it overrides laaeval's
    contests: tuple[Contest, ...]  # the points people dispute, as laaeval finds them
    mixed: bool  # evidence both ways that is not a dispute
    unsupported: int  # ratings with no evidence behind them
    evidence: tuple[EvidenceLink, ...]  # on the criterion as a whole
    evidence_items: tuple[str, ...]  # every item on it or its applicable indicators
    source_types: tuple[str, ...]
    gaps: tuple[Source, ...]
    indicators: tuple[IndicatorScore, ...]
    narrative: str | None
    # Under a framework's own scoring rule (see scoring.rules): the score in its units.
    value: float | None = None
    maximum: float | None = None
    importance: str | None = None
    met: bool | None = None  # counted as met (its highest answer, or as the rule allows)
    # An answer below the highest counted as met, as its importance allows: "justified" (a
    # SHOULD unmet, with a rationale) or "always" (a SUGGESTED); or an assessor's n/a that
    # the rule counts as met: "not_applicable" (NA_MET); None if none was.
    met_by: str | None = None


@dataclass(frozen=True)
class GroupScore:
    """A level, an aspect, or the whole framework."""

    kind: str  # level | aspect | overall
    id: str
    title: str
    criteria: tuple[str, ...]
    criteria_applicable: int
    criteria_scored: int
    criteria_verdicts: Mapping[str, int]  # verdict id -> criteria given it
    criteria_unjudged: int
    judged: int
    total: int
    scored: int
    coverage: float | None
    score: float | None
    band: Band | None
    provisional: bool
    provisional_band: Band | None
    strength: Mapping[str, int]  # judged criteria per evidence strength
    contested: int  # criteria where people disagree
    mixed: int  # criteria with evidence both ways that is not a dispute
    unsupported: int  # ratings with no evidence behind them
    narrative: str | None
    levels: tuple[GroupScore, ...] = ()  # the groups within this one, to any depth
    value: float | None = None  # in the framework's own units, where it scores in them
    maximum: float | None = None
    passed: bool | None = None  # None: the framework has no required importance
    unmet_required: tuple[str, ...] = ()  # items of a required importance not met
    description: str | None = None
    guidance: str | None = None


@dataclass(frozen=True)
class Assessment:
    framework: Framework
    record: EvidenceFile
    criteria: tuple[CriterionScore, ...]
    aspects: tuple[GroupScore, ...]
    overall: GroupScore

    def criterion(self, ident: str) -> CriterionScore:
        return next(c for c in self.criteria if c.id == ident)


# -- making results quickly ----------------------------------------------------------------
#
# Scoring makes an IndicatorScore for every point, a CriterionScore for every criterion and a
# GroupScore for every group of every file. The __init__ that dataclasses writes for a frozen
# class sets each field through object.__setattr__, one call per field: for these 17 to 40
# fields, two to four times the cost of filling the object's dictionary with its fields
# (measured with timeit, keyword arguments passed in both ways). These classes have no
# __post_init__, no field outside __init__ and no default factory, so that makes the same
# object.
# The number of fields is checked on every call: a field left out or one too many fails at
# once, and a misspelt one (one of each) leaves a field unset, which fails where it is read.

_Result = TypeVar("_Result", "IndicatorScore", "CriterionScore", "GroupScore")


def _shape(cls: type) -> tuple[int, dict[str, object]]:
    return len(fields(cls)), {f.name: f.default for f in fields(cls) if f.default is not MISSING}


_SHAPES = {cls: _shape(cls) for cls in (IndicatorScore, CriterionScore, GroupScore)}


def made(cls: type[_Result], **given: Any) -> _Result:
    """``cls(**given)``, made by filling the object's dictionary (see above)."""
    return adopt(cls, given)


def adopt(cls: type[_Result], given: dict[str, Any]) -> _Result:
    """``cls(**given)``, made by filling the object's own dictionary from ``given`` (which
    the caller lets go of: defaults may be put in it): the fastest way, for the results made
    most often. (Filling the dictionary Python gives a new object is faster again than
    handing it ``given`` as its dictionary: timeit, 480 against 770 ns for 41 fields.)"""
    size, defaults = _SHAPES[cls]
    if len(given) != size:
        for name, value in defaults.items():
            given.setdefault(name, value)
        if len(given) != size:
            known = {f.name for f in fields(cls)}
            raise TypeError(f"{cls.__name__}: fields {sorted(given.keys() ^ known)} are wrong")
    result = object.__new__(cls)
    result.__dict__.update(given)  # (faster than handing it ``given`` as its dictionary)
    return result


def evolve(record: _Result, **changes: Any) -> _Result:
    """``dataclasses.replace(record, **changes)``, made the same way."""
    given = record.__dict__.copy()
    given.update(changes)
    if len(given) != len(record.__dict__):
        raise TypeError(f"no such field: {sorted(changes.keys() - record.__dict__.keys())}")
    result = object.__new__(record.__class__)
    object.__setattr__(result, "__dict__", given)
    return result
