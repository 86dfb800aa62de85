"""A group's counts, from its criteria or from the groups within it, each in one pass: how
many criteria apply, are scored, have a verdict or none yet; how many indicators are judged,
applicable and scored; how many criteria are contested or mixed, how many ratings have no
evidence behind them, and how many criteria have each strength of evidence. Both of
laaeval's rules count a group the same way (scoring.score for its first rule, scoring.rules
for a framework's own)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..model.framework import Band, Framework
from .result import (
    CORROBORATED,
    NONE,
    NOT_JUDGED,
    SINGLE,
    STRENGTHS,
    TRIANGULATED,
    VERDICT,
    CriterionScore,
    GroupScore,
)

# A group's counts: criteria applicable, scored and not judged; indicators judged, applicable
# and scored; criteria contested and mixed; ratings unsupported; criteria per strength; and
# criteria per verdict id.
Tally = tuple[int, int, int, int, int, int, int, int, int, dict[str, int], dict[str, int]]


def counted(members: Sequence[CriterionScore]) -> Tally:
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
    return (applicable, scored_criteria, unjudged, judged, total, scored, contested, mixed,
            unsupported, strength, verdicts)  # fmt: skip


def summed(groups: Sequence[GroupScore]) -> Tally:
    """A group's counts from the groups directly within it, in one pass."""
    applicable = scored_criteria = unjudged = judged = total = scored = 0
    contested = mixed = unsupported = 0
    weak = single = corroborated = triangulated = 0
    verdicts: dict[str, int] = {}
    for g in groups:
        applicable += g.criteria_applicable
        scored_criteria += g.criteria_scored
        unjudged += g.criteria_unjudged
        judged += g.judged
        total += g.total
        scored += g.scored
        contested += g.contested
        mixed += g.mixed
        unsupported += g.unsupported
        inner = g.strength
        weak += inner[NONE]
        single += inner[SINGLE]
        corroborated += inner[CORROBORATED]
        triangulated += inner[TRIANGULATED]
        if g.criteria_verdicts:
            for k, n in g.criteria_verdicts.items():
                verdicts[k] = verdicts.get(k, 0) + n
    strength = {NONE: weak, SINGLE: single, CORROBORATED: corroborated,
                TRIANGULATED: triangulated}  # in the order of STRENGTHS
    return (applicable, scored_criteria, unjudged, judged, total, scored, contested, mixed,
            unsupported, strength, verdicts)  # fmt: skip


def group_fields(framework: Framework, kind: str, ident: str, title: str,
                 criteria: tuple[str, ...], tally: Tally, value: float | None,
                 banding: tuple[Band | None, bool, Band | None], narrative: str | None,
                 levels: tuple[GroupScore, ...]) -> dict[str, Any]:  # fmt: skip
    """The fields of a group's GroupScore that both rules fill alike: its counts (``tally``),
    its score as shown and its band (``banding``: the band, whether it is provisional, the
    band held back)."""
    (applicable, scored_criteria, unjudged, judged, total, scored, contested, mixed,
     unsupported, strength, verdicts) = tally  # fmt: skip
    band, provisional, provisional_band = banding
    return {
        "kind": kind, "id": ident, "title": title, "criteria": criteria,
        "criteria_applicable": applicable, "criteria_scored": scored_criteria,
        "criteria_verdicts": {v.id: verdicts[v.id] for v in framework.verdicts
                              if verdicts.get(v.id)} if verdicts else {},
        "criteria_unjudged": unjudged, "judged": judged, "total": total,
        "scored": scored, "coverage": judged / total if total else None,
        "score": value, "band": band, "provisional": provisional,
        "provisional_band": provisional_band, "strength": strength,
        "contested": contested, "mixed": mixed, "unsupported": unsupported,
        "narrative": narrative, "levels": levels,
    }  # fmt: skip
